import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {cpuPercent, updateHistory, sampleOf, UsageView} from '../../source/state/stats-history.js';
import {usageOfContainer, usageOfPod} from '../../source/wire/usage-decode.js';
import {emptyStats, fetchStats} from '../../source/state/use-stats.js';
import {CriError} from '../../source/wire/errors.js';
import type {Container, ContainerStats} from '../../source/model/cri-types.js';

const s = 1_000_000_000n;
const stats = (id: string, tsSec: number, cpuSec: number, mem: string | null, nanoCores = '999999999999'): ContainerStats => ({
	attributes: {id, metadata: null, labels: {}, annotations: {}},
	cpu: {timestamp: String(BigInt(tsSec) * s), usageCoreNanoSeconds: {value: String(BigInt(Math.round(cpuSec * 1e9)))}, usageNanoCores: {value: nanoCores}},
	memory: mem === null ? null : {timestamp: '0', workingSetBytes: {value: mem}, availableBytes: null, usageBytes: null, rssBytes: null},
	writableLayer: null,
});
const container = (id: string, state: Container['state']): Container => ({
	id, podSandboxId: 'p', metadata: {name: id, attempt: 0}, image: null, imageRef: '', state, createdAt: '0', labels: {}, annotations: {}, imageId: '',
});

// The sample the hand decoder gives for a ContainerStats (doubles for the CPU reading).
const sampleOfStats = (item: ContainerStats, nowNs: number) => sampleOf(usageOfContainer(item), nowNs);

describe('CPU %', () => {
	test('Δ usageCoreNanoSeconds / Δ timestamp × 100, ignoring usageNanoCores', () => {
		const a = sampleOfStats(stats('c', 10, 1, null), 0);
		const b = sampleOfStats(stats('c', 12, 1.5, null), 0);
		assert.equal(cpuPercent(a, b), 25);
		assert.equal(cpuPercent(undefined, b), null);
	});

	test('two cores busy is 200 %; a counter that went back is unknown, not negative', () => {
		const a = sampleOfStats(stats('c', 10, 5, null), 0);
		assert.equal(cpuPercent(a, sampleOfStats(stats('c', 11, 7, null), 0)), 200);
		assert.equal(cpuPercent(a, sampleOfStats(stats('c', 11, 1, null), 0)), null);
		assert.equal(cpuPercent(a, sampleOfStats(stats('c', 10, 6, null), 0)), null);
	});

	test('real nanosecond timestamps (19 digits, past 2^53) and long-lived counters still give the exact % to 2 decimals', () => {
		const at = (ts: string, cpu: string) => sampleOfStats({...stats('c', 0, 0, null), cpu: {timestamp: ts, usageCoreNanoSeconds: {value: cpu}, usageNanoCores: null}}, 0);
		const a = at('1764000000123456789', '86400000000000');
		const b = at('1764000002123456789', '86401000000000');
		assert.equal(cpuPercent(a, b)!.toFixed(2), '50.00');
		assert.equal(cpuPercent(a, at('1764000000123456789', '86401000000000')), null, 'no time passed');
		assert.equal(at('12a', '5').timestampNs, 0, 'an unparsable timestamp is the fetch time');
		assert.equal(at('1', '0x10').cpuNs, null, 'an unparsable counter is unknown');
	});

	test('a missing CPU timestamp uses the fetch time', () => {
		const item = stats('c', 0, 1, null);
		assert.equal(sampleOfStats(item, 42).timestampNs, 42);
	});
});

