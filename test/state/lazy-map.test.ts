import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LazyMap} from '../../source/state/lazy-map.js';

test('a lazy map reads its list only when first used, then answers as new Map(entries) does', () => {
	let reads = 0;
	const list = [{id: 'a', n: 1}, {id: 'b', n: 2}, {id: 'a', n: 3}];
	const map = new LazyMap(list, item => {
		reads++;
		return item.id;
	});
	assert.equal(reads, 0, 'nothing read while unused');
	const plain = new Map(list.map(item => [item.id, item]));
	assert.equal(map.get('a'), plain.get('a'), 'a repeated key: the last item');
	assert.equal(reads, 3);
	assert.equal(map.size, 2);
	assert.ok(map.has('b') && !map.has('c'));
	assert.deepEqual([...map], [...plain]);
	assert.deepEqual([...map.keys()], ['a', 'b']);
	assert.deepEqual([...map.values()].map(v => v.n), [3, 2]);
	const seen: string[] = [];
	map.forEach((value, key, self) => seen.push(`${key}${value.n}${self === map ? '' : '!'}`));
	assert.deepEqual(seen, ['a3', 'b2']);
	assert.equal(reads, 3, 'built once');
});
