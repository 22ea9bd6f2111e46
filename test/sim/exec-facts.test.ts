// Exec streaming as the runtimes serve it (runtime-differences.md, "Exec streaming"), asked of the
// simulated node with a plain WebSocket so every frame is seen: protocol choice, first frames, each
// flavour's missing-program and exit-status forms, CRI-O's error on the stream, the small shell.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type {Flavor} from '../../source/sim/index.js';
import {completeExecUrl} from '../../source/wire/exec-url.js';
import {eachFlavor, FLAVORS, runningNamed, until, type Harness} from './helpers.js';


type Frames = {frames: Array<{channel: number; text: string}>; status: any; protocol: string; stdout: string; stderr: string};

/** Opens the exec URL offering `protocols`, sends `input` after the first frame, collects every frame until close. */
async function session(url: string, protocols: string[], input?: string): Promise<Frames> {
	const ws = new WebSocket(completeExecUrl(url), protocols);
	const frames: Frames['frames'] = [];
	const closed = new Promise<void>((resolve, reject) => {
		ws.on('message', (data: Buffer) => {
			frames.push({channel: data[0], text: data.subarray(1).toString()});
			if (input && frames.length === 1) ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(input)]));
		});
		ws.on('close', () => resolve());
		ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
		ws.on('error', reject);
	});
	await closed;
	const error = frames.find(f => f.channel === 3);
	return {
		frames, protocol: ws.protocol, status: error ? JSON.parse(error.text) : undefined,
		stdout: frames.filter(f => f.channel === 1).map(f => f.text).join(''),
		stderr: frames.filter(f => f.channel === 2).map(f => f.text).join(''),
	};
}


const execUrl = async (h: Harness, id: string, cmd: string[], tty: boolean) => (await h.client.exec({containerId: id, cmd, tty, stdin: true, stdout: true, stderr: !tty})).url;

