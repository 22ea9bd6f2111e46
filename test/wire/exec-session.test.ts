import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {PassThrough} from 'node:stream';
import {EventEmitter} from 'node:events';
import {WebSocketServer, type WebSocket} from 'ws';
import {connectExec, parseExecStatus, toWebSocketUrl} from '../../source/wire/exec-session.js';
import {runShell, shellExitSentence} from '../../source/wire/exec-shell.js';

/** A tiny exec streaming server: echoes stdin, `exit N` ends the session with that code. */
function startServer(supported: string[]) {
	const server: Server = createServer();
	const frames: Buffer[] = [];
	const wss = new WebSocketServer({server, handleProtocols: offered => supported.find(p => offered.has(p)) ?? false});
	wss.on('connection', (socket: WebSocket, request) => {
		const command = decodeURIComponent(request.url!.split('/').pop()!);
		const status = (body: object) => {
			socket.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(body))]));
			socket.close(1000);
		};

		if (command === 'bash') {
			// As containerd does: an empty stdout frame as the tty opens, then the failure.
			socket.send(Buffer.from([1]));
			status({status: 'Failure', message: 'OCI runtime exec failed: exec: "bash": executable file not found in $PATH: unknown'});
			return;
		}

		socket.send(Buffer.from([1, ...Buffer.from(`${command}$ `)]));
		socket.on('message', (data: Buffer) => {
			frames.push(Buffer.from(data));
			if (data[0] !== 0) return;
			const text = data.subarray(1).toString();
			socket.send(Buffer.concat([Buffer.from([1]), Buffer.from(text)]));
			const exit = /exit (\d+)/.exec(text);
			if (exit) {
				status(exit[1] === '0'
					? {status: 'Success'}
					: {status: 'Failure', reason: 'NonZeroExitCode', details: {causes: [{reason: 'ExitCode', message: exit[1]}]}});
			}
		});
	});
	return new Promise<{url: (cmd: string) => string; frames: Buffer[]; close(): Promise<void>}>(resolve => {
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			resolve({
				url: cmd => `http://127.0.0.1:${port}/exec/${encodeURIComponent(cmd)}`,
				frames,
				close: () => new Promise(r => {
					wss.close();
					server.close(() => r());
					server.closeAllConnections();
				}),
			});
		});
	});
}

describe('connectExec', () => {
	let both: Awaited<ReturnType<typeof startServer>>;
	let v4only: Awaited<ReturnType<typeof startServer>>;
	before(async () => {
		both = await startServer(['v5.channel.k8s.io', 'v4.channel.k8s.io']);
		v4only = await startServer(['v4.channel.k8s.io']);
	});
	after(async () => {
		await both.close();
		await v4only.close();
	});

	test('v5 is chosen when offered by the server; stdout, exit code from channel 3, resize and close frames', async () => {
		let out = '';
		const session = await connectExec(both.url('sh'), {onStdout: d => out += d.toString()});
		assert.equal(session.protocol, 'v5.channel.k8s.io');
		session.resize(100, 30);
		session.closeStdin();
		session.write('exit 3\n');
		const exit = await session.exited;
		assert.deepEqual(exit, {code: 3, protocol: 'v5.channel.k8s.io', message: undefined});
		assert.equal(out, 'sh$ exit 3\n');
		assert.deepEqual(JSON.parse(both.frames.find(f => f[0] === 4)!.subarray(1).toString()), {Width: 100, Height: 30});
		assert.ok(both.frames.some(f => f.length === 2 && f[0] === 255 && f[1] === 0), 'v5 close frame for stdin');
	});

	test('falls back to v4 with a server that only speaks v4 (containerd 1.6); no close frame there', async () => {
		const session = await connectExec(v4only.url('sh'), {onStdout() {}});
		assert.equal(session.protocol, 'v4.channel.k8s.io');
		session.closeStdin();
		session.write('exit 0\n');
		assert.deepEqual(await session.exited, {code: 0, protocol: 'v4.channel.k8s.io'});
		assert.ok(!v4only.frames.some(f => f[0] === 255));
	});

	test('a connection that cannot be made rejects with a sentence naming the URL', async () => {
		await assert.rejects(connectExec('http://127.0.0.1:1/exec/x', {onStdout() {}}), /cannot connect to the exec stream at http:\/\/127\.0\.0\.1:1\/exec\/x/);
	});
});

test('parseExecStatus', () => {
	assert.deepEqual(parseExecStatus('{"status":"Success"}'), {code: 0});
	assert.deepEqual(parseExecStatus('{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"137"}]}}'), {code: 137, message: undefined});
	assert.deepEqual(parseExecStatus('{"status":"Failure","message":"boom"}'), {code: -1, message: 'boom'});
	assert.deepEqual(parseExecStatus('plain error'), {code: -1, message: 'plain error'});
	assert.equal(toWebSocketUrl('https://h:1/exec/t'), 'wss://h:1/exec/t');
});

describe('runShell', () => {
	test('tries bash, falls back to /bin/sh when bash is absent, pipes stdin and sends the window size', async () => {
		const server = await startServer(['v4.channel.k8s.io']);
		try {
			const requests: string[][] = [];
			const client = {exec: async (r: {cmd: string[]}) => (requests.push(r.cmd), {url: server.url(r.cmd.join(' '))})};
			const input = new PassThrough() as PassThrough & {isTTY?: boolean};
			const output = Object.assign(new PassThrough(), {columns: 120, rows: 40}) as PassThrough & {columns: number; rows: number};
			let shown = '';
			output.on('data', d => {
				shown += d.toString();
				if (shown.includes('/bin/sh$ ') && !shown.includes('exit')) input.write('exit 7\n');
			});
			const result = await runShell(client, 'abc', input, output);
			assert.deepEqual(requests, [['bash'], ['/bin/sh']]);
			assert.equal(result.code, 7);
			assert.deepEqual(result.command, ['/bin/sh']);
			assert.equal(shellExitSentence(result), 'shell exited with code 7 (protocol v4.channel.k8s.io)');
			assert.deepEqual(JSON.parse(server.frames.find(f => f[0] === 4)!.subarray(1).toString()), {Width: 120, Height: 40});
		} finally {
			await server.close();
		}
	});

	test('a shell that ran and exited 127 later is not retried', async () => {
		const server = await startServer(['v4.channel.k8s.io']);
		try {
			const requests: string[][] = [];
			const client = {exec: async (r: {cmd: string[]}) => (requests.push(r.cmd), {url: server.url('zsh')})};
			const input = new PassThrough();
			const output = Object.assign(new PassThrough(), {columns: 80, rows: 24});
			output.once('data', () => input.write('exit 127\n'));
			const result = await runShell(client, 'abc', input, output, {shells: [['zsh'], ['/bin/sh']]});
			assert.equal(result.code, 127);
			assert.equal(requests.length, 1);
		} finally {
			await server.close();
		}
	});

	test('Exec refused (read-only) rejects with the client\'s error and restores raw mode', async () => {
		const modes: boolean[] = [];
		const input = Object.assign(new PassThrough(), {isTTY: true, isRaw: false, setRawMode: (m: boolean) => modes.push(m)});
		const output = Object.assign(new EventEmitter(), {write: () => true}) as never;
		const client = {exec: async () => {
			throw new Error('refused: read-only mode');
		}};
		await assert.rejects(runShell(client, 'abc', input, output), /read-only/);
		assert.deepEqual(modes, [true, false]);
	});
});
