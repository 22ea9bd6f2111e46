import {test} from 'node:test';
import assert from 'node:assert/strict';
import {fullId, isImageIdLike, shortId} from '../../source/format/ids.js';

const HEX = '5d0da3dc976460b72c77d94c8a1ad043720b0416bfc16c52c45d4847e53fadb6';

test('shortId keeps 13 characters like crictl', () => {
	assert.equal(shortId('3f2a8b9c1d0e4f5a6b7c'), '3f2a8b9c1d0e4');
	assert.equal(shortId('abc'), 'abc');
	assert.equal(shortId(''), '');
});

test('shortId drops sha256: first, as crictl images shows IMAGE ID', () => {
	assert.equal(shortId(`sha256:${HEX}`), '5d0da3dc97646');
	assert.equal(shortId(HEX), '5d0da3dc97646');
});

test('fullId is the whole ID', () => {
	assert.equal(fullId(`sha256:${HEX}`), `sha256:${HEX}`);
});

test('isImageIdLike', () => {
	assert.equal(isImageIdLike(`sha256:${HEX}`), true);
	assert.equal(isImageIdLike(HEX), true);
	assert.equal(isImageIdLike('busybox:latest'), false);
	assert.equal(isImageIdLike('sha256:abc'), false);
});
