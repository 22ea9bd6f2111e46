import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import type {ContainerUsage} from '../../source/format/rows.js';
import {podUsage} from '../../source/state/pod-usage.js';
import type {StatsEntry} from '../../source/state/stats-history.js';
import {container} from './fake-client.js';

const entry = (usage: ContainerUsage): StatsEntry => ({usage, cpu: [], memory: [], last: {timestampNs: 1, cpuNs: null, memoryBytes: usage.memoryBytes}});

describe('podUsage', () => {
	const containers = [container('c1', 'a', 'p1'), container('c2', 'b', 'p1'), container('c3', 'c', 'p2'), container('c4', 'd', 'p3', 'CONTAINER_EXITED')];
	const perContainer = new Map<string, ContainerUsage>([
		['c1', {cpuPercent: 1.5, memoryBytes: '1000'}],
		['c2', {cpuPercent: 2, memoryBytes: '24'}],
		['c3', {cpuPercent: null, memoryBytes: '7'}],
	]);

	test('without pod stats: the sum of each pod\'s containers (what crictl stats shows per container)', () => {
		const {usage, source} = podUsage(new Map(), perContainer, containers);
		assert.equal(source, 'sum');
		assert.deepEqual(usage.get('p1'), {cpuPercent: 3.5, memoryBytes: '1024'});
		assert.deepEqual(usage.get('p2'), {cpuPercent: null, memoryBytes: '7'});
		assert.equal(usage.has('p3'), false, 'a pod without numbers gets none, not zero');
	});

	test('pod stats win where the runtime gives numbers; the rest are summed (mixed)', () => {
		const pods = new Map([['p1', entry({cpuPercent: 9, memoryBytes: '5000'})], ['p2', entry({cpuPercent: null, memoryBytes: null})]]);
		const {usage, source} = podUsage(pods, perContainer, containers);
		assert.equal(source, 'mixed');
		assert.deepEqual(usage.get('p1'), {cpuPercent: 9, memoryBytes: '5000'});
		assert.deepEqual(usage.get('p2'), {cpuPercent: null, memoryBytes: '7'});
		assert.equal(podUsage(pods, undefined, containers).source, 'pod');
	});

	test('no stats at all: empty, no source', () => {
		assert.deepEqual(podUsage(new Map(), undefined, containers), {usage: new Map(), source: null});
	});
});
