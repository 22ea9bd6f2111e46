// Runs the CLI from dist/cli.cjs (the whole CLI as one CommonJS script) with the V8 code cache
// the build made for it, dist/cli.cjs.cache: Node 20 has no compile cache for modules, and a
// script's cachedData is how V8 skips compiling. The build makes the cache after a run of the
// dashboard (scripts/code-cache.mjs), so it holds the functions start-up compiles, not only the
// top level. A cache V8 rejects (another Node.js version, other flags) only costs its read: the
// script compiles as without one. Without dist/cli.cjs the ES module bundle runs.
'use strict';
const {readFileSync, renameSync, writeFileSync} = require('node:fs');
const {createRequire, Module} = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** Runs the CLI; resolves at once, or once the ES module bundle is loaded when there is no dist/cli.cjs. */
async function runBundle() {
	const dist = path.join(__dirname, '..', 'dist');
	const file = path.join(dist, 'cli.cjs');
	let source;
	try {
		source = readFileSync(file, 'utf8');
	} catch {
		await import('../dist/cli.js');
		return;
	}

	// Two caches: the dashboard's, and the one-shot print's (stdout or stdin not a terminal, as
	// source/cli.tsx decides), which holds only what a print compiles: half the size to read.
	const cacheFile = process.stdout.isTTY && process.stdin.isTTY ? `${file}.cache` : `${file}.print.cache`;
	// Set only by the build's training runs (scripts/code-cache.mjs): after this many ms, or at exit, write the cache.
	const training = trainingRun(file);
	const trainMs = training ? Number(process.env.CRISOCK_CODE_CACHE_AFTER_MS) || 0 : 0;
	const trainAtExit = training && process.env.CRISOCK_CODE_CACHE_AT_EXIT === '1';
	let cachedData;
	if (!trainMs && !trainAtExit) {
		try {
			cachedData = readFileSync(cacheFile);
		} catch {}
	}

	const script = new vm.Script(Module.wrap(source), {filename: file, cachedData});
	if (trainMs) {
		setTimeout(() => {
			const partial = `${cacheFile}.partial-${process.pid}`;
			writeFileSync(partial, script.createCachedData());
			renameSync(partial, cacheFile);
			process.kill(process.pid, 'SIGTERM');
		}, trainMs).unref();
	}

	if (trainAtExit) {
		process.on('exit', () => {
			const partial = `${cacheFile}.partial-${process.pid}`;
			writeFileSync(partial, script.createCachedData());
			renameSync(partial, cacheFile);
		});
	}

	const module = {exports: {}};
	script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
}

/**
 * True in one of the build's training runs: they carry the one-time token the build writes beside
 * the bundle for them and removes after them. So a stray CRISOCK_CODE_CACHE_AFTER_MS or
 * CRISOCK_CODE_CACHE_AT_EXIT on a node cannot make the bin write into its install directory or
 * end itself. Without those variables nothing more is read.
 */
function trainingRun(bundle) {
	const env = process.env;
	if (!env.CRISOCK_CODE_CACHE_TOKEN || !(env.CRISOCK_CODE_CACHE_AFTER_MS || env.CRISOCK_CODE_CACHE_AT_EXIT)) return false;
	try {
		return readFileSync(`${bundle}.train-token`, 'utf8') === env.CRISOCK_CODE_CACHE_TOKEN;
	} catch {
		return false;
	}
}

module.exports = {runBundle};
