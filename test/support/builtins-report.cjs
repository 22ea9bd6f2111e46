// Test-only preload (node --require; CommonJS, as a single executable takes only that from
// NODE_OPTIONS) for the real bin or executable: the public built-in modules first loaded
// AFTER the launcher set its V8 flag (each compiled without Node's code cache), written as JSON to
// $CRISOCK_BUILTINS_REPORT when the first output containing $CRISOCK_BUILTINS_MARK is written;
// with CRISOCK_BUILTINS_INTERNAL=1 Node's internal modules too.
'use strict';
const {writeFileSync} = require('node:fs');
const {builtinModules, syncBuiltinESMExports} = require('node:module');
const v8 = require('node:v8');

const publicModules = new Set(builtinModules.filter(id => !id.startsWith('_')).map(id => `NativeModule ${id}`));
let atFlag;
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = flags => {
	atFlag ??= new Set(process.moduleLoadList);
	return setFlags(flags);
};
syncBuiltinESMExports();

const write = process.stdout.write;
let done = false;
process.stdout.write = function (chunk, ...rest) {
	if (!done && String(chunk).includes(process.env.CRISOCK_BUILTINS_MARK)) {
		done = true;
		const counted = m => m.startsWith('NativeModule ') && (process.env.CRISOCK_BUILTINS_INTERNAL === '1' || publicModules.has(m));
		const after = atFlag ? process.moduleLoadList.filter(m => !atFlag.has(m) && counted(m)).map(m => m.slice('NativeModule '.length)) : undefined;
		writeFileSync(process.env.CRISOCK_BUILTINS_REPORT, JSON.stringify({flagSet: Boolean(atFlag), after}));
	}
	return write.call(this, chunk, ...rest);
};
