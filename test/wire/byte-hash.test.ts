import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {hashRange, viewOf} from '../../source/wire/byte-hash.js';

/** The hash of `bytes` placed at `offset` in a Buffer that is itself a view 1 byte into a larger pool (as grpc-js hands out). */
const hashOf = (bytes: Uint8Array, offset: number) => {
	const pool = Buffer.alloc(1 + offset + bytes.length + 5, 0xee);
	pool.set(bytes, 1 + offset);
	return hashRange(viewOf(pool.subarray(1)), offset, offset + bytes.length);
};

describe('hashRange', () => {
	test('depends only on the bytes, not where they sit (offset, alignment, the pool around them)', () => {
		fc.assert(fc.property(fc.uint8Array({maxLength: 64}), fc.integer({min: 0, max: 9}), fc.integer({min: 0, max: 9}), (bytes, a, b) => {
			assert.equal(hashOf(bytes, a), hashOf(bytes, b));
		}), {numRuns: 300});
	});

	test('two ranges of one length that differ anywhere in one word or byte never share a hash', () => {
		fc.assert(fc.property(fc.uint8Array({minLength: 1, maxLength: 64}), fc.nat(), fc.integer({min: 1, max: 255}), (bytes, at, flip) => {
			const other = Uint8Array.from(bytes);
			other[at % bytes.length] ^= flip;
			assert.notEqual(hashOf(bytes, 1), hashOf(other, 1));
		}), {numRuns: 500});
	});

	test('is an exact integer below 2^53; lengths are part of it (trailing zero bytes count)', () => {
		const h = hashOf(Uint8Array.from([1, 2, 3]), 1);
		assert.ok(Number.isSafeInteger(h) && h >= 0);
		assert.notEqual(hashOf(Uint8Array.from([0, 0]), 1), hashOf(Uint8Array.from([0, 0, 0]), 1));
		assert.notEqual(hashOf(new Uint8Array(0), 1), hashOf(Uint8Array.from([0]), 1));
	});
});
