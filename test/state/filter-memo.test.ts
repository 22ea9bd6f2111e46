import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {narrows, parseFilter, type FilterTerm} from '../../source/format/filter-query.js';
import {createFilterMemo} from '../../source/state/filter-memo.js';
import {filterContainers} from '../../source/state/selectors.js';
import type {Container, PodSandbox} from '../../source/model/cri-types.js';
import {container, pod} from './fake-client.js';

const n = (a: string, b: string) => narrows(parseFilter(a), parseFilter(b));

test('narrows: a query keeps only what an earlier one kept', () => {
	assert.ok(n('ngin', 'ngi'), 'a longer free word');
	assert.ok(n('ngi web', 'ngi'), 'one more word');
	assert.ok(n('name:ngin', 'ngi'), 'a field word implies a free word it contains');
	assert.ok(n('name:ngin', 'name:ng'));
	assert.ok(n('app=web x', 'app=web'));
	assert.ok(n('anything', ''), 'everything narrows nothing');
	assert.ok(!n('ngi', 'ngin'), 'a shorter word keeps more');
	assert.ok(!n('name:x', 'name:'), '"name:" is a free word; name:x does not imply it');
	assert.ok(!n('ngin', 'name:ngi'), 'a free word may match another field');
	assert.ok(!n('ns:ngin', 'name:ngi'), 'another field');
	assert.ok(!n('app=webx', 'app=web'), 'labels match exactly');
	assert.ok(!n('app=web', 'app'), 'a label term is not a free word');
	assert.ok(!n('', 'a'));
});

const P = 'p'.repeat(64);
const pods = [pod(P, 'web-abc', 'shop')];
const podsById = new Map(pods.map(p => [p.id, p]));
const containers = ['nginx', 'ngrok', 'redis', 'engine', 'node'].map((name, i) => container(String(i).repeat(64), name, P, i % 2 ? 'CONTAINER_EXITED' : 'CONTAINER_RUNNING'));
const names = (items: readonly Container[]) => items.map(c => c.metadata?.name).join(' ');

test('a filter memo: typed again is remembered, a narrower query looks only at the earlier result, other deps start over', () => {
	const memo = createFilterMemo<Container>();
	const seen: number[] = [];
	const run = (deps: {showAll: boolean}) => (items: readonly Container[], terms: readonly FilterTerm[]) => {
		seen.push(items.length);
		return filterContainers(items, {text: terms, showAll: deps.showAll, pod: null, podsById});
	};

	const all = {showAll: true};
	const g = memo(containers, 'name:g', [true], run(all));
	assert.equal(names(g), 'nginx ngrok engine');
	assert.equal(names(memo(containers, 'name:gi', [true], run(all))), 'nginx engine');
	assert.deepEqual(seen, [5, 3], '"name:gi" looked only at the 3 "name:g" kept');
	assert.equal(memo(containers, 'name:g', [true], run(all)), g, 'a backspace: the same result, not a new scan');
	assert.equal(memo(containers, '', [true], run(all)), containers, 'no filter: the list itself');
	assert.deepEqual(seen, [5, 3, 5]);

	assert.equal(names(memo(containers, 'name:g', [false], run({showAll: false}))), 'nginx', 'showAll changed: running only');
	assert.equal(seen.at(-1), 5, 'a changed dep starts from the whole list');
	const copy = [...containers];
	memo(copy, 'name:g', [false], run({showAll: false}));
	assert.equal(seen.at(-1), 5, 'a new list starts over');
});

test('property: a memoised filter over any sequence of queries equals filtering from scratch', () => {
	const word = fc.constantFrom('n', 'ng', 'ngi', 'nginx', 'e', 'en', 'r', 're', 'name:n', 'name:ng', 'ns:shop', 'ns:sh', 'state:run', 'exited', 'app=web', 'app=db', 'web', 'x');
	const query = fc.array(word, {maxLength: 3}).map(words => words.join(' '));
	const item = fc.record({
		name: fc.constantFrom('nginx', 'ngrok', 'redis', 'engine', 'web', 'x'),
		state: fc.constantFrom('CONTAINER_RUNNING' as const, 'CONTAINER_EXITED' as const),
		app: fc.constantFrom('web', 'db', undefined),
		labelled: fc.boolean(),
	});
	fc.assert(fc.property(fc.array(item, {maxLength: 30}), fc.array(fc.tuple(query, fc.boolean()), {minLength: 1, maxLength: 12}), (specs, queries) => {
		const list = specs.map((s, i) => {
			const c = container(i.toString(16).padStart(64, '0'), s.name, P, s.state);
			const labels: Record<string, string> = s.app ? {app: s.app} : {};
			if (s.labelled) Object.assign(labels, {'io.kubernetes.pod.name': 'web-abc', 'io.kubernetes.pod.namespace': 'shop'});
			return {...c, labels};
		});
		const memo = createFilterMemo<Container>(4);
		for (const [text, showAll] of queries) {
			const options = {showAll, pod: null, podsById: podsById as ReadonlyMap<string, PodSandbox>};
			const got = memo(list, text, [showAll], (items, terms) => filterContainers(items, {...options, text: terms}));
			assert.deepEqual(got.map(c => c.id), filterContainers(list, {...options, text}).map(c => c.id), `query "${text}" showAll ${showAll}`);
		}
	}), {numRuns: 300});
});
