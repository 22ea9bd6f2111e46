// A quick side-by-side of two or more builds at one size, for scale work (the full bench takes
// ~12 minutes): each build in turn, `rounds` times, in a fresh 80×24 tmux pane against one still
// simulated node: first live frame, peak RSS (VmHWM) and RSS after paging through the containers,
// then CPU % of a core over `windowMs` idle. Medians at the end. A build is a bin (…/bin/crisock-tui.js,
// run with this node) or an executable. FLAVOR=containerd-1.7 for an event-driven node.
//   node --import tsx bench/probe-scale.ts N windowMs rounds buildA [buildB …]
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {cpuPerMinute, peakRssMiB} from './measure.js';
import {coldStart, driveThroughPages, openPane, panePid, stopPane} from './pane.js';
import {startProbeNode} from './sim-child.js';

const [nArg, windowArg, roundsArg, ...bins] = process.argv.slice(2);
const n = Number(nArg);
const windowMs = Number(windowArg);
const rounds = Number(roundsArg);
const tmp = mkdtempSync('/tmp/crisock-probe-');
const tmuxSocket = `crisock-probe-${process.pid}`;
const cleanups: Array<() => void | Promise<void>> = [];
const rssMiB = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
	const {endpoint, tokens} = await startProbeNode(tmp, n, (process.env.FLAVOR ?? 'containerd') as 'containerd', cleanups);
	const isLive = (screen: string) => screen.split(/[\s│|]+/).some(word => tokens.has(word));
	const pane = await openPane(tmuxSocket, 'p', cleanups);
	const results: Record<string, {hwm: number[]; rss: number[]; cpu: number[]; first: number[]}> = {};
	for (let round = 0; round < rounds; round++) {
		for (const bin of bins) {
			const argv = bin.endsWith('.js') ? [process.execPath, bin, '-r', endpoint] : [bin, '-r', endpoint];
			const {ms} = await coldStart(pane, argv, isLive);
			const pid = await panePid(pane);
			await driveThroughPages(pane, 500);
			const cpu = (await cpuPerMinute(pid, windowMs)).percentOfCore;
			const r = (results[bin] ??= {hwm: [], rss: [], cpu: [], first: []});
			r.hwm.push(peakRssMiB(pid));
			r.rss.push(rssMiB(pid));
			r.cpu.push(cpu);
			r.first.push(ms);
			console.log(`round ${round} ${bin}: first ${ms.toFixed(0)} ms, peak ${r.hwm.at(-1)!.toFixed(1)} MiB, rss ${r.rss.at(-1)!.toFixed(1)} MiB, cpu ${cpu.toFixed(2)} % (load ${loadavg()[0]!.toFixed(2)})`);
			await stopPane(pane);
		}
	}
	for (const [bin, r] of Object.entries(results)) console.log(`MEDIAN ${bin}: first ${median(r.first).toFixed(0)} ms, peak ${median(r.hwm).toFixed(1)} MiB, rss ${median(r.rss).toFixed(1)} MiB, cpu ${median(r.cpu).toFixed(2)} %`);
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
	rmSync(tmp, {recursive: true, force: true});
}
