// The streaming server behind Exec, as the runtimes serve it: one-use 8-character tokens, the
// flavour's URL form (cri-dockerd's has no scheme: `//127.0.0.1:PORT/cri/exec/TOKEN`), and both
// transports: WebSocket (v4.channel.k8s.io chosen from an offer that contains it; an offer
// without v4 — v5 alone — refused with 403, as all three runtimes do) and SPDY/3.1 (crictl's
// default), each channel a stream. WebSocket frames carry one leading channel byte: 0 stdin,
// 1 stdout, 2 stderr, 3 error (the Status), 4 resize.
import {randomBytes} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import {runExec, type ExecIo, type ExecPlan, type ExecStatus} from './exec-process.js';
import type {ExecFlavour} from './flavours.js';
import {SpdyServerConnection, type SpdyStream} from './spdy.js';

export type ExecSession = Omit<ExecPlan, 'flavour' | 'execId'> & {stdout: boolean; stderr: boolean};
export type ExecServer = {url(session: ExecSession): string; close(): Promise<void>};

const protocol = 'v4.channel.k8s.io';

export async function startExecServer(flavour: ExecFlavour): Promise<ExecServer> {
	const sessions = new Map<string, ExecSession>();
	const sockets = new Set<Duplex>();
	const prefix = flavour.url === 'scheme-less-cri' ? '/cri/exec/' : '/exec/';
	const server = http.createServer((_req, res) => {
		res.writeHead(400, {'content-type': 'text/plain'}).end('Upgrade request required\n');
	});
	const wss = new WebSocketServer({noServer: true, handleProtocols: offered => (offered.has(protocol) ? protocol : false)});
	server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
		const url = req.url ?? '';
		const token = url.startsWith(prefix) ? url.slice(prefix.length).split('?')[0] : '';
		const session = sessions.get(token);
		if (!session) return refuse(socket, 404, 'Not Found', `unknown exec token ${JSON.stringify(token)}\n`);
		sessions.delete(token);
		const plan: ExecPlan = {...session, flavour, execId: randomBytes(32).toString('hex')};
		const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
		if (upgrade === 'websocket') {
			const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map(p => p.trim());
			if (!offered.includes(protocol)) {
				return refuse(socket, 403, 'Forbidden', `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server supports ["${protocol}"]\n`);
			}
			wss.handleUpgrade(req, socket, head, ws => runExec(plan, webSocketIo(ws)));
			return;
		}
		if (upgrade === 'spdy/3.1') {
			const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map(p => p.trim());
			if (!offered.includes(protocol)) return refuse(socket, 403, 'Forbidden', `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}\n`);
			socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			const connection = new SpdyServerConnection(socket);
			if (head.length > 0) socket.unshift(head);
			spdySession(connection, session, plan);
			return;
		}
		refuse(socket, 400, 'Bad Request', `unsupported upgrade ${JSON.stringify(upgrade)}\n`);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url(session) {
			// Real tokens are 8 base64url characters.
			const token = randomBytes(6).toString('base64url');
			sessions.set(token, session);
			return flavour.url === 'scheme-less-cri' ? `//127.0.0.1:${port}/cri/exec/${token}` : `http://127.0.0.1:${port}/exec/${token}`;
		},
		async close() {
			for (const client of wss.clients) client.terminate();
			wss.close();
			for (const socket of sockets) socket.destroy();
			server.closeAllConnections();
			await new Promise(resolve => server.close(resolve));
		},
	};
}

function refuse(socket: Duplex, code: number, text: string, body: string) {
	socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function webSocketIo(ws: WebSocket): ExecIo {
	const send = (channel: number, data: string) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
	return {
		stdout: data => send(1, data),
		stderr: data => send(2, data),
		onStdin(fn) {
			ws.on('message', (data: Buffer) => {
				if (data[0] === 0) fn(data.subarray(1));
			});
		},
		onStdinEnd(fn) {
			ws.on('close', fn);
		},
		finish(status: ExecStatus) {
			send(3, JSON.stringify(status));
			ws.close(1000);
		},
	};
}

/** Waits for the streams the request asked for (as the kubelet's server does), then runs. */
function spdySession(connection: SpdyServerConnection, session: ExecSession, plan: ExecPlan) {
	const wanted = ['error', ...(session.stdin ? ['stdin'] : []), ...(session.stdout ? ['stdout'] : []), ...(session.stderr && !session.tty ? ['stderr'] : []), ...(session.tty ? ['resize'] : [])];
	const streams = new Map<string, SpdyStream>();
	let started = false;
	const timer = setTimeout(() => connection.close(), 10_000);
	connection.on('close', () => clearTimeout(timer));
	connection.on('stream', (stream: SpdyStream) => {
		streams.set(stream.headers.streamtype ?? '', stream);
		if (started || !wanted.every(name => streams.has(name))) return;
		started = true;
		clearTimeout(timer);
		const stdinHandlers: Array<(data: Buffer) => void> = [];
		streams.get('stdin')?.on('data', data => stdinHandlers.forEach(fn => fn(data)));
		runExec(plan, {
			stdout: data => streams.get('stdout')?.write(data),
			stderr: data => streams.get('stderr')?.write(data),
			onStdin: fn => stdinHandlers.push(fn),
			onStdinEnd(fn) {
				streams.get('stdin')?.on('end', fn);
				connection.on('close', fn);
			},
			finish(status) {
				for (const name of ['stdout', 'stderr']) streams.get(name)?.end();
				const error = streams.get('error');
				error?.write(JSON.stringify(status));
				error?.end();
				connection.close();
			},
		});
	});
}
