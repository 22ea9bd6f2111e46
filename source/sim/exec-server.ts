// The streaming side of Exec: Exec returns http://127.0.0.1:PORT/exec/TOKEN and a WebSocket client
// offering v4.channel.k8s.io / v5.channel.k8s.io talks to a pretend shell. Frames carry one leading
// channel byte: 0 stdin, 1 stdout, 2 stderr, 3 error (a JSON Status), 4 resize.
import {randomBytes} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';
import {execSync, shellLine} from './exec-fake.js';

type Session = {containerId: string; cmd: string[]; tty: boolean; hostname: string};

export type ExecServer = {url(session: Session): string; close(): Promise<void>};

const protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** The Status a runtime sends on channel 3 when the process ends. */
export function exitStatus(exitCode: number, cmd: string[]): string {
	if (exitCode === 0) return JSON.stringify({metadata: {}, status: 'Success'});
	return JSON.stringify({
		metadata: {}, status: 'Failure',
		message: `command terminated with non-zero exit code: error executing command [${cmd.join(' ')}], exit code ${exitCode}`,
		reason: 'NonZeroExitCode', details: {causes: [{reason: 'ExitCode', message: String(exitCode)}]},
	});
}

export async function startExecServer(): Promise<ExecServer> {
	const sessions = new Map<string, Session>();
	const server = http.createServer((_req, res) => {
		res.writeHead(400).end('use a WebSocket with v4.channel.k8s.io');
	});
	const wss = new WebSocketServer({noServer: true, handleProtocols: offered => protocols.find(p => offered.has(p)) ?? false});
	server.on('upgrade', (req, socket, head) => {
		const token = /^\/exec\/([\w-]+)/.exec(req.url ?? '')?.[1] ?? '';
		const session = sessions.get(token);
		if (!session) {
			socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
			return;
		}
		sessions.delete(token);
		wss.handleUpgrade(req, socket, head, ws => run(ws, session));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url(session) {
			const token = randomBytes(6).toString('hex');
			sessions.set(token, session);
			return `http://127.0.0.1:${port}/exec/${token}`;
		},
		async close() {
			for (const client of wss.clients) client.terminate();
			wss.close();
			server.closeAllConnections();
			await new Promise(resolve => server.close(resolve));
		},
	};
}

function send(ws: WebSocket, channel: number, data: string) {
	ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
}

function finish(ws: WebSocket, exitCode: number, cmd: string[]) {
	send(ws, 3, exitStatus(exitCode, cmd));
	ws.close(1000);
}

function run(ws: WebSocket, session: Session) {
	const {cmd, tty, hostname} = session;
	const nl = (text: string) => (tty ? text.replace(/\r?\n/g, '\r\n') : text);
	const program = cmd[0]?.split('/').pop() ?? '';
	if (!['sh', 'bash', 'ash'].includes(program) || cmd.length > 1) {
		const result = execSync(cmd, hostname);
		if (result.stdout) send(ws, 1, nl(result.stdout));
		if (result.stderr) send(ws, tty ? 1 : 2, nl(result.stderr));
		finish(ws, result.exitCode, cmd);
		return;
	}
	const prompt = `${hostname}:/# `;
	send(ws, 1, prompt);
	let line = '';
	ws.on('message', (data: Buffer) => {
		if (data[0] !== 0) return; // resize and others: nothing to do
		for (const ch of data.subarray(1).toString('utf8')) {
			if (ch === '\r' || ch === '\n') {
				if (tty) send(ws, 1, '\r\n');
				const exit = /^\s*exit(?:\s+(\d+))?\s*$/.exec(line);
				if (exit) return finish(ws, Number(exit[1] ?? 0) & 255, cmd);
				const result = shellLine(line, hostname);
				line = '';
				if (result.stdout) send(ws, 1, nl(result.stdout));
				if (result.stderr) send(ws, tty ? 1 : 2, nl(result.stderr));
				send(ws, 1, prompt);
			} else if (ch === '\x04' && line === '') {
				return finish(ws, 0, cmd);
			} else if (ch === '\x7f') {
				if (line && tty) send(ws, 1, '\b \b');
				line = line.slice(0, -1);
			} else {
				line += ch;
				if (tty) send(ws, 1, ch);
			}
		}
	});
}
