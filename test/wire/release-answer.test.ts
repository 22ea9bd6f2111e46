// source/wire/release-answer.ts: an answer's own large buffer is detached after decoding (its
// bytes freed now, not at the next full GC); a buffer that shares its memory is left alone.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {releaseAnswer} from '../../source/wire/release-answer.js';

test('a framed answer of its own (5-byte header + message) is detached', () => {
	const framed = Buffer.alloc(5 + 200_000, 7);
	const message = framed.subarray(5);
	releaseAnswer(message);
	assert.equal(message.length, 0);
	assert.equal(framed.buffer.byteLength, 0);
});

test('small, pooled or shared buffers are left as they are', () => {
	const small = Buffer.from('x'.repeat(1_000));
	releaseAnswer(small);
	assert.equal(small.length, 1_000);

	const shared = Buffer.alloc(300_000, 1);
	const part = shared.subarray(10, 200_000);
	releaseAnswer(part);
	assert.equal(part.length, 199_990);
	assert.equal(shared.buffer.byteLength, 300_000);

	const tail = shared.subarray(100_000);
	releaseAnswer(tail);
	assert.equal(tail.length, 200_000);

	const sab = Buffer.from(new SharedArrayBuffer(100_000));
	releaseAnswer(sab);
	assert.equal(sab.length, 100_000);
});
