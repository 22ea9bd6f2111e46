import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {indexOfKey, placeSelection} from '../../source/state/selectors.js';

const keyOf = (item: {k: string}) => item.k;

test('indexOfKey: the first index of a key, as findIndex, in short and long lists and on every later look-up', () => {
	fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), {maxLength: 600}), fc.array(fc.constantFrom('a', 'b', 'c', 'x'), {minLength: 1, maxLength: 5}), (keys, asked) => {
		const list = keys.map(k => ({k}));
		for (const key of asked) assert.equal(indexOfKey(list, keyOf, key), list.findIndex(item => item.k === key), key);
	}), {numRuns: 300});
});

test('a long list answers a key moved through it by its index; another key function is not confused with it', () => {
	const list = Array.from({length: 10_000}, (_, i) => ({k: `id-${i}`, other: `o-${9_999 - i}`}));
	for (let i = 0; i < 50; i++) assert.equal(placeSelection(list, keyOf, {id: `id-${i * 7}`, index: 0}, () => true, undefined).index, i * 7);
	const byOther = (item: {other: string}) => item.other;
	assert.equal(indexOfKey(list, byOther, 'o-0'), 9_999);
	assert.equal(indexOfKey(list, byOther, 'o-0'), 9_999, 'built for the other key function');
	assert.equal(indexOfKey(list, keyOf, 'id-3'), 3);
	assert.equal(indexOfKey(list, keyOf, 'nope'), -1);
});
