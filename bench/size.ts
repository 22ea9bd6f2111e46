// One size of the bench: a simulated node of N containers, the real bin in tmux, every measurement.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {createCriClient} from '../source/wire/cri-client.js';
import {coldStart, cpuPerMinute, peakRssMiB, settle, sleep, timeCalls, timeKey} from './measure.js';
import {median, summarise, type Summary} from './stats.js';
import {startSimChild, type SimChild} from './sim-child.js';
import {TmuxControl} from './tmux-control.js';
import type {Plan} from './run.js';

export type SizeContext = {
	plan: Plan;
	tmp: string;
	tmuxSocket: string;
	bin: string;
	crictl: string | undefined;
	cleanups: Array<() => void | Promise<void>>;
	log: (line: string) => void;
};

export type SizeResult = {
	n: number;
	pods: number;
	images: number;
	/** ListPodSandbox + ListContainers + ListImages in parallel through createCriClient: RPC + decode. */
	rpcMs: Summary;
	/** The bin's non-TTY print (`crisock-tui -r … | cat`), whole process. */
	printMs: Summary;
	/** `crictl -r … ps -a`, whole process, when crictl is on PATH. */
	crictlMs?: Summary;
	coldStartMs: Summary;
	/** Key → last byte of the repaint (the frame settled). */
	keyMs: {jk: Summary; pageDown: Summary; filter: Summary};
	/** Key → first byte of the repaint. */
	keyFirstMs: {jk: Summary; pageDown: Summary; filter: Summary};
	/** Polling: first RPC of a cycle reaching the node → last byte of the repaint. */
	refreshPollingMs: Summary;
	/** Event-driven (containerd-1.7): change on the node → last byte of the repaint. */
	refreshEventsMs: Summary;
	/** % of one core. */
	cpu: {idlePolling: number; livePolling: number; idleEvents: number; liveEvents: number};
	peakRssMiB: number;
	notes: string[];
};

type Sim = SimChild;

/** An epoch ms from another process on this process's performance.now() scale. */
const local = (epochMs: number) => epochMs - performance.timeOrigin;

