// Events drive refresh instead of polling: against the simulated node over real
// gRPC, count container list calls at the server. containerd 1.7 streams
// GetContainerEvents (lists poll only on events and a slow safety poll);
// containerd 1.6 refuses it (UNIMPLEMENTED), so lists poll at --interval.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import type {Flavor} from '../../source/sim/index.js';
import {holdsFor, waitFor} from '../support/wait.js';
import {waitForFrame} from './helpers.js';
import {listCalls as lists, simApps} from './sim-app.js';

describe('events drive refresh', () => {
	const nodes = simApps('events-poll');
	after(async () => nodes.close());

	/**
	 * The app on a node of `flavor`, once it has settled: streaming, the footer says it refreshes on
	 * events (the stream is taken as open after 1 s); polling, it has refreshed a few times.
	 */
	async function settledApp(flavor: Flavor) {
		const {sim, app} = await nodes.start(flavor, {size: {columns: 100, rows: 30}, intervalMs: 100});
		const frame = await waitForFrame(
			() => app.lastFrame() ?? '',
			flavor === 'containerd-1.7' ? /refreshed \d\d:\d\d:\d\d on events/ : f => /refreshed \d\d:\d\d:\d\d/.test(f) && lists(sim) >= 3,
			15_000,
		);
		return {frame, sim, app};
	}

	// The safety poll while streaming is every 30 s (safetyPollMs), so list calls within the
	// ceilings below (at most 10 s each) come from events or from polling, never from it.
	test('containerd 1.7 (stream healthy): no list polling; containerd 1.6 (UNIMPLEMENTED): polled every interval', async () => {
		const streaming = await settledApp('containerd-1.7');
		const quiet = lists(streaming.sim);
		await holdsFor(() => lists(streaming.sim) - quiet <= 1, 2000, 'at most one list call in 2 s while streaming');
		assert.ok(lists(streaming.sim) - quiet <= 1, `ListContainers while streaming: ${lists(streaming.sim) - quiet}`);
		assert.match(streaming.frame, /refreshed \d\d:\d\d:\d\d on events/);

		// An event refreshes the lists at once.
		const before = lists(streaming.sim);
		// Five ticks of life always start a job (container created + started events).
		for (let i = 0; i < 5; i++) streaming.sim.tick();
		await waitFor(() => lists(streaming.sim) > before, {timeoutMs: 8000, what: 'a list call after the events'}).catch(() => undefined);
		assert.ok(lists(streaming.sim) > before, `a streamed event refreshed the lists: ${JSON.stringify(streaming.sim.calls)} ${before}`);

		const polling = await settledApp('containerd');
		const start = lists(polling.sim);
		await waitFor(() => lists(polling.sim) - start >= 10, {timeoutMs: 10_000, what: 'ten list calls while polling'}).catch(() => undefined);
		assert.ok(lists(polling.sim) - start >= 10, `ListContainers while polling at 100 ms: ${lists(polling.sim) - start}`);
		assert.doesNotMatch(polling.frame, /on events/);

		// The stream breaks (daemon restart): polling resumes at once.
		await streaming.sim.restart();
		const broken = lists(streaming.sim);
		await waitFor(() => lists(streaming.sim) - broken >= 3, {timeoutMs: 10_000, what: 'three list calls after the restart'}).catch(() => undefined);
		assert.ok(lists(streaming.sim) - broken >= 3, `polling resumed: ${lists(streaming.sim) - broken}`);
	});
});
