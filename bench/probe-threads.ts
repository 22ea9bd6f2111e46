// Idle CPU per thread, for V8 and flag work: builds in turn, `rounds` times, in a fresh 80×24 tmux
// pane against one simulated node of N containers (FLAVOR=containerd-1.7 for an event-driven one).
// After the bench's own sequence (cold start, paging through, REFRESHES=3 refreshes by a stopped
// container, 500 ms quiet) window A of `windowMs`, as the bench's idle figure; then `quietMs` of
// quiet and window B: is a thread's CPU a tail of the activity before or the same every round?
// Per thread from /proc/PID/task/TID/stat (utime + stime, 10 ms ticks), in CPU-ms per 2 s round
// (20 = 1 % of a core). Node 24 names its threads (MainThread, V8Worker ×4, DelayedTaskSche,
// SignalInspector, libuv-worker); Node 20 names them all after the process, so they are told
// apart by creation order: main, the delayed-task scheduler, 4 V8 workers, the inspector's signal
// thread, then the libuv pool (threads created after the CLI set process.title carry its name).
//   node --import tsx bench/probe-threads.ts N windowMs quietMs rounds build[,nodeFlag…] …
// A build is a bin (…/bin/crisock-tui.js, run with this node and the flags after it) or an executable.
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {peakRssMiB, settle, sleep} from './measure.js';
import {coldStart, driveThroughPages, openPane, panePid, stopPane} from './pane.js';
import {refreshByStop} from './interactions.js';
import {startProbeNode} from './sim-child.js';

const [nArg, windowArg, quietArg, roundsArg, ...specs] = process.argv.slice(2);
const n = Number(nArg);
const windowMs = Number(windowArg);
const quietMs = Number(quietArg);
const rounds = Number(roundsArg);
const refreshes = Number(process.env.REFRESHES ?? 3);
const flavor = (process.env.FLAVOR ?? 'containerd') as 'containerd';
const mode = flavor === 'containerd' ? 'polling' : 'events';
const tmp = mkdtempSync('/tmp/crisock-probe-threads-');
const tmuxSocket = `crisock-probe-threads-${process.pid}`;
const cleanups: Array<() => void | Promise<void>> = [];
const HZ = 100;

type Snap = Map<number, {name: string; ticks: number}>;
function snap(pid: number): Snap {
	const out: Snap = new Map();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		try {
			const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			out.set(Number(tid), {name: readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim(), ticks: Number(f[11]) + Number(f[12])});
		} catch {}
	}
	return out;
}
// Node 20 names every thread "node": by creation order main, delayed-task scheduler, 4 V8
// workers, inspector signal thread, then the libuv pool; Node 24 names them.
function classify(pid: number, s: Snap): Map<number, string> {
	const tids = [...s.keys()].sort((a, b) => a - b);
	const names = new Map<number, string>();
	// A thread created after process.title was set carries the title, as the main thread does.
	const title = s.get(pid)?.name;
	tids.forEach((tid, i) => {
		const comm = s.get(tid)!.name;
		let name: string;
		if (tid === pid) name = 'main';
		else if (comm !== 'node' && comm !== title) name = comm;
		else if (i === 1) name = 'DelayedTaskSche';
		else if (i >= 2 && i <= 5) name = 'V8Worker';
		else if (i === 6) name = 'SignalInspector';
		else name = 'libuv-worker';
		names.set(tid, name);
	});
	return names;
}
function diff(pid: number, a: Snap, b: Snap, ms: number): Record<string, number> {
	const names = classify(pid, b);
	const out: Record<string, number> = {};
	let total = 0;
	for (const [tid, {ticks}] of b) {
		const used = (ticks - (a.get(tid)?.ticks ?? 0)) * (1000 / HZ);
		const name = names.get(tid)!;
		out[name] = (out[name] ?? 0) + used;
		total += used;
	}
	out.total = total;
	// CPU-ms per 2 s round.
	for (const k of Object.keys(out)) out[k] = (out[k]! / ms) * 2000;
	return out;
}
const fmt = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
	const {sim, endpoint, tokens} = await startProbeNode(tmp, n, flavor, cleanups);
	const isLive = (screen: string) => screen.split(/[\s│|]+/).some(word => tokens.has(word));
	const pane = await openPane(tmuxSocket, 'p', cleanups);
	const results: Record<string, {A: Array<Record<string, number>>; B: Array<Record<string, number>>; first: number[]; hwm: number[]}> = {};
	for (let round = 0; round < rounds; round++) {
		for (const spec of specs) {
			const [bin, ...flags] = spec.split(',');
			const argv = bin!.endsWith('.js') ? [process.execPath, ...flags, bin!, '-r', endpoint] : [bin!, '-r', endpoint];
			const {ms} = await coldStart(pane, argv, isLive);
			const pid = await panePid(pane);
			await driveThroughPages(pane, 500);
			const got = refreshes ? await refreshByStop(pane, sim, endpoint, refreshes, mode, () => true) : [];
			await settle(pane.control, 500);
			const s0 = snap(pid);
			let t0 = performance.now();
			await sleep(windowMs);
			const s1 = snap(pid);
			const A = diff(pid, s0, s1, performance.now() - t0);
			await sleep(quietMs);
			const s2 = snap(pid);
			t0 = performance.now();
			await sleep(windowMs);
			const s3 = snap(pid);
			const B = diff(pid, s2, s3, performance.now() - t0);
			const r = (results[spec] ??= {A: [], B: [], first: [], hwm: []});
			r.A.push(A);
			r.B.push(B);
			r.first.push(ms);
			r.hwm.push(peakRssMiB(pid));
			console.log(`round ${round} ${spec}: first ${ms.toFixed(0)} ms, peak ${r.hwm.at(-1)!.toFixed(1)} MiB, refresh ${got.map(x => x.toFixed(0)).join('/')} (load ${loadavg()[0]!.toFixed(2)})`);
			console.log(`   A ms/round: ${fmt(A)}`);
			console.log(`   B ms/round: ${fmt(B)}`);
			await stopPane(pane);
		}
	}
	for (const [spec, r] of Object.entries(results)) {
		const keys = [...new Set([...r.A, ...r.B].flatMap(x => Object.keys(x)))];
		const med = (xs: Array<Record<string, number>>) => keys.map(k => `${k} ${median(xs.map(x => x[k] ?? 0)).toFixed(1)}`).join(', ');
		console.log(`MEDIAN ${spec}: first ${median(r.first).toFixed(0)} ms, peak ${median(r.hwm).toFixed(1)} MiB\n   A ${med(r.A)}\n   B ${med(r.B)}`);
	}
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
	rmSync(tmp, {recursive: true, force: true});
}
