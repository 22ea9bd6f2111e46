// `crisock-tui sim` as a person runs it: the built bin serves the simulated node on the socket it
// was given, prints the endpoint, answers CRI calls, and on SIGTERM stops and removes the socket.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createCriClient} from '../../source/wire/cri-client.js';
import {waitFor} from '../support/wait.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'crisock-tui.js');

async function until<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
	return waitFor(check, {timeoutMs: ms, intervalMs: 50, what}) as Promise<T>;
}

describe('crisock-tui sim', () => {
	test('serves the node on --socket until SIGTERM, printing the endpoint', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'crisock-simcmd-'));
		const socket = join(dir, 'sub', 'cri.sock');
		const child = spawn(process.execPath, [bin, 'sim', '--socket', socket, '--containers', '40', '--flavor', 'cri-dockerd'], {stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		child.stdout.on('data', d => (out += d));
		child.stderr.on('data', d => (out += d));
		const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		const client = createCriClient({runtimeEndpoint: `unix://${socket}`, timeoutMs: 5000});
		try {
			const endpoint = await until('the endpoint line', () => /serving on (unix:\/\/\S+)/.exec(out)?.[1]);
			// The crictl line may arrive in a later chunk than the endpoint's.
			await until('the crictl line', () => /ps -a/.test(out)).catch(() => undefined);
			assert.equal(endpoint, `unix://${socket}`);
			assert.match(out, /crictl --config \/dev\/null -r unix:\/\/\S+ -i unix:\/\/\S+ ps -a/);
			assert.equal((await client.version()).runtimeName, 'docker');
			assert.equal((await client.listContainers()).items.length, 40);
			child.kill('SIGTERM');
			assert.equal(await exited, 0, out);
			assert.equal(existsSync(socket), false, 'the socket is removed when it stops');
		} finally {
			client.close();
			if (child.exitCode === null) child.kill('SIGKILL');
			rmSync(dir, {recursive: true, force: true});
		}
	});

	test('bad flags are one sentence on stderr and exit 2; a non-socket path is left alone', () => {
		const dir = mkdtempSync(join(tmpdir(), 'crisock-simcmd-'));
		try {
			const file = join(dir, 'precious.txt');
			writeFileSync(file, 'keep');
			const cases: Array<[string[], RegExp]> = [
				[['--flavor', 'podman', '--socket', join(dir, 's')], /--flavor podman is not one of containerd, containerd-1\.7, cri-o, cri-dockerd/],
				[[], /needs --socket PATH/],
				[['--socket', join(dir, 's'), '--containers', 'many'], /--containers many is not a whole number/],
				[['--socket', file], /exists and is not a socket/],
			];
			for (const [args, sentence] of cases) {
				const r = spawnSync(process.execPath, [bin, 'sim', ...args], {encoding: 'utf8', timeout: 30_000});
				assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
				assert.match(r.stderr, sentence);
				assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
			}
			assert.equal(spawnSync('cat', [file], {encoding: 'utf8'}).stdout, 'keep');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
