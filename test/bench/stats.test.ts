import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {median, percentile, round, summarise} from '../../bench/stats.js';

describe('bench stats', () => {
	test('median of odd and even counts, order does not matter', () => {
		assert.equal(median([5, 1, 3]), 3);
		assert.equal(median([4, 1, 3, 2]), 2.5);
		assert.equal(median([7]), 7);
		assert.ok(Number.isNaN(median([])));
	});

	test('nearest-rank percentiles', () => {
		const hundred = Array.from({length: 100}, (_, i) => 100 - i); // 100..1, unsorted
		assert.equal(percentile(hundred, 50), 50);
		assert.equal(percentile(hundred, 95), 95);
		assert.equal(percentile(hundred, 100), 100);
		assert.equal(percentile([10, 20, 30, 40], 95), 40);
		assert.equal(percentile([10, 20, 30, 40], 25), 10);
		assert.equal(percentile([10, 20, 30, 40], 26), 20);
		assert.throws(() => percentile([1], 0), RangeError);
		assert.throws(() => percentile([1], 101), RangeError);
	});

	test('a percentile is always one of the samples and grows with p', () => {
		fc.assert(
			fc.property(fc.array(fc.double({noNaN: true, min: -1e6, max: 1e6}), {minLength: 1}), fc.integer({min: 1, max: 99}), (xs, p) => {
				const a = percentile(xs, p);
				assert.ok(xs.includes(a));
				assert.ok(percentile(xs, p + 1) >= a);
			}),
		);
	});

	test('summarise does not reorder its input and reports the extremes', () => {
		const xs = [3, 1, 2];
		const s = summarise(xs);
		assert.deepEqual(xs, [3, 1, 2]);
		assert.deepEqual(s, {n: 3, min: 1, p50: 2, p95: 3, max: 3, mean: 2});
	});

	test('round keeps more digits for small values', () => {
		assert.equal(round(1.23456), 1.23);
		assert.equal(round(12.345), 12.3);
		assert.equal(round(123.45), 123);
	});
});
