import {test} from 'node:test';
import assert from 'node:assert/strict';
import {age, humanDuration} from '../../source/format/age.js';

const S = 1_000_000_000n;
const NOW = 1_767_268_800_123; // ms
const nowNs = BigInt(NOW) * 1_000_000n;
const ago = (ns: bigint) => age((nowNs - ns).toString(), NOW);

test('go-units HumanDuration wording, + " ago"', () => {
	const cases: Array<[bigint, string]> = [
		[0n, 'Less than a second ago'],
		[999_999_999n, 'Less than a second ago'],
		[S, '1 second ago'],
		[59n * S, '59 seconds ago'],
		[60n * S, 'About a minute ago'],
		[119n * S, 'About a minute ago'],
		[120n * S, '2 minutes ago'],
		[3n * 60n * S, '3 minutes ago'],
		[59n * 60n * S, '59 minutes ago'],
		[60n * 60n * S, 'About an hour ago'],
		[89n * 60n * S, 'About an hour ago'],
		[90n * 60n * S, '2 hours ago'], // hours are rounded: int(d.Hours() + 0.5)
		[47n * 3600n * S, '47 hours ago'],
		[48n * 3600n * S, '2 days ago'],
		[13n * 24n * 3600n * S, '13 days ago'],
		[14n * 24n * 3600n * S, '2 weeks ago'],
		[59n * 24n * 3600n * S, '8 weeks ago'],
		[60n * 24n * 3600n * S, '2 months ago'],
		[729n * 24n * 3600n * S, '24 months ago'],
		[730n * 24n * 3600n * S, '2 years ago'],
	];
	for (const [ns, text] of cases) assert.equal(ago(ns), text, `${ns}`);
});

test('exact with nanosecond strings beyond 2^53', () => {
	// One nanosecond short of a second stays "Less than a second"; a float would round it.
	assert.equal(age((nowNs - S + 1n).toString(), NOW), 'Less than a second ago');
	assert.equal(age((nowNs - S).toString(), NOW), '1 second ago');
});

test('future timestamps (clock skew) read as less than a second', () => {
	assert.equal(ago(-5n * S), 'Less than a second ago');
});

test('unset or unparsable timestamps give nothing', () => {
	assert.equal(age('0', NOW), '');
	assert.equal(age('', NOW), '');
	assert.equal(age('12abc', NOW), '');
});

test('humanDuration saturates like Go durations', () => {
	assert.equal(humanDuration(2n ** 63n - 1n), '292 years');
	assert.equal(age('-9000000000000000000', NOW), '292 years ago');
});
