// The client's HTTP/2 window (grpc-call.ts channelOptions): as large as the largest answer it
// takes, so a runtime sends a 5 MB list in one go instead of 64 KiB per round trip. Seen from a
// real HTTP/2 server on a socket: the SETTINGS and the connection window the client gives it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createCriClient} from '../../source/wire/cri-client.js';
import {defaultMaxMessageBytes} from '../../source/wire/grpc-call.js';
import {waitFor} from '../support/wait.js';

test('a client lets the runtime send as much as its largest answer without waiting (stream and connection windows)', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'crisock-window-'));
	const socket = path.join(dir, 'cri.sock');
	const sessions: http2.ServerHttp2Session[] = [];
	const server = http2.createServer();
	server.on('session', session => sessions.push(session));
	server.on('stream', stream => stream.respond({':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12'}, {endStream: true}));
	await new Promise<void>(resolve => server.listen(socket, resolve));
	const client = createCriClient({runtimeEndpoint: `unix://${socket}`, timeoutMs: 30_000});
	try {
		await client.version().catch(() => undefined);
		await waitFor(() => sessions.length > 0 && sessions[0]!.remoteSettings.initialWindowSize !== undefined, 'the client connected and sent its settings');
		const session = sessions[0]!;
		assert.equal(session.remoteSettings.initialWindowSize, defaultMaxMessageBytes, 'each stream: the largest answer');
		await waitFor(() => (session.state.remoteWindowSize ?? 0) >= defaultMaxMessageBytes - 1024, 'the connection window raised as well');
	} finally {
		client.close();
		for (const s of sessions) s.destroy();
		await new Promise(resolve => server.close(resolve));
		rmSync(dir, {recursive: true, force: true});
	}
});