describe('updateHistory', () => {
	const states = new Map([['run', 'CONTAINER_RUNNING'], ['dead', 'CONTAINER_EXITED']]);

	test('keeps a bounded history, memory is the working set, first sample has no CPU', () => {
		let h = updateHistory(new Map(), [stats('run', 1, 0, '100')].map(usageOfContainer), states, 0);
		assert.deepEqual(h.get('run')!.usage, {cpuPercent: null, memoryBytes: '100'});
		for (let i = 2; i <= 6; i++) h = updateHistory(h, [stats('run', i, (i - 1) * 0.5, String(i * 100))].map(usageOfContainer), states, 0, 3);
		const entry = h.get('run')!;
		assert.deepEqual(entry.cpu, [50, 50, 50]);
		assert.deepEqual(entry.memory, [400, 500, 600]);
		assert.deepEqual(entry.usage, {cpuPercent: 50, memoryBytes: '600'});
	});

	test('each round appends to the lists in place, no copy per container per round', () => {
		const first = updateHistory(new Map(), [stats('run', 1, 0, '100')].map(usageOfContainer), states, 0);
		const second = updateHistory(first, [stats('run', 2, 0.5, '200')].map(usageOfContainer), states, 0, 2);
		const third = updateHistory(second, [stats('run', 3, 1, '300')].map(usageOfContainer), states, 0, 2);
		assert.equal(third.get('run')!.memory, first.get('run')!.memory);
		assert.deepEqual(third.get('run')!.memory, [200, 300]);
		assert.deepEqual(third.get('run')!.cpu, [50, 50]);
	});

	test('a container seen again keeps its entry, usage and sample objects, updated in place; the map is new each round', () => {
		const first = updateHistory(new Map(), [stats('run', 1, 0, '100')].map(usageOfContainer), states, 0);
		const entry = first.get('run')!;
		const {usage, last} = entry;
		const second = updateHistory(first, [stats('run', 3, 1, '200')].map(usageOfContainer), states, 0);
		assert.notEqual(second, first, 'a round is a new map, so memos keyed on it see the change');
		assert.equal(second.get('run'), entry);
		assert.equal(second.get('run')!.usage, usage);
		assert.equal(second.get('run')!.last, last);
		assert.deepEqual(usage, {cpuPercent: 50, memoryBytes: '200'});
		assert.deepEqual(last, {timestampNs: 3e9, cpuNs: 1e9, memoryBytes: '200'});
		// A reading with no counter and no memory leaves the lists as they were and says unknown.
		const third = updateHistory(second, [{id: 'run', cpu: null, memory: null}], states, 4e9);
		assert.deepEqual(third.get('run')!.usage, {cpuPercent: null, memoryBytes: null});
		assert.deepEqual(third.get('run')!.cpu, [50]);
		assert.deepEqual(third.get('run')!.memory, [100, 200]);
		// Gone, then back: a fresh entry with no CPU until its second reading.
		const gone = updateHistory(third, [], states, 0);
		const back = updateHistory(gone, [stats('run', 9, 5, '1')].map(usageOfContainer), states, 0);
		assert.notEqual(back.get('run'), entry);
		assert.deepEqual(back.get('run')!.usage, {cpuPercent: null, memoryBytes: '1'});
	});

	test('the same ID twice in one answer: the second reading counts against the first', () => {
		const first = updateHistory(new Map(), [stats('run', 1, 0, '100')].map(usageOfContainer), states, 0);
		const h = updateHistory(first, [stats('run', 2, 0.5, '200'), stats('run', 4, 0.6, '300')].map(usageOfContainer), states, 0);
		assert.equal(h.size, 1);
		assert.equal(h.get('run')!.usage.cpuPercent!.toFixed(2), '5.00');
		assert.equal(h.get('run')!.usage.memoryBytes, '300');
		assert.deepEqual(h.get('run')!.memory, [100, 200, 300]);
	});

	test('exited containers (cri-dockerd lists them with zeros) get no numbers; vanished ones drop out', () => {
		const h = updateHistory(new Map(), [stats('run', 1, 0, '1'), stats('dead', 1, 0, '0')].map(usageOfContainer), states, 0);
		assert.ok(h.has('run'));
		assert.ok(!h.has('dead'));
		const later = updateHistory(h, [], states, 0);
		assert.equal(later.size, 0);
	});
});

