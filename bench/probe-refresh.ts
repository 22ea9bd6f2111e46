// A side-by-side of builds for the polling refresh at one size: each build in turn, `rounds`
// times, in a fresh 80×24 tmux pane against one simulated node (containerd flavour, 2 s polling):
// a running container on screen is stopped and timed, as bench/interactions.ts refreshByStop does,
// from the first ListContainers of the next poll reaching the node to the row repainted (refreshSamples); beside
// it the CPU ms the dashboard and the node spent from the stop to the repaint (/proc). Medians, p95
// and each build's ratio to the first at the end.
//   node --import tsx bench/probe-refresh.ts N refreshesPerRound rounds buildA [buildB …]
import {mkdtempSync, rmSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {refreshSamples} from './interactions.js';
import {coldStart, driveThroughPages, openPane, panePid, stopPane} from './pane.js';
import {startProbeNode} from './sim-child.js';
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
			for (const sample of await refreshSamples(pane, sim, endpoint, perRound, 'polling', () => true, pid)) {
				add(bin, 'refresh ms', sample.ms);
				add(bin, 'ui CPU ms', sample.uiCpuMs!);
				add(bin, 'sim CPU ms', sample.simCpuMs!);
				console.log(`  ${bin}: ${sample.ms.toFixed(1)} ms, ui CPU ${sample.uiCpuMs!.toFixed(0)} ms, sim CPU ${sample.simCpuMs!.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(2)})`);
			}
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
