// A side-by-side of builds for the polling refresh at one size: each build in turn, `rounds`
// times, in a fresh 80×24 tmux pane against one simulated node (containerd flavour, 2 s polling):
// a running container on screen is stopped and timed, as bench/interactions.ts refreshByStop does,
// from the first ListContainers of the next poll reaching the node to the row repainted; beside it
// the CPU ms the dashboard and the node spent from the stop to the repaint (/proc). Medians, p95
// and each build's ratio to the first at the end.
//   node --import tsx bench/probe-refresh.ts N refreshesPerRound rounds buildA [buildB …]
import {mkdtempSync, rmSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {createCriClient} from '../source/wire/cri-client.js';
import {cpuSeconds, settle, sleep} from './measure.js';
import {coldStart, driveThroughPages, openPane, panePid, stopPane, type Pane} from './pane.js';
import {startProbeNode, type SimChild} from './sim-child.js';
import {percentile} from './stats.js';

const [nArg, perRoundArg, roundsArg, ...bins] = process.argv.slice(2);
const n = Number(nArg);
const perRound = Number(perRoundArg);
const rounds = Number(roundsArg);
const tmp = mkdtempSync('/tmp/crisock-probe-refresh-');
const tmuxSocket = `crisock-probe-refresh-${process.pid}`;
const cleanups: Array<() => void | Promise<void>> = [];
const results: Record<string, Record<string, number[]>> = {};
const add = (bin: string, name: string, value: number) => ((results[bin] ??= {})[name] ??= []).push(value);
const local = (epochMs: number) => epochMs - performance.timeOrigin;

/** refreshByStop's measurement, with the CPU of both processes from the stop to the repaint. */
async function refreshes(pane: Pane, sim: SimChild, endpoint: string, pid: number, bin: string): Promise<void> {
	const client = createCriClient({runtimeEndpoint: endpoint, timeoutMs: 60_000});
	try {
		let done = 0;
		for (let run = 0; run < perRound * 2 && done < perRound; run++) {
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
			const ui0 = cpuSeconds(pid);
			const sim0 = cpuSeconds(sim.pid);
			let end: number | undefined;
			while (performance.now() - stoppedAt < 10_000) {
				if (repainted(await pane.control.screen(pane.target))) {
					end = performance.now();
					break;
				}
				await sleep(2);
			}
			if (end === undefined) continue;
			const ui = (cpuSeconds(pid) - ui0) * 1000;
			const simCpu = (cpuSeconds(sim.pid) - sim0) * 1000;
			const poll = sim.calls.find(call => call.at > stopDone && /^(List|Stream)Containers$/.test(call.rpc));
			if (!poll) continue;
			const start = local(poll.at);
			if (end > start) {
				add(bin, 'refresh ms', end - start);
				add(bin, 'ui CPU ms', ui);
				add(bin, 'sim CPU ms', simCpu);
				done++;
				console.log(`  ${bin}: ${(end - start).toFixed(1)} ms, ui CPU ${ui.toFixed(0)} ms, sim CPU ${simCpu.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(2)})`);
			}
		}
	} finally {
		client.close();
	}
}

try {
	const {sim, endpoint, containers, tokens} = await startProbeNode(tmp, n, 'containerd', cleanups);
	const isLive = (screen: string) => screen.includes(`Containers ${containers}`) && screen.split(/[\s│|]+/).some(word => tokens.has(word));
	const pane = await openPane(tmuxSocket, 'p', cleanups);
	const flags = (process.env.PROBE_NODE_FLAGS ?? '').split(' ').filter(Boolean);
	for (let round = 0; round < rounds; round++) {
		for (const bin of bins) {
			const argv = bin.endsWith('.js') ? [process.execPath, ...flags, bin, '-r', endpoint, '-t', '60s'] : [bin, '-r', endpoint, '-t', '60s'];
			await coldStart(pane, argv, isLive);
			const pid = await panePid(pane);
			await driveThroughPages(pane);
			await refreshes(pane, sim, endpoint, pid, bin);
			await stopPane(pane);
		}
	}
	const base = bins[0]!;
	for (const [bin, figures] of Object.entries(results)) {
		for (const [name, values] of Object.entries(figures)) {
			const med = percentile(values, 50);
			const ratio = bin === base ? '' : ` (×${(med / percentile(results[base]![name]!, 50)).toFixed(2)} of the first)`;
			console.log(`${bin} ${name}: median ${med.toFixed(1)}, p95 ${percentile(values, 95).toFixed(1)}, n=${values.length}${ratio}`);
		}
	}
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
	rmSync(tmp, {recursive: true, force: true});
}
