// What the bench measures, each from outside the program: frames through tmux control mode,
// CPU and memory through /proc. Nothing here asks the program to report on itself.
import {readFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {cpus, loadavg, totalmem} from 'node:os';
import {performance} from 'node:perf_hooks';
import type {TmuxControl} from './tmux-control.js';

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux we target). */
const USER_HZ = 100;

/**
 * Sends one key and returns the ms from sending it to the first and to the last output of the
 * repaint it caused (the frame is done once the pane has been quiet for `quietMs`), or undefined
 * if nothing was painted.
 */
export async function timeKey(control: TmuxControl, target: string, key: string, quietMs = 45, timeoutMs = 600): Promise<{first: number; last: number} | undefined> {
	let first = 0;
	let last = 0;
	const off = control.onOutput((_data, at) => {
		first ||= at;
		last = at;
	});
	const t0 = performance.now();
	try {
		await control.command(`send-keys -t ${target} ${quote(key)}`);
		while (performance.now() - t0 < timeoutMs) {
			await sleep(2);
			if (last > 0 && performance.now() - last >= quietMs) break;
		}
	} finally {
		off();
	}
	return last > 0 ? {first: first - t0, last: last - t0} : undefined;
}

/** Waits until the pane has printed nothing for `quietMs` (bounded by timeoutMs). */
export async function settle(control: TmuxControl, quietMs = 150, timeoutMs = 5_000): Promise<void> {
	const t0 = performance.now();
	while (performance.now() - t0 < timeoutMs) {
		if (performance.now() - Math.max(control.lastOutputAt, t0) >= quietMs) return;
		await sleep(10);
	}
}

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// After the command: state(0) ppid(1) ... utime(11) stime(12).
	return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/** CPU used over `windowMs`, scaled to seconds per minute (= % of one core x 0.6). */
export async function cpuPerMinute(pid: number, windowMs: number, during?: () => void): Promise<{cpuSecondsPerMinute: number; percentOfCore: number}> {
	const before = cpuSeconds(pid);
	const t0 = performance.now();
	const timer = during ? setInterval(during, 1_000) : undefined;
	await sleep(windowMs);
	if (timer) clearInterval(timer);
	const used = cpuSeconds(pid) - before;
	const elapsed = (performance.now() - t0) / 1000;
	return {cpuSecondsPerMinute: (used / elapsed) * 60, percentOfCore: (used / elapsed) * 100};
}

/** Peak resident set (VmHWM) in MiB. */
export function peakRssMiB(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
	return kib / 1024;
}

export type MachineInfo = {cores: number; model: string; memoryGiB: number; node: string; platform: string; date: string; load: string};

export function machineInfo(): MachineInfo {
	const list = cpus();
	return {
		cores: list.length,
		model: list[0]?.model.trim() ?? 'unknown',
		memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		date: new Date().toISOString(),
		load: loadavg().map(l => l.toFixed(2)).join(' '),
	};
}

/** Median wall time of `runs` calls of fn, ms. */
export async function timeCalls(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn();
		out.push(performance.now() - t0);
	}
	return out;
}

/** Quotes one word for a tmux command line. */
export function quote(word: string): string {
	return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Wall ms of whole processes (spawn → exit), run one after another; throws on a non-zero exit. */
export async function timeProcess(runs: number, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number[]> {
	return timeCalls(runs, async () => {
		const out = spawnSync(argv[0]!, argv.slice(1), {stdio: ['ignore', 'ignore', 'pipe'], env, maxBuffer: 256 * 1024 * 1024});
		if (out.status !== 0) throw new Error(`${argv.join(' ')} exited ${out.status ?? out.signal}: ${String(out.stderr).slice(0, 300)}`);
	});
}
