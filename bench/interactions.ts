// What the bench does to a running dashboard: key presses timed to their repaint, and a container
// stopped on the node timed until its row is repainted.
import {performance} from 'node:perf_hooks';
import {createCriClient} from '../source/wire/cri-client.js';
import {cpuSeconds, settle, sleep, timeKey} from './measure.js';
import type {Pane} from './pane.js';
import type {SimChild} from './sim-child.js';

/** An epoch ms from another process on this process's performance.now() scale. */
const local = (epochMs: number) => epochMs - performance.timeOrigin;

/** Times `count` key presses; a press that paints nothing is retried after `reset` (e.g. g at the end). */
export async function presses(pane: Pane, count: number, key: (i: number) => string, timeLeft: () => boolean, reset?: string): Promise<{ms: number[]; firstMs: number[]; missed: number}> {
	const ms: number[] = [];
	const firstMs: number[] = [];
	let missed = 0;
	for (let i = 0; ms.length < count && i < count * 2 && timeLeft(); i++) {
		const t = await timeKey(pane.control, pane.target, key(i));
		if (t !== undefined) {
			ms.push(t.last);
			firstMs.push(t.first);
			continue;
		}
		missed++;
		if (reset) {
			await pane.control.command(`send-keys -t ${pane.target} ${reset}`);
			await settle(pane.control, 100);
		}
	}
	return {ms, firstMs, missed};
}

/** One timed refresh and, when the dashboard's pid was given, the CPU ms both processes spent from the stop to the repaint. */
export type RefreshSample = {ms: number; uiCpuMs?: number; simCpuMs?: number};

/**
 * Stops a container that is on screen as Running and times until its row is repainted as Exited.
 * polling: from the first RPC of the next poll reaching the node (the wait for the poll is not the
 * cycle's cost); events: from the StopContainer call (the event is what triggers the refresh).
 */
export async function refreshByStop(pane: Pane, sim: SimChild, endpoint: string, runs: number, mode: 'polling' | 'events', timeLeft: () => boolean): Promise<number[]> {
	return (await refreshSamples(pane, sim, endpoint, runs, mode, timeLeft)).map(sample => sample.ms);
}

/** refreshByStop's samples, with the CPU of the dashboard (`pid`) and the node when `pid` is given. */
export async function refreshSamples(pane: Pane, sim: SimChild, endpoint: string, runs: number, mode: 'polling' | 'events', timeLeft: () => boolean, pid?: number): Promise<RefreshSample[]> {
	const client = createCriClient({runtimeEndpoint: endpoint, timeoutMs: 60_000});
	const out: RefreshSample[] = [];
	try {
		for (let run = 0; run < runs * 2 && out.length < runs && timeLeft(); run++) {
			const byShort = new Map((await client.listContainers()).items.filter(c => c.state === 'CONTAINER_RUNNING').map(c => [c.id.slice(0, 13), c.id]));
			const screen = await pane.control.screen(pane.target);
			const row = screen.split('\n').find(line => / Running /.test(line) && byShort.has(line.slice(0, 13)));
			if (!row) {
				await pane.control.command(`send-keys -t ${pane.target} PageDown`);
				await settle(pane.control, 200);
				continue;
			}
			const short = row.slice(0, 13);
			const repainted = (s: string) => !s.split('\n').some(line => line.startsWith(short) && / Running /.test(line));
			await settle(pane.control, 100);
			const stoppedAt = performance.now();
			await client.stopContainer(byShort.get(short)!, 0);
			const stopDone = performance.timeOrigin + performance.now();
			const cpu0 = pid === undefined ? undefined : {ui: cpuSeconds(pid), sim: cpuSeconds(sim.pid)};
			let end: number | undefined;
			while (performance.now() - stoppedAt < 10_000) {
				if (repainted(await pane.control.screen(pane.target))) {
					end = performance.now();
					break;
				}
				await sleep(2);
			}
			if (end === undefined) continue;
			const cpu = pid === undefined || !cpu0 ? {} : {uiCpuMs: (cpuSeconds(pid) - cpu0.ui) * 1000, simCpuMs: (cpuSeconds(sim.pid) - cpu0.sim) * 1000};
			let start = stoppedAt;
			if (mode === 'polling') {
				// The first container list to reach the node after the stop had finished: the poll that
				// sees the change (stats and status calls run on their own timers and do not count).
				const poll = sim.calls.find(call => call.at > stopDone && /^(List|Stream)Containers$/.test(call.rpc));
				if (!poll) continue;
				start = local(poll.at);
			}
			if (end > start) out.push({ms: end - start, ...cpu});
		}
	} finally {
		client.close();
	}
	return out;
}
