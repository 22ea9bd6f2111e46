import {test} from 'node:test';
import assert from 'node:assert/strict';
import {emptyStats, fetchStats, statsDelayMs} from '../../source/state/use-stats.js';

test('stats rounds wait the refresh period, or 10x a slow round (a 10k-container node)', () => {
	assert.equal(statsDelayMs(2000, 30), 2000);
	assert.equal(statsDelayMs(2000, 200), 2000);
	assert.equal(statsDelayMs(2000, 450), 4500);
	assert.equal(statsDelayMs(500, 0), 500);
});

test('a round without pods asks only ListContainerStats and keeps the pods last numbers', async () => {
	const calls: string[] = [];
	const sample = (id: string, cpu: string) => ({id, cpu: {timestampNs: 1_000_000_000, coreNs: Number(cpu)}, memory: {workingSetBytes: {value: '100'}}});
	const client = {
		listContainerUsage: async () => (calls.push('containers'), [sample('c1', '5')]),
		listPodSandboxUsage: async () => (calls.push('pods'), [sample('p1', '7')]),
	};
	const running = [{id: 'c1', state: 'CONTAINER_RUNNING'}] as unknown as Parameters<typeof fetchStats>[2];
	const first = await fetchStats(client, emptyStats, running, 'containerd', 1);
	assert.deepEqual(calls, ['containers', 'pods']);
	const second = await fetchStats(client, first, running, 'containerd', 2, false);
	assert.deepEqual(calls, ['containers', 'pods', 'containers']);
	assert.equal(second.pods, first.pods);
	assert.equal(second.pods.get('p1')?.usage.memoryBytes, '100');
	assert.equal(second.podsUnsupported, null);
});
