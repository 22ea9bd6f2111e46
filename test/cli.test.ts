// The CLI as a process (the built bin, as installed: run `npm run build` first), stdout piped:
// non-TTY print, endpoint errors as one sentence with exit 1, --help and --version.
import {test, describe, before} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'crisock-tui.js');

function run(...args: string[]) {
	const env = {...process.env, CRI_CONFIG_FILE: '', CONTAINER_RUNTIME_ENDPOINT: ''};
	const r = spawnSync(process.execPath, [bin, ...args], {cwd: root, env, encoding: 'utf8', timeout: 30_000});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

describe('cli', () => {
	before(() => {
		assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'no dist/cli.js: run `npm run build` before the CLI tests');
	});

	test('--demo with stdout not a TTY prints the three tables and exits 0', () => {
		const r = run('--demo', '--flavor', 'cri-o');
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /cri-o/);
		assert.match(r.stdout, /POD ID/);
		assert.match(r.stdout, /CONTAINER/);
		assert.match(r.stdout, /IMAGE ID/);
	});

	test('a missing socket is one sentence on stderr and exit 1', () => {
		const r = run('-r', 'unix:///nonexistent/crisock-test.sock');
		assert.equal(r.code, 1);
		assert.equal(r.stdout, '');
		assert.match(r.stderr, /\/nonexistent\/crisock-test\.sock/);
		assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
	});

	test('a dockershim endpoint explains the removal', () => {
		const r = run('-r', 'unix:///var/run/dockershim.sock');
		assert.equal(r.code, 1);
		assert.match(r.stderr, /dockershim/);
		assert.match(r.stderr, /cri-dockerd/);
	});

	test('with nothing configured and no socket answering: exit 1 naming what was probed, or the simulated node with --demo-fallback', () => {
		const emptyRoot = mkdtempSync(join(tmpdir(), 'crisock-empty-root-'));
		try {
			const none = run('--host-root', emptyRoot);
			assert.equal(none.code, 1);
			assert.match(none.stderr, /no CRI runtime socket found/);
			assert.match(none.stderr, /run\/containerd\/containerd\.sock/);
			assert.match(none.stderr, /--demo/);
			const fallback = run('--host-root', emptyRoot, '--demo-fallback');
			assert.equal(fallback.code, 0, fallback.stderr);
			assert.match(fallback.stdout, /containerd/);
			assert.match(fallback.stdout, /POD ID/);
			assert.match(fallback.stdout, /^# simulated node \(no runtime found/);
		} finally {
			rmSync(emptyRoot, {recursive: true, force: true});
		}
	});

	test('--flavor without --demo is refused (a usage mistake: exit 2)', () => {
		const r = run('--flavor', 'cri-o');
		assert.equal(r.code, 2);
		assert.match(r.stderr, /--demo/);
	});

	test('every bad flag or value is one sentence naming it, exit 2, nothing on stdout', () => {
		const cases: Array<[string[], RegExp]> = [
			[['--demo', '--flavor', 'bogus'], /^crisock-tui: --flavor "bogus" is not a runtime flavour: use one of containerd, containerd-1\.7, cri-o, cri-dockerd$/],
			[['--timeout', 'x'], /^crisock-tui: --timeout "x" is not a duration above zero: write it like 2s/],
			[['--interval', '-1'], /^crisock-tui: --interval "-1" is not a duration of at least 100ms/],
			[['--interval'], /^crisock-tui: --interval needs a value, e\.g\. --interval 2s$/],
			[['--tail', 'lots'], /^crisock-tui: --tail "lots" is not a number of log lines: write it like 500 \(at most 10000\), or -1 for all$/],
			[['--since', '5'], /^crisock-tui: --since "5" is neither a duration like 10m nor a time like 2024-01-02T15:04:05Z$/],
			[['--since'], /^crisock-tui: --since needs a value, e\.g\. --since 10m$/],
			[['-r'], /^crisock-tui: --runtime-endpoint needs a value/],
			[['--bogus'], /^crisock-tui: unknown option --bogus: see crisock-tui --help$/],
			[['--demo=yes'], /^crisock-tui: --demo takes no value/],
			// A word is a command (crictl's ps, pods, …): an unknown one is named with the list.
			[['stray'], /^crisock-tui: unknown command "stray": use one of ps, pods,/],
		];
		for (const [args, sentence] of cases) {
			const r = run(...args);
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.equal(r.stdout, '');
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
			assert.match(r.stderr.trim(), sentence);
			assert.ok(r.stderr.length < 200, `short: ${r.stderr}`);
		}
	});

	test('--help lists the keys and how the endpoint is chosen; --version prints the version', () => {
		const help = run('--help');
		assert.equal(help.code, 0);
		assert.match(help.stdout, /How the endpoint is chosen/);
		assert.match(help.stdout, /Ctrl-D remove/);
		const version = run('--version');
		assert.equal(version.code, 0);
		assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
	});
});
