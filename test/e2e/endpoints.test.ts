// Endpoints: a wrong one must cost one sentence and exit 1 with the terminal clean; several
// runtimes on one node (under --host-root) are found and switched between; no TTY prints tables.
import {test, describe, before, after, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import {BIN, REPO_ROOT, startRig, killAllRigs, type Rig} from './tmux-rig.js';
import {startFixture, type SimFixture} from './fixtures.js';
import {shortId} from './screen.js';

const wide = {cols: 200, rows: 30};

/** The lines the program printed before the wrapper's exit mark. */
function printed(screen: string): string[] {
	return screen.slice(0, screen.indexOf('[exit ')).split('\n').map(l => l.trim()).filter(Boolean);
}

describe('tmux e2e: endpoints', {timeout: 480_000}, () => {
	let dir: string;
	let rig: Rig | undefined;
	const servers: Array<http.Server | net.Server> = [];
	const sockets: net.Socket[] = [];

	before(() => {
		dir = mkdtempSync('/tmp/crisock-e2e-ep-');
	});
	after(async () => {
		killAllRigs();
		for (const server of servers) {
			if (server instanceof http.Server) server.closeAllConnections();
			server.close();
		}
		for (const socket of sockets) socket.destroy();
		rmSync(dir, {recursive: true, force: true});
	});
	afterEach(() => {
		rig?.kill();
		rig = undefined;
	});

	/** Runs the bin on a bad endpoint: exit 1, terminal clean, and at most `maxLines` lines, the first naming the problem. */
	async function fails(endpoint: string, expect: RegExp, options: {timeoutMs?: number; maxLines?: number} = {}): Promise<string[]> {
		rig = await startRig({args: ['-r', endpoint], ...wide});
		const state = await rig.exitStatus(options.timeoutMs ?? 20_000);
		const lines = printed(state.screen);
		assert.ok(lines.length >= 1 && lines.length <= (options.maxLines ?? 1), `${options.maxLines ?? 1} line(s) of output, got:\n${lines.join('\n')}`);
		assert.match(lines[0]!, expect);
		assert.doesNotMatch(lines.join('\n'), /\bat .*\(.*:\d+:\d+\)|Error:/, 'no stack trace');
		assert.deepEqual(
			{exitCode: state.exitCode, alternateScreen: state.alternateScreen, cursorVisible: state.cursorVisible, echo: state.echo, canonical: state.canonical},
			{exitCode: 1, alternateScreen: false, cursorVisible: true, echo: true, canonical: true},
		);
		return lines;
	}

	const failsWithOneSentence = async (endpoint: string, expect: RegExp, timeoutMs?: number) => {
		const [line] = await fails(endpoint, expect, {timeoutMs});
		assert.match(line!, /[.!)]$|[a-z']$/, 'a sentence');
		return line!;
	};

	describe('bad endpoints', () => {
		test('a missing socket path', async () => {
			const missing = path.join(dir, 'nothing-here.sock');
			await failsWithOneSentence(`unix://${missing}`, new RegExp(missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
		});

		test('a regular file', async () => {
			const file = path.join(dir, 'regular-file.sock');
			writeFileSync(file, 'not a socket');
			await failsWithOneSentence(`unix://${file}`, /regular-file\.sock.*(not a (unix )?socket|socket)/i);
		});

		test('an HTTP/1 server on a unix socket', async () => {
			const socket = path.join(dir, 'http1.sock');
			const server = http.createServer((_req, res) => res.end('hello'));
			servers.push(server);
			await new Promise<void>(resolve => server.listen(socket, resolve));
			await failsWithOneSentence(`unix://${socket}`, /http1\.sock/);
		});

		test('a listener that never answers', async () => {
			const socket = path.join(dir, 'silent.sock');
			const server = net.createServer(socket => void sockets.push(socket));
			servers.push(server);
			await new Promise<void>(resolve => server.listen(socket, resolve));
			await failsWithOneSentence(`unix://${socket}`, /silent\.sock/, 30_000);
		});

		test('the removed dockershim path', async () => {
			// The one place the bin says more than a sentence: where Docker went, and the crictl
			// command that points at it (up to four lines).
			const lines = await fails('unix:///var/run/dockershim.sock', /dockershim.*removed in Kubernetes 1\.24/, {maxLines: 4});
			assert.match(lines.join('\n'), /cri-dockerd/);
		});
	});

	describe('three runtimes under --host-root', () => {
		const nodes: SimFixture[] = [];
		let hostRoot: string;
		before(async () => {
			hostRoot = path.join(dir, 'host');
			const at = async (flavor: 'containerd' | 'cri-o' | 'cri-dockerd', socket: string) => {
				mkdirSync(path.dirname(path.join(hostRoot, socket)), {recursive: true});
				nodes.push(await startFixture({flavor, dir, socketPath: path.join(hostRoot, socket), seed: nodes.length + 10, containers: 6}));
			};
			await at('containerd', '/run/containerd/containerd.sock');
			await at('cri-o', '/run/crio/crio.sock');
			await at('cri-dockerd', '/var/run/cri-dockerd.sock');
		});
		after(async () => {
			for (const node of nodes) await node.stop();
		});

		test('finds all three, names each runtime, and e switches between them', async () => {
			rig = await startRig({args: ['--host-root', hostRoot, '--timeout', '10s'], cols: 160, rows: 40});
			const sockets = ['containerd/containerd.sock', 'crio/crio.sock', 'cri-dockerd.sock'];
			// Several live runtimes: the picker opens by itself.
			const picker = await rig.waitFor(s => sockets.every(p => s.includes(p)), 20_000);
			for (const [socket, runtime] of [['containerd.sock', /containerd \d/], ['crio.sock', /cri-o \d/], ['cri-dockerd.sock', /docker \d/]] as const) {
				const row = picker.split('\n').find(line => line.includes(socket));
				assert.match(row ?? '', runtime, `picker row of ${socket}`);
			}
			await rig.sendKeys('Escape');
			// The picker looks the same before and after e: wait for it to close first, or the wait
			// below matches the old picker and the keys meant for the new one land before it is drawn.
			await rig.waitFor(s => !s.includes('Runtime endpoints'), 20_000);
			for (const [index, runtime] of [[1, 'cri-o'], [2, 'docker'], [0, 'containerd']] as const) {
				await rig.sendKeys('e');
				await rig.waitFor(s => sockets.every(p => s.includes(p)) && s.includes('Runtime endpoints'), 20_000);
				await rig.sendKeys('k', 'k', 'k');
				for (let i = 0; i < index; i++) await rig.sendKeys('j');
				// Enter once the cursor is seen on the row, as a person presses it (the picker names the
				// selected socket in its last line); a key that moved nothing fails here, by name.
				await rig.waitFor(s => new RegExp(`crictl's default: .*${sockets[index]!.replace('.', '\\.')}`).test(s), 20_000);
				await rig.sendKeys('Enter');
				const pods = await nodes[index]!.pods();
				const screen = await rig.waitFor(s => pods.every(p => s.includes(shortId(p.id))) && !s.includes('Runtime endpoints'), 20_000);
				assert.match(screen.split('\n')[0]!, new RegExp(`crisock-tui ${runtime} \\d.*${sockets[index]!.replace('.', '\\.')}`), `header names ${runtime}`);
			}
		});
	});

	describe('other ways to start', () => {
		test('--demo starts a simulated node with data', async () => {
			rig = await startRig({args: ['--demo'], ...wide});
			const screen = await rig.waitFor(s => /POD ID/.test(s) && /[0-9a-f]{13}/.test(s), 20_000);
			assert.match(screen, /demo|sim/i);
			await rig.sendKeys('q');
			assert.equal((await rig.exitStatus()).exitCode, 0);
		});

		test('non-TTY: `crisock-tui -r … | cat` prints the three tables and exits 0', async () => {
			const node = await startFixture({dir, socketPath: path.join(dir, 'print.sock')});
			try {
				rig = await startRig({command: ['bash', '-c', `set -o pipefail; "${process.execPath}" "${BIN}" -r ${node.endpoint} | cat`], cols: 200, rows: 60});
				const state = await rig.exitStatus(20_000);
				assert.equal(state.exitCode, 0);
				assert.equal(state.alternateScreen, false);
				const out = state.screen;
				assert.doesNotMatch(out, /\x1b/);
				for (const header of ['POD ID', 'CONTAINER', 'IMAGE ID']) assert.ok(out.includes(header), header);

				// And with no terminal at all (as in a script): every object is printed.
				const child = spawn(process.execPath, [BIN, '-r', node.endpoint], {cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe']});
				let stdout = '';
				child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
				const code = await new Promise(resolve => child.on('exit', resolve));
				assert.equal(code, 0);
				const ids = [...(await node.pods()), ...(await node.containers()), ...(await node.images())].map(o => shortId(o.id));
				for (const id of ids) assert.ok(stdout.includes(id), `${id} printed`);
				assert.doesNotMatch(stdout, /\x1b/, 'no escape sequences into a pipe');
			} finally {
				await node.stop();
			}
		});
	});
});
