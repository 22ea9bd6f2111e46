// The benchmark: the REAL built bin in a real pseudo-terminal (tmux), against simulated nodes of
// 100, 1,000 and 10,000 containers, measured from outside. Writes bench/results.json and
// bench/results.md. `npm run bench` (builds first); `--quick` for a short smoke run.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {machineInfo, sleep} from './measure.js';
import {benchSize, type SizeResult} from './size.js';
import {renderMarkdown, renderTable, verdicts} from './report.js';
import {BIN, REPO_ROOT} from '../test/e2e/tmux-rig.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const sizesArg = argv.find(a => a.startsWith('--sizes='))?.slice('--sizes='.length);
const sizes = sizesArg ? sizesArg.split(',').map(Number) : quick ? [100, 1_000] : [100, 1_000, 10_000];
const BUDGET_MS = 9 * 60_000;

export type Plan = {coldRuns: number; presses: number; refreshRuns: number; cpuWindowMs: (n: number) => number; deadline: number};
const started = performance.now();
const plan: Plan = quick
	? {coldRuns: 3, presses: 30, refreshRuns: 3, cpuWindowMs: () => 4_000, deadline: started + BUDGET_MS}
	: {coldRuns: 5, presses: 200, refreshRuns: 8, cpuWindowMs: n => (n === 1_000 ? 20_000 : 10_000), deadline: started + BUDGET_MS};

const tmp = mkdtempSync('/tmp/crisock-bench-');
const tmuxSocket = `crisock-bench-${process.pid}`;
const cleanups: Array<() => void | Promise<void>> = [];
let cleaned = false;

async function cleanUp(): Promise<void> {
	if (cleaned) return;
	cleaned = true;
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(error => console.error(`cleanup: ${error.message}`));
	spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
	rmSync(tmp, {recursive: true, force: true});
}
process.on('exit', () => {
	spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
	rmSync(tmp, {recursive: true, force: true});
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		void cleanUp().finally(() => process.exit(130));
	});
}

function gitHead(): string {
	return spawnSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: REPO_ROOT, encoding: 'utf8'}).stdout.trim() || 'unknown';
}

const crictl = spawnSync('sh', ['-c', 'command -v crictl'], {encoding: 'utf8'}).stdout.trim() || undefined;

async function main(): Promise<void> {
	const machine = machineInfo();
	console.log(`crisock-tui bench${quick ? ' (quick)' : ''}: ${machine.cores} cores, ${machine.model}, node ${machine.node}`);
	console.log(`bin: ${BIN} (commit ${gitHead()}); load average ${loadavg().map(l => l.toFixed(2)).join(' ')}`);
	console.log(crictl ? `crictl: ${crictl}` : 'crictl not found on PATH');
	const results: SizeResult[] = [];
	for (const n of sizes) {
		if (performance.now() > plan.deadline) {
			console.log(`N=${n}: skipped, the time budget is used up`);
			continue;
		}
		console.log(`\nN=${n} containers`);
		results.push(await benchSize(n, {plan, tmp, tmuxSocket, bin: BIN, crictl, cleanups, log: line => console.log(`  ${line}`)}));
	}
	const judged = verdicts(results);
	const table = renderTable(judged);
	console.log(`\n${table}`);
	const totalSeconds = Math.round((performance.now() - started) / 1000);
	const report = {machine, bin: BIN, commit: gitHead(), quick, totalSeconds, crictl: crictl ?? 'crictl not found on PATH', targets: judged, sizes: results};
	if (!quick || argv.includes('--write')) {
		writeFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
		writeFileSync(path.join(REPO_ROOT, 'bench', 'results.md'), renderMarkdown(judged, results, machine, crictl, totalSeconds, `${BIN} at ${gitHead()}`));
		console.log('wrote bench/results.json and bench/results.md');
	}
	console.log(`bench finished in ${totalSeconds} s`);
}

try {
	await main();
} finally {
	await cleanUp();
	await sleep(0);
}
