// The benchmark: the REAL built bin and the single executable in a real pseudo-terminal (tmux),
// against simulated nodes of 100, 1,000 and 10,000 containers, measured from outside beside Node's
// own start. Each size has its own time budget, so 10,000 is always measured. Writes
// bench/results.json and bench/results.md. `npm run bench` (builds both first); `--quick` for a
// short smoke run.
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {machineInfo, sleep} from './measure.js';
import {benchSize, builtExecutable, type Plan, type SizeResult} from './size.js';
import {loadWarning, renderMarkdown, renderText, verdicts} from './report.js';
import {BIN, REPO_ROOT} from '../test/e2e/tmux-rig.js';
import {benchFleet} from './fleet.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const sizesArg = argv.find(a => a.startsWith('--sizes='))?.slice('--sizes='.length);
const sizes = sizesArg ? sizesArg.split(',').map(Number) : quick ? [100, 1_000] : [100, 1_000, 10_000];

// Per size, so a slow machine cuts figures of one size short (each says so) instead of skipping a size.
const plan: Plan = quick
	? {coldRuns: 3, presses: 30, refreshRuns: 3, cpuWindowMs: () => 4_000, budgetMs: () => 60_000}
	: {coldRuns: 7, presses: 200, refreshRuns: 8, cpuWindowMs: n => (n === 1_000 ? 20_000 : 10_000), budgetMs: n => (n >= 10_000 ? 360_000 : 240_000)};
const started = performance.now();

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

// crictl on PATH, else the one in shared/bin beside the checkout (or beside its worktree folder).
const beside = ['..', '../..'].map(up => path.resolve(REPO_ROOT, up, 'shared', 'bin', 'crictl')).find(existsSync);
const crictl = spawnSync('sh', ['-c', 'command -v crictl'], {encoding: 'utf8'}).stdout.trim() || beside;
const exe = builtExecutable(REPO_ROOT);

const fleet = argv.includes('--fleet');
const numberArg = (name: string, fallback: number) => Number(argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

/** The fleet section alone: N simulated nodes on one screen (bench/fleet.ts); prints its figures, writes bench/fleet-results.json with --write. */
async function mainFleet(): Promise<void> {
	const machine = machineInfo();
	const nodes = numberArg('fleet-nodes', 50);
	const containers = numberArg('fleet-containers', 1_000);
	console.log(`crisock-tui fleet bench: ${nodes} simulated nodes × ${containers} containers; ${machine.cores} cores, load ${machine.load}`);
	const result = await benchFleet(nodes, containers, {tmp, tmuxSocket, bin: BIN, cleanups, log: line => console.log(`  ${line}`), presses: quick ? 30 : 200});
	console.log(JSON.stringify(result, null, 2));
	if (argv.includes('--write')) writeFileSync(path.join(REPO_ROOT, 'bench', 'fleet-results.json'), `${JSON.stringify({machine, commit: gitHead(), ...result}, null, 2)}\n`);
}

async function main(): Promise<void> {
	if (fleet) {
		await mainFleet();
		return;
	}

	const machine = machineInfo();
	console.log(`crisock-tui bench${quick ? ' (quick)' : ''}: ${machine.cores} cores, ${machine.model}, node ${machine.node}`);
	console.log(`bin: ${BIN}; executable: ${exe ?? 'not built (npm run build:exe)'}; commit ${gitHead()}; load average ${machine.load}`);
	console.log(crictl ? `crictl: ${crictl}` : 'crictl: not on PATH nor at ../shared/bin/crictl');
	const results: SizeResult[] = [];
	for (const n of sizes) {
		console.log(`\nN=${n} containers`);
		results.push(await benchSize(n, {plan, tmp, tmuxSocket, bin: BIN, exe, crictl, cleanups, log: line => console.log(`  ${line}`)}));
	}
	const judged = verdicts(results);
	console.log(`\n${renderText(judged, results, machine.cores)}`);
	const totalSeconds = Math.round((performance.now() - started) / 1000);
	const subject = `Bin: ${path.relative(REPO_ROOT, BIN)}, executable: ${exe ? path.relative(REPO_ROOT, exe) : 'not built'}, commit ${gitHead()}; crictl: ${crictl ?? 'not found'}`;
	const report = {machine, bin: BIN, exe: exe ?? null, commit: gitHead(), quick, totalSeconds, crictl: crictl ?? null, loadWarning: loadWarning(results, machine.cores) ?? null, targets: judged, sizes: results};
	if (!quick || argv.includes('--write')) {
		writeFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
		writeFileSync(path.join(REPO_ROOT, 'bench', 'results.md'), renderMarkdown(judged, results, machine, totalSeconds, subject));
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
