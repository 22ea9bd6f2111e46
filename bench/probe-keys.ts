// A quick side-by-side of builds for key and refresh work at one size (the full bench takes
// ~12 minutes): each build in turn, `rounds` times, in a fresh 80×24 tmux pane against one
// simulated node, as the bench does it: key → frame for j/k, PgDn and a `/` filter keystroke
// (e, BSpace), each with the process's CPU per press (/proc: on a busy machine CPU time says
// more than wall time), then one polling refresh (a container stopped → its row repainted).
// Medians and p95 over all rounds at the end, and each build's ratio to the first.
//   node --import tsx bench/probe-keys.ts N presses rounds buildA [buildB …]
import {mkdtempSync, rmSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {cpuSeconds, settle} from './measure.js';
import {coldStart, openPane, panePid, stopPane, type Pane} from './pane.js';
import {presses, refreshByStop} from './interactions.js';
import {startProbeNode} from './sim-child.js';
import {percentile} from './stats.js';

const [nArg, pressesArg, roundsArg, ...bins] = process.argv.slice(2);
const n = Number(nArg);
const count = Number(pressesArg);
const rounds = Number(roundsArg);
const tmp = mkdtempSync('/tmp/crisock-probe-keys-');
const tmuxSocket = `crisock-probe-keys-${process.pid}`;
const cleanups: Array<() => void | Promise<void>> = [];
type Figures = Record<string, number[]>;
const results: Record<string, Figures> = {};
const add = (bin: string, name: string, values: number[]) => ((results[bin] ??= {})[name] ??= []).push(...values);

/** Presses, timed from outside, with the CPU the process spent per press. */
async function timedPresses(pane: Pane, pid: number, bin: string, name: string, key: (i: number) => string, reset?: string) {
	const cpu0 = cpuSeconds(pid);
	const r = await presses(pane, count, key, () => true, reset);
	add(bin, `${name} frame ms`, r.ms);
	add(bin, `${name} CPU ms/press`, [((cpuSeconds(pid) - cpu0) * 1000) / Math.max(1, r.ms.length + r.missed)]);
}

try {
	const {sim, endpoint, containers, tokens} = await startProbeNode(tmp, n, 'containerd', cleanups);
	// Live with every container listed (a busy machine can time a list out: -t 60s below).
	const isLive = (screen: string) => screen.includes(`Containers ${containers}`) && screen.split(/[\s│|]+/).some(word => tokens.has(word));
	const pane = await openPane(tmuxSocket, 'p', cleanups);
	const argvOf = (bin: string, extra: string[]) => (bin.endsWith('.js') ? [process.execPath, bin, '-r', endpoint, '-t', '60s', ...extra] : [bin, '-r', endpoint, '-t', '60s', ...extra]);
	for (let round = 0; round < rounds; round++) {
		for (const bin of bins) {
			await coldStart(pane, argvOf(bin, ['--interval', '600s']), isLive);
			const pid = await panePid(pane);
			await pane.control.command(`send-keys -t ${pane.target} 2`);
			await settle(pane.control, 300);
			await timedPresses(pane, pid, bin, 'j/k', i => (i % 2 === 0 ? 'j' : 'k'));
			await timedPresses(pane, pid, bin, 'PgDn', () => 'PageDown', 'g');
			await pane.control.command(`send-keys -t ${pane.target} /`);
			await settle(pane.control);
			await timedPresses(pane, pid, bin, 'filter', i => (i % 2 === 0 ? 'e' : 'BSpace'));
			await pane.control.command(`send-keys -t ${pane.target} Escape`);
			await stopPane(pane);

			await coldStart(pane, argvOf(bin, []), isLive);
			await pane.control.command(`send-keys -t ${pane.target} 2`);
			await settle(pane.control, 300);
			add(bin, 'refresh polling ms', await refreshByStop(pane, sim, endpoint, 3, 'polling', () => true));
			await stopPane(pane);
			const f = results[bin]!;
			console.log(`round ${round} ${bin} (load ${loadavg()[0]!.toFixed(2)}): ${Object.entries(f).map(([k, v]) => `${k} ${v.at(-1)?.toFixed(1) ?? '—'}`).join(', ')}`);
		}
	}
	const first = results[bins[0]!]!;
	for (const [bin, f] of Object.entries(results)) {
		console.log(`\n${bin}`);
		for (const [name, v] of Object.entries(f)) {
			const p50 = percentile(v, 50);
			const base = percentile(first[name] ?? [], 50);
			console.log(`  ${name.padEnd(22)} p50 ${p50.toFixed(1).padStart(7)}  p95 ${percentile(v, 95).toFixed(1).padStart(7)}  n ${String(v.length).padStart(4)}  ×${(p50 / base).toFixed(2)} of the first`);
		}
	}
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
	rmSync(tmp, {recursive: true, force: true});
}
