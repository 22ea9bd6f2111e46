// The fleet bench (issue 14): N simulated nodes × M containers on one screen (-r given N times),
// the real bin in tmux. Time to the first frame with every node live (header `N of N ✓`), key →
// frame with all of them, how the polls are spread over the nodes (not all at one instant), and
// peak memory per node. Run alone: `node --import tsx bench/run.ts --fleet [--fleet-nodes=50]
// [--fleet-containers=1000]`.
import {fork} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {performance} from 'node:perf_hooks';
import {presses} from './interactions.js';
import {peakRssMiB, settle, sleep} from './measure.js';
import {coldStart, openPane, panePid, stopPane} from './pane.js';
import {summarise, type Summary} from './stats.js';

export type FleetResult = {
	nodes: number;
	containersPerNode: number;
	/** ms from start until the header says every node is live. */
	allLiveMs: number;
	/** ms from start until the first container row of any node is drawn. */
	firstRowsMs: number;
	keyToFrameMs: Summary;
	/** Over the last full poll round: ms between the first and the last node asked, and the most nodes asked within any 10 ms. */
	pollSpreadMs: number;
	mostNodesWithin10Ms: number;
	peakRssMiB: number;
	rssPerNodeMiB: number;
	notes: string[];
};

export type FleetContext = {tmp: string; tmuxSocket: string; bin: string; cleanups: Array<() => void | Promise<void>>; log: (line: string) => void; presses: number};

type SimsMessage = {type: 'ready'; sockets: string[]} | {type: 'hits'; hits: number[][]};

export async function benchFleet(nodes: number, containers: number, ctx: FleetContext): Promise<FleetResult> {
	const notes: string[] = [];
	const script = fileURLToPath(new URL('./fleet-sims.ts', import.meta.url));
	const child = fork(script, [JSON.stringify({dir: ctx.tmp, count: nodes, containers})], {execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
	ctx.cleanups.push(() => {
		child.kill('SIGKILL');
	});
	const ask = <T extends SimsMessage['type']>(type: T, send?: object) => new Promise<Extract<SimsMessage, {type: T}>>(resolve => {
		const on = (m: SimsMessage) => {
			if (m.type !== type) return;
			child.off('message', on);
			resolve(m as Extract<SimsMessage, {type: T}>);
		};
		child.on('message', on);
		if (send) child.send(send);
	});
	const started = performance.now();
	const {sockets} = await ask('ready');
	ctx.log(`${nodes} simulated nodes × ${containers} containers up in ${((performance.now() - started) / 1000).toFixed(1)} s`);

	const pane = await openPane(ctx.tmuxSocket, 'fleet', ctx.cleanups);
	const argv = [process.execPath, ctx.bin, ...sockets.flatMap(s => ['-r', `unix://${s}`])];
	// Rows of some node (NODE then a 13-hex ID), then every node live in the header.
	const rows = (s: string) => /^\s*n\d\d +[0-9a-f]{13} /m.test(s);
	const allLive = (s: string) => s.includes(`${nodes} of ${nodes} ✓`) || (nodes <= 6 && (s.match(/ ✓/g)?.length ?? 0) >= nodes);
	let firstRowsAt = Number.NaN;
	const t0 = performance.now();
	const first = await coldStart(pane, [...argv], s => {
		if (Number.isNaN(firstRowsAt) && rows(s)) firstRowsAt = performance.now();
		return allLive(s);
	}, 120_000);
	const allLiveMs = first.ms;
	// From before the (already empty) pane was respawned: within a few ms of coldStart's own start.
	const firstRowsMs = Number.isNaN(firstRowsAt) ? allLiveMs : firstRowsAt - t0;
	ctx.log(`first rows ${firstRowsMs.toFixed(0)} ms, all ${nodes} live ${allLiveMs.toFixed(0)} ms`);
	const pid = await panePid(pane);
	await pane.control.command(`send-keys -t ${pane.target} 2`);
	await settle(pane.control, 300);
	const keys = await presses(pane, ctx.presses, i => (Math.floor(i / 20) % 2 === 0 ? 'j' : 'k'), () => true);
	if (keys.missed > 0) notes.push(`${keys.missed} key presses painted nothing and were not counted`);
	const keyToFrameMs = summarise(keys.ms);
	ctx.log(`key → frame p50 ${keyToFrameMs.p50.toFixed(1)} ms, p95 ${keyToFrameMs.p95.toFixed(1)} ms (${keys.ms.length} presses)`);

	// Two more poll periods, then where each node's last ListContainers fell.
	await sleep(4_500);
	const {hits} = await ask('hits', {type: 'hits'});
	const lastRound = hits.map(h => h.at(-1)).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
	const pollSpreadMs = lastRound.length > 1 ? lastRound.at(-1)! - lastRound[0]! : 0;
	let mostNodesWithin10Ms = 0;
	for (let i = 0, j = 0; i < lastRound.length; i++) {
		while (lastRound[i]! - lastRound[j]! > 10) j++;
		mostNodesWithin10Ms = Math.max(mostNodesWithin10Ms, i - j + 1);
	}
	if (lastRound.length < nodes) notes.push(`${nodes - lastRound.length} nodes were not polled in the window`);
	ctx.log(`poll spread ${pollSpreadMs.toFixed(0)} ms over ${lastRound.length} nodes; at most ${mostNodesWithin10Ms} nodes within 10 ms`);

	const rss = peakRssMiB(pid);
	notes.push('per node = the whole process\'s peak RSS over the nodes (the process\'s own base, ~60 MiB, included)');
	ctx.log(`peak RSS ${rss.toFixed(0)} MiB, ${(rss / nodes).toFixed(1)} MiB per node`);
	await stopPane(pane);
	child.send({type: 'stop'});
	return {
		nodes, containersPerNode: containers, allLiveMs, firstRowsMs, keyToFrameMs, pollSpreadMs, mostNodesWithin10Ms,
		peakRssMiB: rss, rssPerNodeMiB: rss / nodes, notes,
	};
}
