// TEST_CPU=1: each file's CPU seconds: its processes with every child they waited for, plus its
// tmux servers and what runs in them, which daemonize out of its tree.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/** CPU ticks of this process's children that it has waited for (cutime + cstime). */
const reapedTicks = () => {
	const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
	return Number(fields[13]) + Number(fields[14]);
};
let lastReaped;

/**
 * Call when a file's process has just been reaped: what the children waited for since the last
 * reaping is that process with everything it waited for (two reaped in one turn would be counted
 * together, the total stays). Returns those ticks.
 */
export function ticksSinceLastReaped() {
	const now = reapedTicks();
	const ticks = now - lastReaped;
	lastReaped = now;
	return ticks;
}

/**
 * The most CPU ticks seen for each rig's tmux server with everything under it, by the file whose
 * test process named the server (`crisock-test-<test pid>-<n>`; the test process is the child of
 * the process the runner started, or that process itself). `running` maps the runner's children's
 * pids to {file}.
 */
const tmuxTicks = new Map();
function sampleTmux(running) {
	const procs = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			procs.set(Number(entry), {comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), waited: Number(fields[13]) + Number(fields[14])});
		} catch {}
	}
	const children = new Map();
	for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
	const tree = pid => (children.get(pid) ?? []).reduce((sum, c) => sum + (procs.get(c)?.own ?? 0) + tree(c), 0);
	for (const [pid, p] of procs) {
		if (!p.comm.startsWith('tmux')) continue;
		let owner = tmuxTicks.get(pid)?.file;
		if (owner === undefined) {
			let cmdline;
			try {
				cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			} catch {
				continue;
			}
			const testPid = Number(/^crisock-test-(\d+)-\d+$/.exec(cmdline[cmdline.indexOf('-L') + 1] ?? '')?.[1]);
			owner = running.get(testPid)?.file ?? running.get(procs.get(testPid)?.ppid)?.file;
			if (owner === undefined) continue;
		}
		const ticks = p.own + p.waited + tree(pid);
		tmuxTicks.set(pid, {file: owner, ticks: Math.max(ticks, tmuxTicks.get(pid)?.ticks ?? 0)});
	}
}

/** Starts measuring; returns the function that stops the tmux sampler. */
export function startCpuSampler(running) {
	lastReaped = reapedTicks();
	const sampler = setInterval(() => sampleTmux(running), 250);
	return () => clearInterval(sampler);
}

/** Lists the files by CPU seconds and keeps them in `outFile`. */
export function reportCpu(results, outFile) {
	const inTmux = {};
	for (const {file, ticks} of tmuxTicks.values()) inTmux[file] = (inTmux[file] ?? 0) + ticks / 100;
	const cpu = Object.fromEntries(results.map(r => [r.file, r.cpuTicks === undefined ? undefined : r.cpuTicks / 100 + (inTmux[r.file] ?? 0)]));
	const ranked = Object.entries(cpu).sort((a, b) => (b[1] ?? Infinity) - (a[1] ?? Infinity));
	const total = ranked.reduce((sum, [, s]) => sum + (s ?? 0), 0);
	writeFileSync(outFile, JSON.stringify(Object.fromEntries(ranked), null, '\t') + '\n');
	const own = process.cpuUsage();
	console.log(`\nrun-tests: CPU seconds (user+sys) by file, ${total.toFixed(1)} s in all (the runner itself ${((own.user + own.system) / 1e6).toFixed(1)} s):`);
	for (const [file, s] of ranked) console.log(`  ${s === undefined ? '    ?' : s.toFixed(1).padStart(6)}  ${file}${inTmux[file] ? ` (${inTmux[file].toFixed(1)} in tmux)` : ''}`);
}

export const cpuFile = tmp => join(tmp, 'test-file-cpu.json');
