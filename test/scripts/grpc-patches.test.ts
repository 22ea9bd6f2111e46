// scripts/grpc-patches.mjs: grpc-js's StreamDecoder, patched to copy each message's bytes as they
// arrive, gives the same framed messages as the package's own (slices joined at the end) for any
// split of the stream into reads, and keeps none of the reads it was given.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import vm from 'node:vm';
// @ts-expect-error plain .mjs build helper without types
import {patchInkSource} from '../../scripts/bundle-patches.mjs';

const patch = patchInkSource as (file: string, source: string) => string | undefined;
const file = createRequire(import.meta.url).resolve('@grpc/grpc-js/build/src/stream-decoder.js');
type Decoder = {write(data: Buffer): Buffer[]};
type DecoderClass = new (maxReadMessageLength: number) => Decoder;

function load(source: string): DecoderClass {
	const module = {exports: {} as {StreamDecoder: DecoderClass}};
	vm.runInThisContext(`(function (exports, module, Buffer) {${source}\n})`, {filename: file})(module.exports, module, Buffer);
	return module.exports.StreamDecoder;
}

const original = load(readFileSync(file, 'utf8'));
const patchedSource = patch(file, readFileSync(file, 'utf8'));
assert.ok(patchedSource, 'stream-decoder.js is patched');
const patched = load(patchedSource);

/** A deterministic pseudo-random generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function frame(body: Buffer, compressed = 0): Buffer {
	const head = Buffer.alloc(5);
	head.writeUInt8(compressed, 0);
	head.writeUInt32BE(body.length, 1);
	return Buffer.concat([head, body]);
}

test('the patched decoder gives the package\'s messages byte for byte, for every split into reads', () => {
	for (let seed = 1; seed <= 60; seed++) {
		const next = random(seed);
		const sizes = Array.from({length: 1 + Math.floor(next() * 6)}, () => [0, 1, 4, 4_095, 4_096, 70_000, 300_000][Math.floor(next() * 7)]!);
		const bodies = sizes.map(size => Buffer.from(Array.from({length: size}, () => Math.floor(next() * 256))));
		const stream = Buffer.concat(bodies.map((body, i) => frame(body, i % 2)));
		// Reads of 1 byte up to 64 KiB, as a socket gives them.
		const reads: Buffer[] = [];
		for (let at = 0; at < stream.length;) {
			const size = Math.max(1, Math.floor(next() ** 3 * 65_536));
			reads.push(stream.subarray(at, at + size));
			at += size;
		}
		const a = new original(-1);
		const b = new patched(-1);
		const want = reads.flatMap(read => a.write(Buffer.from(read)));
		const got: Buffer[] = [];
		for (const read of reads) {
			const copy = Buffer.from(read);
			got.push(...b.write(copy));
			// The patched decoder keeps nothing of a read once write() returns.
			copy.fill(0xee);
		}
		assert.equal(got.length, bodies.length, `seed ${seed}: one message per frame`);
		assert.deepEqual(got.map(m => m.toString('hex')), want.map(m => m.toString('hex')), `seed ${seed}`);
		for (const [i, message] of got.entries()) assert.ok(message.equals(frame(bodies[i]!, i % 2)), `seed ${seed}: message ${i} is its frame`);
	}
});

test('the size check still comes first: a message over the limit throws before anything is allocated for it', () => {
	const decoder = new patched(1_000);
	assert.throws(() => decoder.write(frame(Buffer.alloc(1_001))), /Received message larger than max \(1001 vs 1000\)/);
});
