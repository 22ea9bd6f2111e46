// The streaming half of CRI Exec: the runtime answers Exec with a URL, and the
// session runs over a WebSocket speaking the Kubernetes channel protocol.
// Every frame starts with one channel byte: 0 stdin, 1 stdout, 2 stderr,
// 3 error (a JSON Status, which carries the exit code), 4 resize
// ({"Width":W,"Height":H}); v5 adds 255 close (`[255, channel]`, used to
// close stdin). We offer v5 first and fall back to v4, as kubectl does; the
// runtimes' streaming servers (containerd, CRI-O, cri-dockerd) all pick v4.
import {completeExecUrl} from './exec-url.js';

export const execProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

export const channel = {stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255} as const;

export type ExecExit = {
	/** Exit code of the process; -1 when the runtime failed without one (then message says why). */
	code: number;
	/** Subprotocol the server chose, e.g. "v4.channel.k8s.io". */
	protocol: string;
	message?: string;
};

export type ExecSession = {
	readonly protocol: string;
	write(data: Buffer | string): void;
	resize(columns: number, rows: number): void;
	/** Ends stdin (v5 only: v4 has no way but closing the whole connection). */
	closeStdin(): void;
	close(): void;
	readonly exited: Promise<ExecExit>;
};

export type ExecConnectOptions = {
	onStdout(data: Buffer): void;
	/** Without a tty stderr arrives apart. @default onStdout */
	onStderr?(data: Buffer): void;
	/** @default execProtocols */
	protocols?: readonly string[];
	/** @default 5000 */
	connectTimeoutMs?: number;
	/** The CRI endpoint the URL came from: a host-less URL is on its host. @default the loopback */
	endpoint?: string;
};

/** URL from the runtime → ws(s) URL, completed as crictl does (see exec-url.ts). */
export function toWebSocketUrl(url: string, endpoint?: string): string {
	return completeExecUrl(url, endpoint);
}

/** Exit code and message of a channel-3 Status. */
export function parseExecStatus(text: string): {code: number; message?: string} {
	let status: {status?: string; reason?: string; message?: string; details?: {causes?: Array<{reason?: string; message?: string}>}};
	try {
		status = JSON.parse(text);
	} catch {
		// Old servers wrote a plain error string here.
		return {code: -1, message: text.trim() || 'exec failed'};
	}

	if (status.status === 'Success') return {code: 0};
	const cause = status.details?.causes?.find(c => c.reason === 'ExitCode');
	if (status.reason === 'NonZeroExitCode' && cause?.message !== undefined && /^\d+$/.test(cause.message)) {
		return {code: Number(cause.message), message: status.message};
	}

	return {code: -1, message: status.message || status.reason || 'exec failed'};
}

/** Connects to the exec URL. Rejects (with a sentence) when the connection cannot be made. */
export async function connectExec(url: string, options: ExecConnectOptions): Promise<ExecSession> {
	let target: string;
	try {
		target = toWebSocketUrl(url, options.endpoint);
	} catch (error) {
		throw new Error(`cannot connect to the exec stream: ${(error as Error).message}`);
	}
	// Loaded on the first exec, not at start-up (the dashboard's first frame needs no WebSocket).
	const {default: WebSocket} = await import('ws');
	const socket = new WebSocket(target, [...(options.protocols ?? execProtocols)], {
		handshakeTimeout: options.connectTimeoutMs ?? 5000,
	});
	const onStderr = options.onStderr ?? options.onStdout;
	let status: {code: number; message?: string} | undefined;

	// Listeners go on before the handshake ends: the first frames can arrive with it.
	const exited = new Promise<ExecExit>(resolve => {
		socket.on('message', (data: Buffer) => {
			const frame = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
			if (frame.length === 0) return;
			const payload = frame.subarray(1);
			switch (frame[0]) {
				case channel.stdout: {
					options.onStdout(payload);
					break;
				}

				case channel.stderr: {
					onStderr(payload);
					break;
				}

				case channel.error: {
					status = parseExecStatus(payload.toString('utf8'));
					break;
				}

				default:
					// Unknown channels are ignored, as the protocol asks.
			}
		});
		socket.on('error', () => {
			// 'close' follows and settles the session.
		});
		socket.on('close', code => {
			const protocol = socket.protocol;
			if (status) resolve({...status, protocol});
			else if (code === 1000 || code === 1005) resolve({code: 0, protocol});
			else resolve({code: -1, protocol, message: `exec stream closed abnormally (WebSocket code ${code})`});
		});
	});

	const opened = new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', error => reject(new Error(`cannot connect to the exec stream at ${url}: ${error.message}`)));
		socket.once('unexpected-response', (_request, response) => {
			reject(new Error(`exec stream at ${url} answered HTTP ${response.statusCode} instead of a WebSocket`));
			socket.terminate();
		});
	});
	await opened;
	const protocol = socket.protocol;

	const send = (ch: number, data: Buffer | string) => {
		if (socket.readyState !== WebSocket.OPEN) return;
		const body = typeof data === 'string' ? Buffer.from(data) : data;
		socket.send(Buffer.concat([Buffer.from([ch]), body]), {binary: true});
	};

	return {
		protocol,
		exited,
		write: data => send(channel.stdin, data),
		resize: (columns, rows) => send(channel.resize, JSON.stringify({Width: columns, Height: rows})),
		closeStdin() {
			if (protocol.startsWith('v5.')) send(channel.close, Buffer.from([channel.stdin]));
		},
		close() {
			if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000);
		},
	};
}
