// Test-only preload (node --import) for the real bin: the public built-in modules first loaded
// AFTER the launcher set its V8 flag (each compiled without Node's code cache), written as JSON to
// $CRISOCK_BUILTINS_REPORT when the first output containing $CRISOCK_BUILTINS_MARK is written.
import {writeFileSync} from 'node:fs';
import {builtinModules, syncBuiltinESMExports} from 'node:module';
import v8 from 'node:v8';

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
		const after = atFlag ? process.moduleLoadList.filter(m => !atFlag.has(m) && publicModules.has(m)).map(m => m.slice('NativeModule '.length)) : undefined;
		writeFileSync(process.env.CRISOCK_BUILTINS_REPORT, JSON.stringify({flagSet: Boolean(atFlag), after}));
	}
	return write.call(this, chunk, ...rest);
};
