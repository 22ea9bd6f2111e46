import {test} from 'node:test';
import assert from 'node:assert/strict';
import {bytesSize, goFormatG, humanSize, imageSize} from '../../source/format/size.js';

test("Go's %g: trailing zeros dropped, exponent form, ties to even", () => {
	assert.equal(goFormatG(4.3, 4), '4.3');
	assert.equal(goFormatG(742, 3), '742');
	assert.equal(goFormatG(100, 3), '100');
	assert.equal(goFormatG(999.999, 3), '1e+03');
	assert.equal(goFormatG(123456, 4), '1.235e+05');
	assert.equal(goFormatG(0.00001234, 3), '1.23e-05');
	assert.equal(goFormatG(0.001, 3), '0.001');
	assert.equal(goFormatG(1.125, 3), '1.12');
	assert.equal(goFormatG(1.375, 3), '1.38');
	assert.equal(goFormatG(2.5, 1), '2');
	assert.equal(goFormatG(0, 4), '0');
});

test('crictl images SIZE: 3 significant digits, base 1000', () => {
	assert.equal(imageSize('0'), '0B');
	assert.equal(imageSize('999'), '999B');
	assert.equal(imageSize('1000'), '1kB');
	assert.equal(imageSize('742123'), '742kB');
	assert.equal(imageSize('4300000'), '4.3MB');
	assert.equal(imageSize('4321987'), '4.32MB');
	assert.equal(imageSize('1125'), '1.12kB');
	assert.equal(imageSize('999999'), '1e+03kB');
	assert.equal(imageSize('1234567890123'), '1.23TB');
});

test('HumanSize (crictl stats MEM): 4 significant digits', () => {
	assert.equal(humanSize('12345678'), '12.35MB');
	assert.equal(humanSize(2_746_000), '2.746MB');
	assert.equal(humanSize(796_000), '796kB');
});

test('BytesSize: binary units', () => {
	assert.equal(bytesSize(12.3 * 1024 * 1024), '12.3MiB');
	assert.equal(bytesSize(1024), '1KiB');
	assert.equal(bytesSize(44 * 1024), '44KiB');
	assert.equal(bytesSize('512'), '512B');
	assert.equal(bytesSize('garbage'), '0B');
});
