// The server half of SPDY/3.1 as the Kubernetes streaming servers speak it (crictl's default exec
// transport): after an HTTP/1.1 `Upgrade: SPDY/3.1`, the client opens one stream per channel with
// SYN_STREAM (header `streamtype`: error, stdin, stdout, stderr, resize); the server answers each with
// SYN_REPLY and writes DATA frames on stdout/stderr/error. Only that subset is here: header blocks
// are zlib with the SPDY/3 dictionary, one compression context per direction for the whole
// connection (the dictionary comes from spdy-transport, whose parser cannot be used: it refuses
// SYN_STREAMs without `:method`/`:path`, which Kubernetes never sends). The Go client (spdystream)
// does no flow control, so neither does this.
import {EventEmitter} from 'node:events';
import type {Duplex} from 'node:stream';
import zlib from 'node:zlib';
import spdyTransport from 'spdy-transport';

const dictionary = spdyTransport.protocol.spdy.dictionary[3];

const type = {synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goaway: 7, headers: 8, windowUpdate: 9} as const;
const flagFin = 0x01;

export type SpdyStream = {
	id: number;
	headers: Record<string, string>;
	write(data: Buffer | string): void;
	end(): void;
	on(event: 'data', fn: (data: Buffer) => void): void;
	on(event: 'end', fn: () => void): void;
};

/** One SPDY connection over an upgraded socket. Emits 'stream' (SpdyStream) and 'close'. */
export class SpdyServerConnection extends EventEmitter {
	private buffer = Buffer.alloc(0);
	private readonly inflate = zlib.createInflate({dictionary});
	private readonly deflate = zlib.createDeflate({dictionary});
	private queue: Promise<void> = Promise.resolve();
	private readonly streams = new Map<number, EventEmitter>();
	private closed = false;

	constructor(private readonly socket: Duplex) {
		super();
		socket.on('data', (chunk: Buffer) => {
			this.buffer = Buffer.concat([this.buffer, chunk]);
			this.drainFrames();
		});
		socket.on('close', () => this.shutdown());
		socket.on('error', () => this.shutdown());
	}

	/** GOAWAY, then the socket ends (the client sees the session over). */
	close() {
		if (this.closed) return;
		const body = Buffer.alloc(8);
		this.control(type.goaway, 0, body);
		this.queue = this.queue.then(() => {
			this.socket.end();
		});
	}

	private shutdown() {
		if (this.closed) return;
		this.closed = true;
		this.inflate.close();
		this.deflate.close();
		this.emit('close');
	}

	private drainFrames() {
		while (this.buffer.length >= 8) {
			const length = this.buffer.readUIntBE(5, 3);
			if (this.buffer.length < 8 + length) return;
			const frame = this.buffer.subarray(0, 8 + length);
			this.buffer = this.buffer.subarray(8 + length);
			// Frames are handled in order: a header block must be inflated before the next one.
			this.queue = this.queue.then(() => this.handle(frame)).catch(() => {
				this.socket.destroy();
			});
		}
	}

	private async handle(frame: Buffer) {
		const flags = frame[4];
		const body = frame.subarray(8);
		if ((frame[0] & 0x80) === 0) {
			const id = frame.readUInt32BE(0) & 0x7fffffff;
			const stream = this.streams.get(id);
			if (body.length > 0) stream?.emit('data', Buffer.from(body));
			if (flags & flagFin) stream?.emit('end');
			return;
		}
		const kind = frame.readUInt16BE(2);
		if (kind === type.synStream) {
			const id = body.readUInt32BE(0) & 0x7fffffff;
			const headers = parseHeaderBlock(await this.inflateBlock(body.subarray(10)));
			const events = new EventEmitter();
			this.streams.set(id, events);
			await this.reply(id);
			const stream: SpdyStream = {
				id, headers,
				write: data => this.data(id, Buffer.from(data), false),
				end: () => this.data(id, Buffer.alloc(0), true),
				on: (event: string, fn: (...args: any[]) => void) => {
					events.on(event, fn);
				},
			};
			this.emit('stream', stream);
		} else if (kind === type.headers) {
			await this.inflateBlock(body.subarray(4)); // keeps the shared zlib context in step
		} else if (kind === type.ping) {
			this.control(type.ping, 0, body);
		} else if (kind === type.rstStream) {
			this.streams.get(body.readUInt32BE(0) & 0x7fffffff)?.emit('end');
		} else if (kind === type.goaway) {
			this.socket.end();
		}
		// SETTINGS, WINDOW_UPDATE: nothing to do without flow control.
	}

	private async reply(id: number) {
		const block = await this.deflateBlock(headerBlock({}));
		const body = Buffer.alloc(4);
		body.writeUInt32BE(id);
		this.control(type.synReply, 0, Buffer.concat([body, block]));
	}

	private control(kind: number, flags: number, body: Buffer) {
		const head = Buffer.alloc(8);
		head.writeUInt16BE(0x8003);
		head.writeUInt16BE(kind, 2);
		head.writeUInt32BE(body.length, 4);
		head[4] = flags;
		this.write(Buffer.concat([head, body]));
	}

	private data(id: number, payload: Buffer, fin: boolean) {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(id & 0x7fffffff);
		head.writeUInt32BE(payload.length, 4);
		head[4] = fin ? flagFin : 0;
		this.write(Buffer.concat([head, payload]));
	}

	private write(bytes: Buffer) {
		if (!this.closed && !this.socket.destroyed) this.socket.write(bytes);
	}

	private inflateBlock(block: Buffer): Promise<Buffer> {
		return runZlib(this.inflate, block);
	}

	private deflateBlock(block: Buffer): Promise<Buffer> {
		return runZlib(this.deflate, block);
	}
}

/** Pushes `input` through a long-lived zlib stream and returns what a sync flush gives back. */
function runZlib(stream: zlib.Inflate | zlib.Deflate, input: Buffer): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const out: Buffer[] = [];
		const onData = (chunk: Buffer) => out.push(chunk);
		stream.on('data', onData);
		stream.once('error', reject);
		stream.write(input);
		stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
			stream.off('data', onData);
			stream.off('error', reject);
			resolve(Buffer.concat(out));
		});
	});
}

/** A decompressed SPDY/3 header block → lower-case names; several values are joined by NUL. */
export function parseHeaderBlock(block: Buffer): Record<string, string> {
	const headers: Record<string, string> = {};
	let at = 4;
	const count = block.length >= 4 ? block.readUInt32BE(0) : 0;
	for (let i = 0; i < count && at + 4 <= block.length; i++) {
		const nameLength = block.readUInt32BE(at);
		const name = block.subarray(at + 4, at + 4 + nameLength).toString('latin1').toLowerCase();
		at += 4 + nameLength;
		const valueLength = block.readUInt32BE(at);
		headers[name] = block.subarray(at + 4, at + 4 + valueLength).toString('utf8');
		at += 4 + valueLength;
	}
	return headers;
}

export function headerBlock(headers: Record<string, string>): Buffer {
	const parts: Buffer[] = [u32(Object.keys(headers).length)];
	for (const [name, value] of Object.entries(headers)) {
		const n = Buffer.from(name.toLowerCase(), 'latin1');
		const v = Buffer.from(value);
		parts.push(u32(n.length), n, u32(v.length), v);
	}
	return Buffer.concat(parts);
}

function u32(n: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(n);
	return b;
}