export async function benchSize(n: number, ctx: SizeContext): Promise<SizeResult> {
	const {plan, log} = ctx;
	const notes: string[] = [];
	const socketPath = path.join(ctx.tmp, `node-${n}.sock`);
	const sim = await startSimChild({socketPath, flavor: 'containerd', seed: 7, containers: n, tickMs: 0});
	ctx.cleanups.push(() => sim.stop());
	const endpoint = `unix://${socketPath}`;
	const client = createCriClient({runtimeEndpoint: endpoint, timeoutMs: 60_000});
	const [pods, containers, images] = await Promise.all([client.listPodSandbox(), client.listContainers(), client.listImages()]);
	const tokens = new Set<string>();
	for (const c of containers.items) tokens.add(c.id.slice(0, 13)).add(c.metadata?.name ?? '');
	for (const p of pods.items) tokens.add(p.id.slice(0, 13)).add(p.metadata?.name ?? '');
	tokens.delete('');
	const isLive = (screen: string) => screen.split(/[\s│|]+/).some(word => tokens.has(word));
	log(`${pods.items.length} pods, ${containers.items.length} containers, ${images.items.length} images`);

	const rpcMs = summarise(await timeCalls(10, () => Promise.all([client.listPodSandbox(), client.listContainers(), client.listImages()])));
	client.close();
	log(`RPC+decode of the three lists: p50 ${rpcMs.p50.toFixed(1)} ms`);

	const printMs = summarise(await timeCalls(5, async () => {
		const out = spawnSync(process.execPath, [ctx.bin, '-r', endpoint], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: {...process.env, CI: undefined}});
		if (out.status !== 0) throw new Error(`non-TTY print exited ${out.status}: ${out.stderr}`);
	}));
	log(`non-TTY print: p50 ${printMs.p50.toFixed(0)} ms`);
	let crictlMs: Summary | undefined;
	if (ctx.crictl) {
		crictlMs = summarise(await timeCalls(5, async () => void spawnSync(ctx.crictl!, ['-r', endpoint, 'ps', '-a'], {stdio: 'ignore'})));
		log(`crictl ps -a: p50 ${crictlMs.p50.toFixed(0)} ms (print/crictl = ${(printMs.p50 / crictlMs.p50).toFixed(2)})`);
	}

	// --- the bin in a pane, polling flavour (default interval) ---
	const ui = await openPane(ctx, `p${n}`);
	const argv = [process.execPath, ctx.bin, '-r', endpoint];
	const cold: number[] = [];
	for (let run = 0; run < plan.coldRuns; run++) {
		cold.push((await coldStart(ui.control, ui.target, argv, isLive, 60_000)).ms);
		await settle(ui.control, 300, 10_000);
	}
	const coldStartMs = summarise(cold);
	log(`cold start to live frame: median ${median(cold).toFixed(0)} ms (${cold.map(ms => ms.toFixed(0)).join(', ')})`);
	let pid = await panePid(ui);
	await ui.control.command(`send-keys -t ${ui.target} 2`);
	await settle(ui.control, 300);

	const refreshPollingMs = summarise(await refreshByStop(ui, sim, endpoint, plan.refreshRuns, 'polling'));
	log(`refresh (first RPC of the poll → row repainted): p50 ${refreshPollingMs.p50.toFixed(1)} ms`);
	await settle(ui.control, 500);
	const window = plan.cpuWindowMs(n);
	const idlePolling = (await cpuPerMinute(pid, window)).percentOfCore;
	const livePolling = (await cpuPerMinute(pid, window, () => void sim.tick())).percentOfCore;
	log(`CPU polling: idle ${idlePolling.toFixed(2)}%, live ${livePolling.toFixed(2)}% of a core`);
	let peak = peakRssMiB(pid);

	// Keys: a fresh process with polling pushed out of the way, so no periodic repaint is taken for a key's frame.
	await coldStart(ui.control, ui.target, [...argv, '--interval', '600s'], isLive, 60_000);
	pid = await panePid(ui);
	await ui.control.command(`send-keys -t ${ui.target} 2`);
	await settle(ui.control, 300);
	const jk = await presses(ui, plan.presses, i => (i % 2 === 0 ? 'j' : 'k'));
	const pageDown = await presses(ui, plan.presses, () => 'PageDown', 'g');
	await ui.control.command(`send-keys -t ${ui.target} /`);
	await settle(ui.control);
	const filter = await presses(ui, plan.presses, i => (i % 2 === 0 ? 'e' : 'BSpace'));
	await ui.control.command(`send-keys -t ${ui.target} Escape`);
	await settle(ui.control);
	const keyMs = {jk: summarise(jk.ms), pageDown: summarise(pageDown.ms), filter: summarise(filter.ms)};
	const keyFirstMs = {jk: summarise(jk.firstMs), pageDown: summarise(pageDown.firstMs), filter: summarise(filter.firstMs)};
	for (const [name, r] of Object.entries({jk, filter})) if (r.missed > 0) notes.push(`${name}: ${r.missed} presses painted nothing`);
	log(`key→frame p95 (settled): j/k ${keyMs.jk.p95.toFixed(1)} ms, PgDn ${keyMs.pageDown.p95.toFixed(1)} ms, filter ${keyMs.filter.p95.toFixed(1)} ms`);
	log(`key→first paint p95: j/k ${keyFirstMs.jk.p95.toFixed(1)} ms, PgDn ${keyFirstMs.pageDown.p95.toFixed(1)} ms, filter ${keyFirstMs.filter.p95.toFixed(1)} ms`);
	peak = Math.max(peak, peakRssMiB(pid));
	await closePane(ui);
	await sim.stop();

	// --- event-driven flavour ---
	const eventsSocket = path.join(ctx.tmp, `node-${n}-events.sock`);
	const simEvents = await startSimChild({socketPath: eventsSocket, flavor: 'containerd-1.7', seed: 7, containers: n, tickMs: 0});
	ctx.cleanups.push(() => simEvents.stop());
	const ev = await openPane(ctx, `e${n}`);
	await coldStart(ev.control, ev.target, [process.execPath, ctx.bin, '-r', `unix://${eventsSocket}`], isLive, 60_000);
	const eventsPid = await panePid(ev);
	await ev.control.command(`send-keys -t ${ev.target} 2`);
	await settle(ev.control, 500);
	const refreshEventsMs = summarise(await refreshByStop(ev, simEvents, `unix://${eventsSocket}`, plan.refreshRuns, 'events'));
	log(`refresh (StopContainer → row repainted, events): p50 ${refreshEventsMs.p50.toFixed(1)} ms`);
	await settle(ev.control, 500);
	const idleEvents = (await cpuPerMinute(eventsPid, window)).percentOfCore;
	const liveEvents = (await cpuPerMinute(eventsPid, window, () => void simEvents.tick())).percentOfCore;
	log(`CPU events: idle ${idleEvents.toFixed(2)}%, live ${liveEvents.toFixed(2)}% of a core`);
	peak = Math.max(peak, peakRssMiB(eventsPid));
	log(`peak RSS ${peak.toFixed(1)} MiB`);
	await closePane(ev);
	await simEvents.stop();

	return {
		n, pods: pods.items.length, images: images.items.length, rpcMs, printMs, crictlMs, coldStartMs, keyMs, keyFirstMs,
		refreshPollingMs, refreshEventsMs, cpu: {idlePolling, livePolling, idleEvents, liveEvents}, peakRssMiB: peak, notes,
	};
}

