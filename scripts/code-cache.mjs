// The bin's V8 code cache (bin/run-bundle.js): dist/cli.cjs, the whole CLI as one CommonJS script,
// and dist/cli.cjs.cache, made by this Node.js after a run of the dashboard against the simulated
// node (served by the CLI in its own process) in a pseudo-terminal (util-linux `script`), so the
// cache holds the functions that
// start-up compiles (a cache made right after compiling holds little more than the top level,
// since V8 compiles a function when it first runs). A cache made by another Node.js version than
// the one running the bin is rejected by V8 and only costs its read.
//
// A second cache, dist/cli.cjs.print.cache, is made by a one-shot print (stdout a pipe) against
// the simulated node served on a private socket: a print reads it instead of the dashboard's, so
// it deserialises only what it runs (half the bytes) and compiles none of its own functions.
import {execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** Writes dist/cli.cjs and, when a pseudo-terminal can be had, dist/cli.cjs.cache and dist/cli.cjs.print.cache. */
export async function buildCodeCache(root, shared) {
	const bundle = path.join(root, 'dist', 'cli.cjs');
	await buildCommonJs(shared, path.join(root, 'source', 'cli.tsx'), bundle, 'node20');
	await trainCaches([process.execPath, path.join(root, 'bin', 'crisock-tui.js')], bundle, 'the bin');
}

/** The CLI as one CommonJS script at `bundle`, its caches (which no longer fit it) removed. */
export async function buildCommonJs(shared, entry, bundle, target) {
	// V8 checks a cache against the script's length, not its text: the old ones go first.
	rmSync(`${bundle}.cache`, {force: true});
	rmSync(`${bundle}.print.cache`, {force: true});
	const partial = `${bundle}.partial-${process.pid}`;
	await esbuild.build({
		...shared,
		entryPoints: [entry],
		outfile: partial,
		format: 'cjs',
		target,
		define: {...shared.define, 'import.meta': '__crisockMeta'},
		banner: {js: 'var __crisockMeta = {url: require("node:url").pathToFileURL(__filename).href};'},
	});
	// Renamed into place: a bin started during the build never reads half a file.
	renameSync(partial, bundle);
}

/**
 * Runs the CLI (`run`: a Node.js and its launcher, which writes `${bundle}.cache` or
 * `${bundle}.print.cache`) twice against the simulated node served by the CLI itself in its own
 * process: the dashboard in a pseudo-terminal, then a piped print. Each cache then holds the
 * client's functions only: with --demo the dashboard's also held the simulated node's server
 * (compiled in the same process), which every start deserialised for nothing.
 */
export async function trainCaches(run, bundle, what) {
	// The launcher trains only when the token in its environment matches this file's
	// (bin/run-bundle.js, source/exe-entry.ts), which exists for these runs alone.
	const token = randomBytes(32).toString('hex');
	const tokenFile = `${bundle}.train-token`;
	writeFileSync(tokenFile, token, {mode: 0o600});
	const dir = mkdtempSync(path.join(tmpdir(), 'crisock-cache-'));
	const socket = path.join(dir, 'cri.sock');
	const sim = spawn(run[0], [...run.slice(1), 'sim', '--containers', '100', '--socket', socket], {stdio: ['ignore', 'pipe', 'inherit']});
	try {
		const serving = await untilServing(sim).then(() => true, error => {
			process.stderr.write(`the simulated node for the code caches of ${what} did not start (${error.message}): the dashboard's trains with --demo, the print's is not made\n`);
			return false;
		});
		trainDashboard(run, bundle, what, token, serving ? ['-r', `unix://${socket}`] : ['--demo']);
		if (serving) trainPrint(run, `${bundle}.print.cache`, what, token, socket);
	} finally {
		sim.kill('SIGTERM');
		rmSync(dir, {recursive: true, force: true});
		rmSync(tokenFile, {force: true});
	}
}

/** Resolves when the simulated node prints its endpoint; rejects if it exits or takes 60 s. */
function untilServing(sim) {
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error('not serving within 60 s')), 60_000);
		sim.stdout.on('data', chunk => {
			out += chunk;
			if (out.includes('serving on')) {
				clearTimeout(timer);
				resolve();
			}
		});
		sim.once('exit', code => {
			clearTimeout(timer);
			reject(new Error(`it exited (${code})`));
		});
	});
}

/** The dashboard's cache: a run of the dashboard (`target`: its endpoint flags) in a pseudo-terminal that writes it after 6 s. */
function trainDashboard(run, bundle, what, token, target) {
	const command = `stty cols 80 rows 24 && exec ${[...run, ...target].map(word => JSON.stringify(word)).join(' ')}`;
	try {
		execFileSync('script', ['-qec', command, '/dev/null'], {
			stdio: 'ignore', timeout: 120_000,
			// 6 s: the dashboard has drawn its rows by then even on a busy machine.
			env: {...process.env, CRISOCK_CODE_CACHE_AFTER_MS: '6000', CRISOCK_CODE_CACHE_TOKEN: token, TERM: 'xterm-256color', CI: ''},
		});
	} catch (error) {
		// SIGTERM ends the training run (exit 143); only a missing cache is a failure.
		if (!existsSync(`${bundle}.cache`)) process.stderr.write(`no code cache for ${what} (${error.message.split('\n')[0]}): it starts without one\n`);
	}
}

/** The one-shot print's cache: a print of the simulated node (100 containers) at `socket` that writes it at exit. */
function trainPrint(run, printCache, what, token, socket) {
	try {
		execFileSync(run[0], [...run.slice(1), '-r', `unix://${socket}`], {
			stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000, env: {...process.env, CRISOCK_CODE_CACHE_AT_EXIT: '1', CRISOCK_CODE_CACHE_TOKEN: token},
		});
	} catch (error) {
		if (!existsSync(printCache)) process.stderr.write(`no code cache for the one-shot print of ${what} (${error.message.split('\n')[0]}): it starts without one\n`);
	}
}
