// The launcher loads the dashboard's built-in modules before it sets its V8 flag
// (bin/dashboard-builtins.js): a flag set at run time makes V8 reject Node's code cache for every
// built-in loaded after it. The real bin in a terminal (util-linux `script`) against a simulated
// node, up to its first live frame. Needs `npm run build`.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
// @ts-expect-error plain .js launcher module without types
import {dashboardBuiltins, loadDashboardBuiltins} from '../../bin/dashboard-builtins.js';
import {startBinSim} from '../integration/sim-bin.js';
import {waitFor} from '../support/wait.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const report = fileURLToPath(new URL('../support/builtins-report.cjs', import.meta.url));

test('every listed built-in exists on this Node.js and loads', () => {
	assert.ok((dashboardBuiltins as string[]).length > 5);
	assert.doesNotThrow(() => loadDashboardBuiltins());
});

/**
 * The built-ins first loaded after the launcher set its flag, up to the first live frame, of `argv`
 * (a launcher and its arguments, or an executable) in a terminal against a simulated node;
 * `internal`: Node's internal modules too.
 */
async function afterFlag(argv: (socket: string) => string[], env: (report: string) => Record<string, string>, internal: boolean): Promise<string[] | undefined> {
	const dir = mkdtempSync(join(tmpdir(), 'crisock-builtins-'));
	const socket = join(dir, 'cri.sock');
	const sim = await startBinSim(socket, ['--containers', '5']);
	let child: ReturnType<typeof spawn> | undefined;
	try {
		// A pod's short ID (the table's first column, never cut): only the live frame shows it.
		const print = spawnSync(process.execPath, [join(root, 'bin', 'crisock-tui.js'), '-r', `unix://${socket}`], {encoding: 'utf8', timeout: 60_000});
		const pod = (await sim.client.listPodSandbox()).items[0]?.id.slice(0, 13);
		assert.ok(pod && print.stdout.includes(pod), `a pod ID in the print:\n${print.stdout}${print.stderr}`);
		const out = join(dir, 'report.json');
		const command = `stty cols 100 rows 30 && exec ${argv(socket).map(w => JSON.stringify(w)).join(' ')}`;
		child = spawn('script', ['-qec', command, '/dev/null'], {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: {...process.env, TERM: 'xterm-256color', CI: '', CRISOCK_BUILTINS_REPORT: out, CRISOCK_BUILTINS_MARK: pod, ...(internal ? {CRISOCK_BUILTINS_INTERNAL: '1'} : {}), ...env(out)},
		});
		let screen = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			screen += chunk.toString();
		});
		await waitFor(() => existsSync(out), {timeoutMs: 60_000, what: () => `the first live frame (with ${pod}); output so far:\n${screen.slice(-2000)}`});
		const {flagSet, after} = JSON.parse(readFileSync(out, 'utf8')) as {flagSet: boolean; after?: string[]};
		assert.ok(flagSet, 'the launcher set its V8 flag in a terminal');
		return after;
	} finally {
		child?.kill('SIGTERM');
		if (child && child.exitCode === null) await new Promise(resolve => child!.once('exit', resolve));
		sim.kill();
		rmSync(dir, {recursive: true, force: true});
	}
}

test('the dashboard loads no public built-in after the launcher set its flag, up to its first live frame', async () => {
	assert.ok(existsSync(join(root, 'dist', 'cli.cjs')), 'no dist/cli.cjs: run `npm run build` first');
	const after = await afterFlag(socket => [process.execPath, '--require', report, join(root, 'bin', 'crisock-tui.js'), '-r', `unix://${socket}`], () => ({}), false);
	assert.deepEqual(after, [], `built-ins first loaded after the flag (add them to bin/dashboard-builtins.js): ${after?.join(', ')}`);
});

test('the single executable (Node 24) loads no built-in, internal ones included, after its flag, up to its first live frame', {timeout: 900_000}, async () => {
	// Built here when missing or older than the bin's bundle, as test/integration/single-executable.test.ts does.
	const exe = join(root, 'dist', 'crisock-tui');
	const bundle = join(root, 'dist', 'cli.js');
	if (!existsSync(exe) || (existsSync(bundle) && statSync(exe).mtimeMs < statSync(bundle).mtimeMs)) {
		const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-exe.mjs')], {cwd: root, encoding: 'utf8', timeout: 600_000});
		assert.equal(built.status, 0, `npm run build:exe: ${built.stderr}`);
	}
	const after = await afterFlag(socket => [exe, '-r', `unix://${socket}`], () => ({NODE_OPTIONS: `--require ${report}`}), true);
	assert.deepEqual(after, [], `modules first loaded after the flag (each compiled without Node's code cache; load them in bin/dashboard-builtins.js): ${after?.join(', ')}`);
});
