// Entry of the single executable (scripts/build-exe.mjs): the same launcher rule as
// bin/crisock-tui.js, then the CLI. The CLI is a second script (an asset of the executable,
// dist/exe/cli.cjs at build time) compiled here with a V8 code cache the build trained for it, as
// bin/run-bundle.js does for the bin: Node's own SEA code cache is made right after compiling, so
// it holds little more than the top level, and start-up compiled the rest. The environment is
// adjusted before ink is evaluated.
//
// ink treats any CI variable as "no live terminal"; a person at a real TTY gets the live
// screen even where CI is set.
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createRequire, isBuiltin, Module} from 'node:module';
import path from 'node:path';
import * as sea from 'node:sea';
import {fileURLToPath} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import vm from 'node:vm';
// @ts-expect-error plain .js launcher module without types
import {loadDashboardBuiltins} from '../bin/dashboard-builtins.js';

// V8 grows its young generation to 2×16 MiB in a burst of allocation (decoding a 10,000-container
// answer) and keeps it: a third of the resident memory at 10,000 containers. With growth off it
// stays at 2×1 MiB and a scavenge runs each MiB allocated, each cheap (measured at 10,000: peak
// RSS −40 MiB for +7 % CPU). This flag is read whenever V8 considers growing, so setting it here
// works; --max-semi-space-size is fixed at start-up and would need node's command line.
// Not for a one-shot print (not a terminal): it exits at once, and there the extra scavenges
// were ~7 % of its CPU.
// The dashboard's built-ins are loaded first, so they keep Node's code cache (a flag set at run
// time makes V8 reject it: bin/dashboard-builtins.js).
const terminal = Boolean(process.stdout.isTTY && process.stdin.isTTY);
if (terminal) {
	loadDashboardBuiltins();
	setFlagsFromString('--semi-space-growth-factor=1');
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
}

/** An asset of the executable, or undefined when the build put none under that name. */
function asset(name: string): ArrayBuffer | undefined {
	try {
		return sea.getRawAsset(name) as ArrayBuffer;
	} catch {
		return undefined;
	}
}

// Inside the executable this is the executable itself; in the build's training runs (the same
// Node.js running dist/exe/crisock-tui.cjs) the script beside dist/exe/cli.cjs.
const self = fileURLToPath(import.meta.url);
const inside = sea.isSea();
const file = inside ? self : path.join(path.dirname(self), 'cli.cjs');
// Two caches, as for the bin: the dashboard's, and the one-shot print's (not a terminal).
const cacheName = terminal ? 'cli.cjs.cache' : 'cli.cjs.print.cache';
const source = inside ? sea.getAsset('cli.cjs', 'utf8') : readFileSync(file, 'utf8');
/**
 * True in one of the build's training runs, never inside the executable: they carry the one-time
 * token the build writes beside the script (scripts/code-cache.mjs), as bin/run-bundle.js checks.
 */
function trainingRun(): boolean {
	const {env} = process;
	if (inside || !env.CRISOCK_CODE_CACHE_TOKEN || !(env.CRISOCK_CODE_CACHE_AFTER_MS || env.CRISOCK_CODE_CACHE_AT_EXIT)) return false;
	try {
		return readFileSync(`${file}.train-token`, 'utf8') === env.CRISOCK_CODE_CACHE_TOKEN;
	} catch {
		return false;
	}
}

const training = trainingRun();
const trainMs = training ? Number(process.env.CRISOCK_CODE_CACHE_AFTER_MS) || 0 : 0;
const trainAtExit = training && process.env.CRISOCK_CODE_CACHE_AT_EXIT === '1';
const cached = inside ? asset(cacheName) : undefined;
const script = new vm.Script(Module.wrap(source), {filename: file, cachedData: cached ? new Uint8Array(cached) : undefined});

const writeCache = () => {
	const target = path.join(path.dirname(file), cacheName);
	writeFileSync(`${target}.partial-${process.pid}`, script.createCachedData());
	renameSync(`${target}.partial-${process.pid}`, target);
};
if (trainMs) {
	setTimeout(() => {
		writeCache();
		process.kill(process.pid, 'SIGTERM');
	}, trainMs).unref();
}
if (trainAtExit) process.on('exit', writeCache);

// Built-in modules only, as Node's require inside an executable: the bundle holds everything else,
// and its optional packages (bufferutil, …) must not be picked up from a node_modules on disk.
const requireFile = createRequire(file);
const requireBuiltin = (id: string): unknown => {
	if (!isBuiltin(id)) throw Object.assign(new Error(`Cannot find module '${id}'`), {code: 'MODULE_NOT_FOUND'});
	return requireFile(id);
};
const module = {exports: {}};
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireBuiltin, module, file, path.dirname(file));
