// The bin's V8 code caches (bin/run-bundle.js, scripts/code-cache.mjs) as built: V8 takes them under
// the launcher's own flags, a run in a terminal reads the dashboard's and a piped run the one-shot
// print's, and a cache that does not fit is ignored, not obeyed; the training switches work only with
// the build's one-time token. Needs `npm run build`.
import {test, describe, before} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {holdsFor, waitFor} from '../support/wait.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const report = fileURLToPath(new URL('../support/code-cache-report.mjs', import.meta.url));

function version(binDir: string) {
	const r = spawnSync(process.execPath, ['--import', report, join(binDir, 'crisock-tui.js'), '--version'], {encoding: 'utf8', timeout: 60_000});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** `--version` with stdin and stdout a terminal (util-linux `script`): what it printed, stderr included. */
function versionInTerminal(binDir: string) {
	const command = [process.execPath, '--import', report, join(binDir, 'crisock-tui.js'), '--version'].map(w => JSON.stringify(w)).join(' ');
	const r = spawnSync('script', ['-qec', command, '/dev/null'], {encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe']});
	return {code: r.status, output: r.stdout.replaceAll('\r', '')};
}

/** A copy of bin/ and dist/cli.cjs with the given caches (bytes), removed by the caller. */
function copyWith(caches: Record<string, Buffer>): string {
	const copy = mkdtempSync(join(tmpdir(), 'crisock-cache-'));
	cpSync(join(root, 'bin'), join(copy, 'bin'), {recursive: true});
	cpSync(join(root, 'dist', 'cli.cjs'), join(copy, 'dist', 'cli.cjs'));
	copyFileSync(join(root, 'package.json'), join(copy, 'package.json'));
	for (const [name, bytes] of Object.entries(caches)) writeFileSync(join(copy, 'dist', name), bytes);
	return copy;
}

/** The copy's bin serving a simulated node (long-running, no terminal needed) with `env` added. */
async function serveWith(copy: string, env: Record<string, string>) {
	const socket = join(copy, 'sim.sock');
	const child = spawn(process.execPath, [join(copy, 'bin', 'crisock-tui.js'), 'sim', '--socket', socket, '--containers', '3'], {
		env: {...process.env, ...env}, stdio: 'ignore',
	});
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});
	await waitFor(() => existsSync(socket) || exited, {timeoutMs: 60_000, what: 'the simulated node to listen'});
	return {child, exited: () => exited};
}

const strays: Array<Record<string, string>> = [{}, {CRISOCK_CODE_CACHE_TOKEN: 'guessed'}];

describe('bin code cache', () => {
	before(() => {
		assert.ok(existsSync(join(root, 'dist', 'cli.cjs')), 'no dist/cli.cjs: run `npm run build` first');
	});

	test('the build made both caches and V8 takes them: the print\'s piped, the dashboard\'s in a terminal', () => {
		assert.ok(statSync(join(root, 'dist', 'cli.cjs.cache')).size > 500_000, 'a dashboard cache holding more than the top level');
		assert.ok(statSync(join(root, 'dist', 'cli.cjs.print.cache')).size > 300_000, 'a print cache holding more than the top level');
		const r = version(join(root, 'bin'));
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
		assert.match(r.stderr, /code cache accepted/);
		const t = versionInTerminal(join(root, 'bin'));
		assert.equal(t.code, 0, t.output);
		assert.match(t.output, /^\d+\.\d+\.\d+\ncode cache accepted\n$/);
	});

	test('a piped run reads the print cache and a run in a terminal the dashboard\'s', () => {
		const copy = copyWith({'cli.cjs.cache': Buffer.alloc(4096, 7), 'cli.cjs.print.cache': readFileSync(join(root, 'dist', 'cli.cjs.print.cache'))});
		try {
			assert.match(version(join(copy, 'bin')).stderr, /code cache accepted/);
			assert.match(versionInTerminal(join(copy, 'bin')).output, /code cache rejected/);
		} finally {
			rmSync(copy, {recursive: true, force: true});
		}
	});

	test('a cache that does not fit the script is rejected and the CLI runs all the same', () => {
		const copy = copyWith({'cli.cjs.cache': Buffer.alloc(4096, 7), 'cli.cjs.print.cache': Buffer.alloc(4096, 7)});
		try {
			const r = version(join(copy, 'bin'));
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
			assert.match(r.stderr, /code cache rejected/);
			const t = versionInTerminal(join(copy, 'bin'));
			assert.equal(t.code, 0, t.output);
			assert.match(t.output, /^\d+\.\d+\.\d+\ncode cache rejected\n$/);
		} finally {
			rmSync(copy, {recursive: true, force: true});
		}
	});

	test('a stray CRISOCK_CODE_CACHE_AFTER_MS (no token, or a wrong one) neither writes into the install nor ends the bin', async () => {
		const copy = copyWith({});
		const noCache = () => !existsSync(join(copy, 'dist', 'cli.cjs.cache')) && !existsSync(join(copy, 'dist', 'cli.cjs.print.cache'));
		try {
			for (const stray of strays) {
				const env = {...stray, CRISOCK_CODE_CACHE_AFTER_MS: '200'};
				const run = await serveWith(copy, env);
				try {
					assert.equal(run.exited(), false, `${JSON.stringify(env)}: the bin serves`);
					// Ten times the stray delay: a bin that obeyed it would have written and ended by now.
					await holdsFor(() => !run.exited() && noCache(), 2000, `${JSON.stringify(env)}: still serving, no cache written`);
				} finally {
					run.child.kill('SIGKILL');
				}
			}
		} finally {
			rmSync(copy, {recursive: true, force: true});
		}
	});

	test('a stray CRISOCK_CODE_CACHE_AT_EXIT (no token, or a wrong one) writes no cache at exit', () => {
		const copy = copyWith({});
		try {
			for (const stray of strays) {
				const env = {...process.env, ...stray, CRISOCK_CODE_CACHE_AT_EXIT: '1'};
				const r = spawnSync(process.execPath, [join(copy, 'bin', 'crisock-tui.js'), '--version'], {encoding: 'utf8', timeout: 60_000, env});
				assert.equal(r.status, 0, r.stderr);
				assert.equal(existsSync(join(copy, 'dist', 'cli.cjs.print.cache')), false, `${JSON.stringify(stray)}: no cache written`);
			}
		} finally {
			rmSync(copy, {recursive: true, force: true});
		}
	});

	test('with the build\'s token beside the bundle both training runs work: after a delay (then it ends itself), and at exit', async () => {
		const copy = copyWith({'cli.cjs.train-token': Buffer.from('a-token-of-this-build')});
		const token = {CRISOCK_CODE_CACHE_TOKEN: 'a-token-of-this-build'};
		try {
			const run = await serveWith(copy, {...token, CRISOCK_CODE_CACHE_AFTER_MS: '200'});
			try {
				await waitFor(() => run.exited(), {timeoutMs: 30_000, what: 'the training run to end itself'});
				// Piped, so the print's cache.
				assert.ok(statSync(join(copy, 'dist', 'cli.cjs.print.cache')).size > 10_000, 'the cache was written');
			} finally {
				run.child.kill('SIGKILL');
			}

			rmSync(join(copy, 'dist', 'cli.cjs.print.cache'));

			const r = spawnSync(process.execPath, [join(copy, 'bin', 'crisock-tui.js'), '--version'], {
				encoding: 'utf8', timeout: 60_000, env: {...process.env, ...token, CRISOCK_CODE_CACHE_AT_EXIT: '1'},
			});
			assert.equal(r.status, 0, r.stderr);
			assert.ok(statSync(join(copy, 'dist', 'cli.cjs.print.cache')).size > 10_000, 'the print cache was written at exit');
		} finally {
			rmSync(copy, {recursive: true, force: true});
		}
	});
});
