// Preload (node -r) for bench/floor-start.ts: the process's CPU-ms (user + system, all threads)
// at the marks of a start up to its first frame with live data, without any hook in the
// product: Node's bootstrap done (this preload runs), the script about to compile (the launcher
// has loaded its built-ins, set its flag, read the bundle and its code cache), compiled, its top
// level evaluated, the first write to stdout, and the write that shows a live token (a line of
// FLOOR_TOKENS, or floor-ready). Also the GC pauses and whether V8 took the code cache. One JSON
// line is appended to FLOOR_PHASES at the live frame; the program runs on.
'use strict';
const {appendFileSync, readFileSync} = require('node:fs');
const {PerformanceObserver} = require('node:perf_hooks');
const vm = require('node:vm');

const cpu = () => {
	const {user, system} = process.cpuUsage();
	return (user + system) / 1000;
};
const marks = {bootstrap: cpu()};
const mark = name => {
	if (!(name in marks)) marks[name] = cpu();
};
const tokens = process.env.FLOOR_TOKENS ? readFileSync(process.env.FLOOR_TOKENS, 'utf8').split('\n').filter(Boolean) : [];
let gcMs = 0;
let gcs = 0;
new PerformanceObserver(list => {
	for (const entry of list.getEntries()) {
		gcMs += entry.duration;
		gcs++;
	}
}).observe({entryTypes: ['gc']});

let cache = 'none';
const Script = vm.Script;
vm.Script = class extends Script {
	constructor(code, options) {
		mark('read');
		super(code, options);
		mark('compiled');
		if (options?.cachedData) cache = this.cachedDataRejected ? 'rejected' : 'accepted';
	}

	runInThisContext(...args) {
		const fn = super.runInThisContext(...args);
		return (...call) => {
			const result = fn(...call);
			mark('evaluated');
			return result;
		};
	}
};

const write = process.stdout.write;
let done = false;
process.stdout.write = function (chunk, ...rest) {
	mark('firstWrite');
	const result = write.call(this, chunk, ...rest);
	const text = String(chunk);
	if (!done && (text.includes('floor-ready') || tokens.some(token => text.includes(token)))) {
		done = true;
		mark('liveFrame');
		appendFileSync(process.env.FLOOR_PHASES, `${JSON.stringify({marks, gcMs, gcs, cache})}\n`);
	}
	return result;
};
