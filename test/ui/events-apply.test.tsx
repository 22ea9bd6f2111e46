// Events applied to the part they name (issue 11): against the simulated node over real gRPC, a
// container stopped or removed by someone else (crictl stop / rm) changes that one row — from the
// status the event carries (containerd 1.7) or one ContainerStatus (CRI-O leaves it out) — with no
// container list call at all. The periodic full list stays the safety net.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import type {Flavor} from '../../source/sim/index.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {holdsFor, waitFor} from '../support/wait.js';
import {waitForFrame} from './helpers.js';
import {listCalls as lists, simApps} from './sim-app.js';

describe('events applied to the row they name', () => {
	const nodes = simApps('events-apply');
	const clients: CriClient[] = [];
	after(async () => {
		for (const c of clients) c.close();
		await nodes.close();
	});

	/** The containers pane on a streaming node, once the event stream drives the lists and they are quiet. */
	async function streamingApp(flavor: Flavor, name: string = flavor) {
		const {sim, socketPath, frame} = await nodes.start(flavor, {size: {columns: 140, rows: 30}, intervalMs: 300, initialUi: {pane: 'containers'}}, name);
		await waitForFrame(frame, /refreshed \d\d:\d\d:\d\d on events/, 15_000);
		// Someone else on the node, with crictl.
		const other = createCriClient({runtimeEndpoint: socketPath, imageEndpoint: socketPath, timeoutMs: 5000});
		clients.push(other);
		const running = (await other.listContainers()).items.find(c => c.state === 'CONTAINER_RUNNING' && c.metadata?.name === 'coredns');
		assert.ok(running, 'a running coredns container on the simulated node');
		return {sim, frame, other, id: running.id};
	}

	for (const flavor of ['cri-o', 'containerd-1.7'] as const) {
		test(`${flavor}: stop and remove change that row, with no container list call`, async () => {
			const {sim, frame, other, id} = await streamingApp(flavor);
			const row = new RegExp(`^${id.slice(0, 13)} .*`, 'm');
			assert.match(await waitForFrame(frame, f => / Running +coredns /.test(row.exec(f)?.[0] ?? '')), row);
			// Polling has given way to events (the last poll at --interval is done): no list call for a second.
			await waitFor(async () => {
				const count = lists(sim);
				return holdsFor(() => lists(sim) === count, 1000, 'no list call').then(() => true, () => false);
			}, {timeoutMs: 20_000, what: 'the lists to go quiet'});
			const listsBefore = lists(sim);
			const statusBefore = sim.calls.ContainerStatus ?? 0;

			await other.stopContainer(id, 0);
			const stopped = await waitForFrame(frame, f => / Exited +coredns /.test(row.exec(f)?.[0] ?? ''), 10_000);
			assert.match(stopped, row);
			// CRI-O's event carries no container status: one ContainerStatus asks for it; containerd's carries it.
			const statusCalls = (sim.calls.ContainerStatus ?? 0) - statusBefore;
			assert.equal(statusCalls, flavor === 'cri-o' ? 1 : 0, `ContainerStatus calls: ${statusCalls}`);

			await other.removeContainer(id);
			// Gone from the list: its row leaves, or stays marked gone where the selection was on it.
			await waitForFrame(frame, f => !row.test(f) || / gone +coredns /.test(row.exec(f)?.[0] ?? ''), 10_000);
			// Anything the events asked for has had time to run (a period is 300 ms): still no container list.
			await holdsFor(() => lists(sim) === listsBefore, 1000, 'no container list call');
			assert.equal(lists(sim), listsBefore, `container list calls: ${JSON.stringify(sim.calls)}`);
		});
	}

	test('a pod the lists do not hold yet comes with one re-list (the fallback)', async () => {
		const {sim, frame} = await streamingApp('cri-o', 'new-pod');
		const before = lists(sim);
		// Five ticks of life start a job: a new pod and its container.
		for (let i = 0; i < 5; i++) sim.tick();
		await waitForFrame(frame, /(Created|Running|Exited) +report /, 10_000);
		await waitFor(() => lists(sim) > before, {timeoutMs: 10_000, what: 'a container list after the new pod'});
	});
});
