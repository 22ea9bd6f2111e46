import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {Malformed, Reader} from '../../source/wire/proto-reader.js';

/** The varint bytes of a 64-bit value (two's complement for negatives), as protobuf writes int64/uint64. */
function varint(value: bigint): Buffer {
	let v = BigInt.asUintN(64, value);
	const out: number[] = [];
	do {
		const b = Number(v & 127n);
		v >>= 7n;
		out.push(v > 0n ? b | 128 : b);
	} while (v > 0n);
	return Buffer.from(out);
}

const read = (value: bigint, signed: boolean) => {
	const buf = varint(value);
	const r = new Reader(buf, 0, buf.length);
	const text = r.long(signed);
	assert.equal(r.pos, buf.length);
	return text;
};

describe('proto reader', () => {
	test('long() gives the exact decimal of every int64 and uint64, around each split of the fast paths', () => {
		const edges = [0n, 1n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 1_764_000_000_123_456_789n, 2n ** 63n - 1n, 10n ** 18n, 10n ** 18n - 1n, 10n ** 9n, 999_999_999n];
		for (let k = 25; k <= 36; k++) edges.push(2n ** BigInt(28 + k) - 1n, 2n ** BigInt(28 + k), 2n ** BigInt(28 + k) + 1n);
		for (const v of edges.filter(e => e < 2n ** 64n)) {
			if (v < 2n ** 63n) assert.equal(read(v, true), String(v), `int64 ${v}`);
			assert.equal(read(v, false), String(v), `uint64 ${v}`);
			if (v > 0n && v <= 2n ** 63n) assert.equal(read(-v, true), String(-v), `int64 ${-v}`);
		}
		fc.assert(fc.property(fc.bigInt({min: 0n, max: 2n ** 64n - 1n}), v => read(v, false) === String(v)), {numRuns: 5000});
		fc.assert(fc.property(fc.bigInt({min: -(2n ** 63n), max: 2n ** 63n - 1n}), v => read(v, true) === String(v)), {numRuns: 5000});
	});

	test('skip(0) moves past a varint of any length and refuses a truncated or overlong one', () => {
		for (const v of [0n, 127n, 128n, 2n ** 63n, 2n ** 64n - 1n]) {
			const buf = Buffer.concat([varint(v), Buffer.from([42])]);
			const r = new Reader(buf, 0, buf.length);
			r.skip(0);
			assert.equal(buf[r.pos], 42);
		}
		assert.throws(() => new Reader(Buffer.from([0x80, 0x80]), 0, 2).skip(0), Malformed);
		assert.throws(() => new Reader(Buffer.alloc(11, 0x80), 0, 11).skip(0), Malformed);
	});
});