describe('exec streaming, per flavour', () => {
	test('WebSocket: v4 chosen from [v5, v4]; v5 alone refused with HTTP 403 (all three)', async () => {
		await eachFlavor(FLAVORS, async h => {
			const nginx = await runningNamed(h, 'nginx');
			const ok = await session(await execUrl(h, nginx.id, ['echo', 'hi'], false), ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
			assert.equal(ok.protocol, 'v4.channel.k8s.io');
			assert.equal(ok.stdout, 'hi\n');
			assert.deepEqual(ok.status, {metadata: {}, status: 'Success'});
			await assert.rejects(session(await execUrl(h, nginx.id, ['echo', 'hi'], false), ['v5.channel.k8s.io']), /HTTP 403/);
		});
	});

	test('a missing program on the stream: CRI-O 255 after the runtime\'s words, cri-dockerd 126 after "OCI runtime exec failed", containerd an error status without exit code', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const busybox = await runningNamed(h, 'log-shipper');
			for (const tty of [true, false]) {
				const s = await session(await execUrl(h, busybox.id, ['bash'], tty), ['v4.channel.k8s.io']);
				const printed = tty ? s.stdout : s.stderr;
				if (flavor === 'cri-o') {
					assert.match(printed, /^exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH\r?\n$/);
					assert.equal(s.status.details.causes[0].message, '255');
					assert.equal(s.status.message, 'command terminated with non-zero exit code: exit status 255');
				} else if (flavor === 'cri-dockerd') {
					assert.match(printed, /^OCI runtime exec failed: exec failed: .*"bash": executable file not found in \$PATH: unknown\r?\n$/);
					assert.equal(s.status.details.causes[0].message, '126');
					assert.equal(s.status.message, 'command terminated with non-zero exit code: Error executing in Docker Container: 126');
				} else {
					assert.equal(s.stdout + s.stderr, '');
					assert.equal(s.status.reason, 'InternalError');
					assert.equal(s.status.code, 500);
					assert.equal(s.status.details.causes[0].reason, undefined, 'no exit code');
					assert.match(s.status.message, /executable file not found in \$PATH/);
				}
				assert.doesNotMatch(JSON.stringify(s.status), /"127"/, 'none of them says 127');
			}
		});
	});

	test('exit status messages: CRI-O "exit status 5", cri-dockerd "Error executing in Docker Container: 5", containerd "error executing command [...], exit code 5"', async () => {
		const expected: Record<string, string> = {
			'cri-o': 'exit status 5',
			'cri-dockerd': 'Error executing in Docker Container: 5',
			containerd: 'error executing command [/bin/sh -c exit 5], exit code 5',
		};
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const s = await session(await execUrl(h, (await runningNamed(h, 'nginx')).id, ['/bin/sh', '-c', 'exit 5'], false), ['v4.channel.k8s.io']);
			assert.equal(s.status.message, `command terminated with non-zero exit code: ${expected[flavor]}`);
			assert.equal(s.status.reason, 'NonZeroExitCode');
		});
	});

	test('a tty exec starts with an empty stdout frame; busybox sh\'s prompt ends with a cursor-position query, bash\'s does not', async () => {
		await eachFlavor(FLAVORS, async h => {
			const sh = await session(await execUrl(h, (await runningNamed(h, 'log-shipper')).id, ['/bin/sh'], true), ['v4.channel.k8s.io'], 'exit\r');
			assert.deepEqual(sh.frames[0], {channel: 1, text: ''});
			assert.ok(sh.stdout.startsWith('/ # \x1b[6n'));
			const bash = await session(await execUrl(h, (await runningNamed(h, 'nginx')).id, ['bash'], true), ['v4.channel.k8s.io'], 'exit\r');
			assert.deepEqual(bash.frames[0], {channel: 1, text: ''});
			assert.match(bash.stdout, /^root@web-[\w-]+:\/# /);
		});
	});

	test('CRI-O answers Exec on an exited or unknown container with a URL and says so on the stream; the others fail the RPC', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const dead = (await h.client.listContainers({state: {state: 'CONTAINER_EXITED'}})).items[0];
			for (const id of [dead.id, 'f'.repeat(64)]) {
				const asked = h.client.exec({containerId: id, cmd: ['sh'], tty: false, stdin: false, stdout: true, stderr: true});
				if (flavor !== 'cri-o') {
					await assert.rejects(asked);
					continue;
				}
				const s = await session((await asked).url, ['v4.channel.k8s.io']);
				assert.equal(s.status.reason, 'InternalError');
				assert.match(s.status.message, /container is not created or running/);
			}
		});
	});

	test('the small shell: ;, &&, ||, exit N, redirections, and command -v answering for the image', async () => {
		await eachFlavor(['containerd'], async h => {
			const run = async (name: string, script: string) => session(await execUrl(h, (await runningNamed(h, name)).id, ['sh', '-c', script], false), ['v4.channel.k8s.io']);
			const a = await run('nginx', 'echo out; exit 7');
			assert.deepEqual([a.stdout, a.status.details.causes[0].message], ['out\n', '7']);
			const b = await run('nginx', 'false && echo no; true && echo yes || echo never; echo to-err >&2; echo quiet >/dev/null; nope 2>/dev/null || echo $?');
			assert.deepEqual([b.stdout, b.stderr], ['yes\n127\n', 'to-err\n']);
			const bash = await run('nginx', 'command -v bash');
			assert.deepEqual([bash.stdout, bash.status.status], ['/usr/bin/bash\n', 'Success']);
			const none = await run('log-shipper', 'command -v bash || echo no-bash; command -v sh');
			assert.deepEqual([none.stdout, none.status.status], ['no-bash\n/bin/sh\n', 'Success']);
		});
	});

	test('an interactive shell runs line by line and ends with exit N as a NonZeroExitCode status', async () => {
		await eachFlavor(['cri-o'], async h => {
			const ws = new WebSocket(completeExecUrl(await execUrl(h, (await runningNamed(h, 'log-shipper')).id, ['sh'], true)), ['v4.channel.k8s.io']);
			let out = '';
			let status: any;
			ws.on('message', (data: Buffer) => {
				if (data[0] === 1) out += data.subarray(1).toString();
				if (data[0] === 3) status = JSON.parse(data.subarray(1).toString());
			});
			const send = (text: string) => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(text)]));
			await until(() => out.includes('/ # '), 'the prompt');
			// The terminal's answer to ESC[6n arrives as input and must not reach the shell.
			send('\x1b[24;5Rhostname\r');
			await until(() => /hostname\r\nweb-[\w-]+\r\n/.test(out), 'hostname output');
			send('exit 9\r');
			await until(() => status, 'the exit status');
			assert.equal(status.details.causes[0].message, '9');
			ws.close();
		});
	});
});
