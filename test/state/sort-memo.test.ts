import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {ContainerUsage} from '../../source/format/rows.js';
import type {Container} from '../../source/model/cri-types.js';
import {createSortMemo} from '../../source/state/sort-memo.js';
import {sortContainers} from '../../source/state/selectors.js';
import type {SortState} from '../../source/state/ui-state.js';
import {container} from './fake-client.js';

const states: Array<Container['state']> = ['CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_CREATED', 'CONTAINER_UNKNOWN'];
const make = (i: number, name: string, createdAt: string, state: Container['state'], attempt: number): Container => ({
	...container(`${i}`.padStart(64, '0'), name, 'p'.repeat(64), state),
	createdAt,
	metadata: {name, attempt},
});
const same = (a: readonly Container[], b: readonly Container[]) => a.length === b.length && a.every((c, i) => c === b[i]);

test('a sort memo: one container stopped under the age sort takes its old place without a sort', () => {
	const memo = createSortMemo<Container>();
	const sort: SortState = {key: 'age', descending: true};
	const list = Array.from({length: 1000}, (_, i) => make(i, `c${i % 7}`, String(1_700_000_000_000 + (i * 7919) % 1000), 'CONTAINER_RUNNING', 0));
	let sorts = 0;
	const run = (items: readonly Container[]) => {
		sorts++;
		return sortContainers(items, sort);
	};

	const first = memo(list, sort, undefined, run);
	assert.equal(sorts, 1);
	const next = [...list];
	next[500] = {...list[500]!, state: 'CONTAINER_EXITED'};
	const second = memo(next, sort, undefined, run);
	assert.equal(sorts, 1, 'no second sort');
	assert.ok(same(second, sortContainers(next, sort)), 'the order a full sort gives');
	assert.notEqual(second, first, 'a new array: the old one is not changed in place');
	assert.ok(first.includes(list[500]!) && !first.includes(next[500]!));
	assert.equal(memo([...next], sort, undefined, run), second, 'the same objects in a new array: the same result');

	const byState: SortState = {key: 'state', descending: true};
	const again = [...next];
	again[10] = {...next[10]!, state: 'CONTAINER_EXITED'};
	memo(next, byState, undefined, items => sortContainers(items, byState));
	let stateSorts = 0;
	const third = memo(again, byState, undefined, items => {
		stateSorts++;
		return sortContainers(items, byState);
	});
	assert.equal(stateSorts, 1, 'a changed state under the state sort: sorted again');
	assert.ok(same(third, sortContainers(again, byState)));
});

test('property: a sort memo over any sequence of lists equals sorting each from scratch', () => {
	const sortArb = fc.record({key: fc.constantFrom('age', 'default', 'name', 'attempt', 'state', 'cpu', 'mem'), descending: fc.boolean()});
	const item = fc.record({
		name: fc.constantFrom('a', 'A', 'b', 'c'),
		createdAt: fc.constantFrom('1', '2', '10', '10', '3'),
		state: fc.constantFrom(...states),
		attempt: fc.nat(2),
	});
	// A step: replace some places by copies with some fields changed, maybe add or drop one, maybe a new sort.
	const step = fc.record({
		changes: fc.array(fc.record({at: fc.nat(40), field: fc.constantFrom('state', 'name', 'createdAt', 'attempt', 'none'), value: item})),
		add: fc.option(item),
		drop: fc.option(fc.nat(40)),
		newSort: fc.option(sortArb),
		newUsage: fc.boolean(),
	});
	fc.assert(fc.property(fc.array(item, {minLength: 1, maxLength: 40}), sortArb, fc.array(step, {maxLength: 6}), (start, sort0, steps) => {
		let serial = 0;
		const build = (v: {name: string; createdAt: string; state: Container['state']; attempt: number}) => make(serial++, v.name, v.createdAt, v.state, v.attempt);
		let list = start.map(build);
		let sort = sort0 as SortState;
		const usageOf = (items: readonly Container[]): ReadonlyMap<string, ContainerUsage> => new Map(items.filter((_, i) => i % 3 !== 0).map((c, i) => [c.id, {cpuPercent: i % 4, memoryBytes: String(i % 5)}]));
		let usage = usageOf(list);
		const memo = createSortMemo<Container>();
		const check = () => {
			const got = memo(list, sort, usage, items => sortContainers(items, sort, usage));
			assert.ok(same(got, sortContainers(list, sort, usage)), `${sort.key} ${sort.descending}`);
		};
		check();
		for (const s of steps) {
			const next = [...list];
			for (const change of s.changes) {
				const at = change.at % next.length;
				next[at] = change.field === 'none' ? {...next[at]!} : {...next[at]!, [change.field]: change.value[change.field as 'state'], metadata: {name: change.field === 'name' ? change.value.name : next[at]!.metadata!.name, attempt: change.field === 'attempt' ? change.value.attempt : next[at]!.metadata!.attempt}};
			}
			if (s.add) next.push(build(s.add));
			if (s.drop !== null && next.length > 1) next.splice(s.drop % next.length, 1);
			list = next;
			if (s.newSort) sort = s.newSort as SortState;
			if (s.newUsage) usage = usageOf(list);
			check();
		}
	}), {numRuns: 400});
});