describe('UsageView', () => {
	test('reads as the Map of each entry\'s usage it stands for: get, has, size, and every iteration in order', () => {
		const states = new Map<string, Container['state']>([['a', 'CONTAINER_RUNNING'], ['b', 'CONTAINER_RUNNING']]);
		let h = updateHistory(new Map(), [stats('a', 1, 0, '10'), stats('b', 1, 0, null)].map(usageOfContainer), states, 0);
		h = updateHistory(h, [stats('a', 2, 0.5, '20'), stats('b', 2, 1, null)].map(usageOfContainer), states, 0);
		const map = new Map([...h].map(([id, entry]) => [id, entry.usage]));
		const view = new UsageView(h);
		assert.equal(view.size, 2);
		assert.deepEqual(view.get('a'), {cpuPercent: 50, memoryBytes: '20'});
		assert.equal(view.get('a'), h.get('a')!.usage, 'the same object, so memoised rows see no change');
		assert.equal(view.get('zzz'), undefined);
		assert.equal(view.has('b'), true);
		assert.equal(view.has('zzz'), false);
		assert.deepEqual([...view], [...map]);
		assert.deepEqual([...view.entries()], [...map.entries()]);
		assert.deepEqual([...view.keys()], [...map.keys()]);
		assert.deepEqual([...view.values()], [...map.values()]);
		const seen: string[] = [];
		view.forEach((usage, id, self) => {
			assert.equal(self, view);
			seen.push(`${id}:${usage.cpuPercent}`);
		});
		assert.deepEqual(seen, ['a:50', 'b:100']);
	});
});

describe('fetchStats', () => {
	const containers = [container('run', 'CONTAINER_RUNNING')];

	test('UNIMPLEMENTED says "not supported by <runtime>" and is not asked again', async () => {
		let calls = 0;
		const client = {
			listContainerUsage: async () => {
				calls++;
				throw new CriError('ListContainerStats is not implemented by docker', 'unimplemented', 'ListContainerStats', '/run/cri-dockerd.sock', 12);
			},
			listPodSandboxUsage: async () => {
				throw new CriError('x', 'unimplemented', 'ListPodSandboxStats', '/s', 12);
			},
		};
		const first = await fetchStats(client, emptyStats, containers, 'docker');
		assert.equal(first.unsupported, 'not supported by docker');
		assert.equal(first.podsUnsupported, 'not supported by docker');
		assert.equal(first.error, null);
		await fetchStats(client, first, containers, 'docker');
		assert.equal(calls, 1);
	});

	test('two rounds give CPU %; pod stats with null CPU and memory (CRI-O) are skipped', async () => {
		let round = 0;
		const client = {
			listContainerUsage: async () => [stats('run', 10 + round * 2, round, '2048')].map(usageOfContainer),
			listPodSandboxUsage: async () => [{attributes: {id: 'p', metadata: null, labels: {}, annotations: {}}, linux: {cpu: null, memory: null, containers: []}}].map(usageOfPod),
		};
		const first = await fetchStats(client, emptyStats, containers, 'cri-o');
		round = 1;
		const second = await fetchStats(client, first, containers, 'cri-o');
		assert.deepEqual(second.containers.get('run')!.usage, {cpuPercent: 50, memoryBytes: '2048'});
		assert.equal(second.pods.size, 0);
		assert.equal(second.podsUnsupported, null);
	});

	test('other failures are reported and clear the numbers', async () => {
		const client = {
			listContainerUsage: async () => {
				throw new CriError('the runtime did not answer ListContainerStats within 2 s', 'deadline', 'ListContainerStats', '/s');
			},
			listPodSandboxUsage: async () => [],
		};
		const view = await fetchStats(client, emptyStats, containers, 'containerd');
		assert.equal(view.unsupported, null);
		assert.match(view.error!, /within 2 s/);
	});
});
