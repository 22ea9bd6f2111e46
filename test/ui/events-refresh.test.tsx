// Events drive refresh instead of polling: against the simulated node over real
// gRPC, count container list calls at the server. containerd 1.7 streams
// GetContainerEvents (lists poll only on events and a slow safety poll);
// containerd 1.6 refuses it (UNIMPLEMENTED), so lists poll at --interval.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {render} from 'ink-testing-library';
import {startSimNode, type Flavor, type SimNode} from '../../source/sim/index.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import {App} from '../../source/ui/app.js';

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
/** Container list calls at the server: containerd 1.7 lists through StreamContainers, older runtimes ListContainers. */
const lists = (sim: SimNode) => (sim.calls.ListContainers ?? 0) + (sim.calls.StreamContainers ?? 0);

describe('events drive refresh', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-events-poll-'));
	const sims: SimNode[] = [];
	after(async () => {
		await Promise.all(sims.map(async s => s.stop()));
		rmSync(dir, {recursive: true, force: true});
	});

	/** ListContainers calls the app made during `ms`, once it had settled for 1.5 s (the stream is taken as open after 1 s). */
	async function listCalls(flavor: Flavor, ms: number) {
		const socketPath = path.join(dir, `${flavor}.sock`);
		const sim = await startSimNode({socketPath, flavor, tickMs: 0, containers: 9});
		sims.push(sim);
		const app = render(
			<App
				connect={(runtime, image) => createCriClient({runtimeEndpoint: runtime, imageEndpoint: image, timeoutMs: 1000})}
				runtimeEndpoint={socketPath}
				size={{columns: 100, rows: 30}}
				intervalMs={100}
			/>,
		);
		try {
			await delay(1500);
			const frame = app.lastFrame() ?? '';
			const before = lists(sim);
			await delay(ms);
			return {calls: lists(sim) - before, frame, sim, app};
		} catch (error) {
			app.unmount();
			throw error;
		}
	}

	test('containerd 1.7 (stream healthy): no list polling; containerd 1.6 (UNIMPLEMENTED): polled every interval', async () => {
		const streaming = await listCalls('containerd-1.7', 2000);
		const polling = await listCalls('containerd', 2000);
		try {
			assert.ok(streaming.calls <= 1, `ListContainers while streaming: ${streaming.calls}`);
			assert.match(streaming.frame, /refreshed \d\d:\d\d:\d\d on events/);
			assert.ok(polling.calls >= 10, `ListContainers while polling at 100 ms: ${polling.calls}`);
			assert.doesNotMatch(polling.frame, /on events/);

			// An event refreshes the lists at once.
			const before = lists(streaming.sim);
			// Five ticks of life always start a job (container created + started events).
			for (let i = 0; i < 5; i++) streaming.sim.tick();
			await delay(600);
			assert.ok(lists(streaming.sim) > before, `a streamed event refreshed the lists: ${JSON.stringify(streaming.sim.calls)} ${before}`);

			// The stream breaks (daemon restart): polling resumes at once.
			await streaming.sim.restart();
			const broken = lists(streaming.sim);
			await delay(800);
			assert.ok(lists(streaming.sim) - broken >= 3, `polling resumed: ${lists(streaming.sim) - broken}`);
		} finally {
			streaming.app.unmount();
			polling.app.unmount();
		}
	});
});
