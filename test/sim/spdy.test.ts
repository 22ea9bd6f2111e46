// The SPDY/3.1 subset of source/sim/spdy.ts, driven by a hand-made client over a socket pair:
// SYN_STREAMs with Kubernetes' headers only (no :method/:path), header blocks on one zlib context
// per direction, SYN_REPLY for each stream, DATA both ways, PING echoed, GOAWAY at close.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import zlib from 'node:zlib';
import spdyTransport from 'spdy-transport';
import {headerBlock, parseHeaderBlock, SpdyServerConnection, type SpdyStream} from '../../source/sim/spdy.js';
import {until} from './helpers.js';

const dictionary = spdyTransport.protocol.spdy.dictionary[3];

function control(kind: number, body: Buffer, flags = 0): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt16BE(0x8003);
	head.writeUInt16BE(kind, 2);
	head.writeUInt32BE(body.length, 4);
	head[4] = flags;
	return Buffer.concat([head, body]);
}

function data(id: number, payload: Buffer, fin = false): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(id);
	head.writeUInt32BE(payload.length, 4);
	head[4] = fin ? 1 : 0;
	return Buffer.concat([head, payload]);
}

test('header blocks round-trip (names lower-cased)', () => {
	assert.deepEqual(parseHeaderBlock(headerBlock({StreamType: 'stdout', Port: '0'})), {streamtype: 'stdout', port: '0'});
});

test('streams with only a streamtype header are accepted, replied to and carry data both ways; PING is echoed', async () => {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const streams: SpdyStream[] = [];
	let received = '';
	server.on('connection', socket => {
		const connection = new SpdyServerConnection(socket);
		connection.on('stream', (stream: SpdyStream) => {
			streams.push(stream);
			stream.on('data', d => (received += d.toString()));
			if (stream.headers.streamtype === 'stdout') stream.write('hello');
		});
	});
	const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
	const deflate = zlib.createDeflate({dictionary});
	const inflate = zlib.createInflate({dictionary});
	let bytes = Buffer.alloc(0);
	client.on('data', chunk => (bytes = Buffer.concat([bytes, chunk])));
	const compress = (block: Buffer) => new Promise<Buffer>(resolve => {
		const out: Buffer[] = [];
		const onData = (c: Buffer) => out.push(c);
		deflate.on('data', onData);
		deflate.write(block);
		deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
			deflate.off('data', onData);
			resolve(Buffer.concat(out));
		});
	});
	const syn = async (id: number, type: string) => {
		const body = Buffer.alloc(10);
		body.writeUInt32BE(id);
		client.write(control(1, Buffer.concat([body, await compress(headerBlock({streamtype: type}))])));
	};
	try {
		await syn(1, 'stdin');
		await syn(3, 'stdout');
		await until(() => streams.length === 2, 'both streams');
		assert.deepEqual(streams.map(s => s.headers.streamtype), ['stdin', 'stdout']);
		client.write(data(1, Buffer.from('typed')));
		await until(() => received === 'typed', 'stdin data at the server');
		const ping = Buffer.alloc(4);
		ping.writeUInt32BE(7);
		client.write(control(6, ping));
		// Frames back: two SYN_REPLYs, a DATA frame "hello" on stream 3, the PING.
		const frames = () => {
			const out: Array<{control: boolean; kind: number; id: number; body: Buffer}> = [];
			for (let at = 0; at + 8 <= bytes.length;) {
				const length = bytes.readUIntBE(at + 5, 3);
				const isControl = (bytes[at] & 0x80) !== 0;
				out.push({control: isControl, kind: isControl ? bytes.readUInt16BE(at + 2) : 0, id: isControl ? 0 : bytes.readUInt32BE(at), body: bytes.subarray(at + 8, at + 8 + length)});
				at += 8 + length;
			}
			return out;
		};
		await until(() => frames().some(f => f.control && f.kind === 6), 'the PING echo');
		const got = frames();
		const replies = got.filter(f => f.control && f.kind === 2);
		assert.deepEqual(replies.map(f => f.body.readUInt32BE(0)), [1, 3]);
		// The reply header blocks inflate on one context, in order.
		for (const reply of replies) {
			const block = await new Promise<Buffer>(resolve => {
				const out: Buffer[] = [];
				const onData = (c: Buffer) => out.push(c);
				inflate.on('data', onData);
				inflate.write(reply.body.subarray(4));
				inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
					inflate.off('data', onData);
					resolve(Buffer.concat(out));
				});
			});
			assert.deepEqual(parseHeaderBlock(block), {});
		}
		assert.equal(got.find(f => !f.control && f.id === 3)?.body.toString(), 'hello');
		assert.equal(got.find(f => f.control && f.kind === 6)?.body.readUInt32BE(0), 7);
	} finally {
		client.destroy();
		deflate.close();
		inflate.close();
		await new Promise(resolve => server.close(resolve));
	}
});
