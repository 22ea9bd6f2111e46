// The single executable (npm run build:exe → dist/crisock-tui) as a node without Node.js has it:
// copied into an empty root that holds only the file and the C libraries it links (no node, no
// node_modules, no PATH), run there with chroot against the REAL containerd (test/testbed/),
// whose socket is hard-linked into that root. Piped, it prints the tables; in a tmux pane it draws
// the dashboard and quits cleanly.
import {describe, test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {REPO_ROOT, startRig, type Rig} from '../e2e/tmux-rig.js';

const run = promisify(execFile);
const EXE = path.join(REPO_ROOT, 'dist', 'crisock-tui');
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const chroot = ['/usr/sbin/chroot', '/usr/bin/chroot'].find(existsSync) ?? 'chroot';

/** Builds the executable unless one newer than the bin's bundle is there (the suite builds that first). */
async function ensureExecutable(): Promise<void> {
	const bundle = path.join(REPO_ROOT, 'dist', 'cli.js');
	const fresh = existsSync(EXE) && (!existsSync(bundle) || statSync(EXE).mtimeMs >= statSync(bundle).mtimeMs);
	if (!fresh) await run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-exe.mjs')], {cwd: REPO_ROOT, timeout: 600_000, maxBuffer: 16 << 20});
}

/** An empty root holding the executable and the shared libraries ldd names, nothing else. */
function makeRoot(): string {
	const root = mkdtempSync('/tmp/crisock-exe-root-');
	copyFileSync(EXE, path.join(root, 'crisock-tui'));
	const ldd = spawnSync('ldd', [EXE], {encoding: 'utf8'});
	assert.equal(ldd.status, 0, `ldd ${EXE}: ${ldd.stderr}`);
	for (const lib of ldd.stdout.match(/\/\S+/g) ?? []) {
		mkdirSync(path.join(root, path.dirname(lib)), {recursive: true});
		copyFileSync(lib, path.join(root, lib));
	}
	mkdirSync(path.join(root, 'tmp'));
	return root;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? [full, ...filesUnder(full)] : [full];
	});
}

describe('single executable', {timeout: 900_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let root: string | undefined;
	let rig: Rig | undefined;
	// Inside the root: no PATH, no Node.js variables, only what a terminal gives.
	const env = {PATH: '', HOME: '/', TERM: 'screen-256color', LANG: 'C.UTF-8'};

	before(async () => {
		await ensureExecutable();
		tb = await startContainerd();
		node = await seedNode(tb);
		root = makeRoot();
		linkSync(tb.socket, path.join(root, 'cri.sock'));
	});

	after(async () => {
		rig?.kill();
		await tb?.stop();
		if (root) rmSync(root, {recursive: true, force: true});
	});

	test('the root it runs in holds no Node.js and no node_modules', async () => {
		const names = filesUnder(root!).map(file => path.relative(root!, file));
		assert.ok(!names.some(name => /(^|\/)(node|nodejs|node_modules)(\/|$)/.test(name)), names.join('\n'));
		assert.ok(names.every(name => name === 'crisock-tui' || name === 'cri.sock' || name === 'tmp' || /^(lib|lib64|usr)(\/|$)/.test(name)), names.join('\n'));
		const {stdout} = await run(chroot, [root!, '/crisock-tui', '--version'], {env, timeout: 60_000});
		assert.match(stdout.trim(), /^\d+\.\d+\.\d+/);
	});

	test('piped, it prints the real containerd\'s pods, containers and images', async () => {
		const {stdout} = await run(chroot, [root!, '/crisock-tui', '-r', 'unix:///cri.sock'], {env, timeout: 60_000, maxBuffer: 16 << 20});
		assert.match(stdout, /runtime: containerd/);
		for (const pod of Object.values(node.pods)) assert.ok(stdout.includes(pod.name), `pod ${pod.name} missing:\n${stdout}`);
		for (const container of Object.values(node.containers)) assert.ok(stdout.includes(container.name), `container ${container.name} missing:\n${stdout}`);
		assert.match(stdout, /busybox/);
	});

	test('in a tmux pane it draws the live dashboard and q leaves the terminal as it was', async () => {
		rig = await startRig({
			command: ['/usr/bin/env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), chroot, root!, '/crisock-tui', '-r', 'unix:///cri.sock'],
			env: {PATH: SYSTEM_PATH},
			cols: 120,
			rows: 30,
		});
		await rig.waitFor(screen => screen.includes('POD ID') && screen.includes(node.pods.web.name), 60_000);
		await rig.sendKeys('2');
		await rig.waitFor(node.containers.logger.name, 20_000);
		await rig.sendKeys('q');
		const state = await rig.exitStatus(20_000);
		assert.equal(state.exitCode, 0, state.screen);
		assert.equal(state.alternateScreen, false);
		assert.equal(state.cursorVisible, true);
		assert.ok(state.echo && state.canonical, `stty after exit: ${state.screen}`);
	});
});