type Pane = {control: TmuxControl; target: string; session: string; ctx: SizeContext};

async function openPane(ctx: SizeContext, session: string): Promise<Pane> {
	const env = {...process.env};
	delete env.CI;
	delete env.CONTINUOUS_INTEGRATION;
	delete env.TMUX;
	const run = spawnSync('tmux', [
		'-L', ctx.tmuxSocket, '-f', '/dev/null',
		'set-option', '-g', 'default-terminal', 'screen-256color', ';',
		'set-option', '-g', 'status', 'off', ';',
		'set-option', '-g', 'escape-time', '0', ';',
		'new-session', '-d', '-s', session, '-x', '80', '-y', '24', '--', 'sleep', '3600',
	], {env, encoding: 'utf8'});
	if (run.status !== 0) throw new Error(`tmux new-session failed: ${run.stderr}`);
	spawnSync('tmux', ['-L', ctx.tmuxSocket, 'set-option', '-t', session, 'remain-on-exit', 'on']);
	const control = await TmuxControl.attach(ctx.tmuxSocket, session);
	const pane = {control, target: `${session}:0.0`, session, ctx};
	ctx.cleanups.push(() => closePane(pane));
	return pane;
}

async function closePane(pane: Pane): Promise<void> {
	pane.control.close();
	spawnSync('tmux', ['-L', pane.ctx.tmuxSocket, 'kill-session', '-t', pane.session], {stdio: 'ignore'});
}

/** Times `count` key presses; a press that paints nothing is retried after `reset` (e.g. g at the end). */
async function presses(pane: Pane, count: number, key: (i: number) => string, reset?: string): Promise<{ms: number[]; firstMs: number[]; missed: number}> {
	const ms: number[] = [];
	const firstMs: number[] = [];
	let missed = 0;
	for (let i = 0; ms.length < count && i < count * 2; i++) {
		if (performance.now() > pane.ctx.plan.deadline) break;
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

async function panePid(pane: Pane): Promise<number> {
	return Number((await pane.control.command(`display-message -p -t ${pane.target} '#{pane_pid}'`))[0]);
}

/**
 * Stops a container that is on screen as Running and times until its row is repainted as Exited.
 * polling: from the first RPC of the next poll reaching the node (the wait for the poll is not the
 * cycle's cost); events: from the StopContainer call (the event is what triggers the refresh).
 */
async function refreshByStop(pane: Pane, sim: Sim, endpoint: string, runs: number, mode: 'polling' | 'events'): Promise<number[]> {
	const client = createCriClient({runtimeEndpoint: endpoint, timeoutMs: 60_000});
	const out: number[] = [];
	try {
		for (let run = 0; run < runs * 2 && out.length < runs; run++) {
			if (performance.now() > pane.ctx.plan.deadline) break;
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
			let end: number | undefined;
			while (performance.now() - stoppedAt < 10_000) {
				if (repainted(await pane.control.screen(pane.target))) {
					end = performance.now();
					break;
				}
				await sleep(2);
			}
			if (end === undefined) continue;
			let start = stoppedAt;
			if (mode === 'polling') {
				// The first container list to reach the node after the stop had finished: the poll that
				// sees the change (stats and status calls run on their own timers and do not count).
				const poll = sim.calls.find(call => call.at > stopDone && /^(List|Stream)Containers$/.test(call.rpc));
				if (!poll) continue;
				start = local(poll.at);
			}
			if (end > start) out.push(end - start);
		}
	} finally {
		client.close();
	}
	return out;
}
