// Runs the test files under test/ with node's test runner (tsx for TypeScript), several files at
// once, each in its own process, each with a ceiling.
//
//   node scripts/run-tests.mjs                      every file (what `npm test` and CI run)
//   node scripts/run-tests.mjs --group unit         one group: unit, terminal or runtime (repeatable)
//   node scripts/run-tests.mjs test/a.test.ts ...   just these files
//
// Groups: `runtime` needs a real containerd (test/testbed, test/integration); `terminal` drives a
// real terminal or the built bin (test/e2e, the tmux reliability file, the CLI); `unit` is the rest
// (pure functions, components in ink-testing-library, the simulated node in-process).
//
// Rules that hold here rather than in each test:
// - ink paints nothing live when CI is set (is-in-ci), which would blank every component frame, so
//   the children run without CI; the runner itself still knows it is in CI.
// - In CI nothing may be skipped: a skipped or todo test fails the run, and the suites that need
//   the real runtime and a real terminal must have run (when their group ran in full).
// - Each file runs in one plain node process with the test reporters, not under `node --test`,
//   whose extra process per file (~0.3 s of CPU each) bought nothing here: node 20's --test-timeout
//   only ever stopped the whole file, which the ceiling below does.
// - No file can hang the run: a file whose tests are done but which left a timer, socket or child
//   running names it and exits (test/support/exit-when-done.mjs; node 20's --test-force-exit would
//   lose the TAP summary); and a file still running after TEST_TIMEOUT_MS is killed with its
//   process group and reported by name.
//
// - Small unit files share a process, a batch at a time (below); TEST_BATCH=0 runs each alone.
//
// Knobs (environment): TEST_CONCURRENCY (processes at once, default 4: most files wait on tmux, a
// socket or containerd rather than compute), TEST_TIMEOUT_MS (each process, default 600000: the
// longest file takes ~70 s at rest and ~4× that at a load average of 30, where 240 s killed a
// healthy file; TEST_FILE_TIMEOUT_MS, the older name of a second ceiling, still lowers it), TEST_BATCH=0,
// TEST_CPU=1 (measure each file's CPU seconds: its processes with every child they waited for,
// plus its tmux servers and what runs in them, which daemonize out of its tree; listed at the end
// and kept in .tmp/test-file-cpu.json).
import {spawn} from 'node:child_process';
import {readdirSync, statSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some(k => k in process.env && !['0', 'false'].includes(process.env[k]));

const groups = {
	runtime: file => /^test\/(testbed|integration)\//.test(file),
	terminal: file => /^test\/e2e\//.test(file) || ['test/reliability/terminal.test.ts', 'test/reliability/memory-100k.test.ts', 'test/cli.test.ts', 'test/sim/sim-command.test.ts'].includes(file),
	unit: file => !groups.runtime(file) && !groups.terminal(file),
};
/** Suites that must have run and passed in CI when their group ran in full. */
const requiredSuites = {runtime: ['real containerd testbed', 'real containerd: dashboard', 'real containerd: :trace and :health', 'single executable', 'real containerd over ssh', 'fleet: real containerd and a simulated node', 'fleet: a node over ssh and a simulated node'], terminal: ['tmux e2e', 'reliability: 100,000 streamed containers in the real bin']};

const number = (name, fallback) => {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`run-tests: ${name} must be a positive number, not "${process.env[name]}"`);
	return value;
};
const concurrency = number('TEST_CONCURRENCY', 4);
const fileTimeoutMs = Math.min(number('TEST_TIMEOUT_MS', 600_000), number('TEST_FILE_TIMEOUT_MS', 900_000));

function findTests(dir) {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return findTests(path);
		return /\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

const chosenGroups = [];
const only = [];
for (let args = process.argv.slice(2); args.length > 0;) {
	const arg = args.shift();
	if (arg === '--group' || arg.startsWith('--group=')) {
		const names = (arg === '--group' ? args.shift() ?? '' : arg.slice('--group='.length)).split(',');
		for (const name of names) {
			if (!(name in groups)) {
				console.error(`run-tests: no group "${name}"; the groups are ${Object.keys(groups).join(', ')}`);
				process.exit(2);
			}
			chosenGroups.push(name);
		}
	} else {
		only.push(relative(root, arg));
	}
}

const all = findTests(join(root, 'test')).map(f => relative(root, f)).sort();
const files = only.length > 0 ? only.sort() : all.filter(f => chosenGroups.length === 0 || chosenGroups.some(g => groups[g](f)));
for (const f of files) {
	if (!existsSync(join(root, f))) {
		console.error(`run-tests: no test file ${f}`);
		process.exit(2);
	}
}
const groupsInFull = only.length > 0 ? [] : chosenGroups.length > 0 ? chosenGroups : Object.keys(groups);

// Longest files first (times from the last run here, else from scripts/test-file-times.json, a
// CI run's, so a fresh clone orders them too), so the slow tmux and containerd files are not left
// to run alone at the end.
const tmp = join(root, '.tmp');
const timesFile = join(tmp, 'test-file-times.json');
mkdirSync(tmp, {recursive: true});
const readTimes = file => {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return {};
	}
};
const seedTimes = readTimes(join(root, 'scripts', 'test-file-times.json'));
const lastTimes = readTimes(timesFile);
const guess = f => lastTimes[f] ?? seedTimes[f] ?? (groups.unit(f) ? 5_000 : 60_000);

const tapDir = join(tmp, `tap-${process.pid}`);
mkdirSync(tapDir, {recursive: true});

// Unit files share processes, in batches of up to ~BATCH_MS of their last times: starting node
// with tsx and loading the source (and ink and react) again for each small file cost more CPU than
// most of their tests. Batched are the directories of pure functions, the simulated node and
// components in ink-testing-library, minus any file with a hook at its top level (it would be the
// whole batch's hook); test/reliability keeps a process per file (it sets the colour level at
// import, records figures, and its timings are the point). TEST_BATCH=0 runs every file alone.
const BATCH_MS = 30_000;
/** The first test of a batch, not counted among the suite's own. */
const LOADED_TEST = 'run-tests: every file of this batch loaded';
const batchable = f => process.env.TEST_BATCH !== '0'
	&& (/^test\/(format|wire|state|sim|ui|commands|bench|proto|scripts)\//.test(f) || /^test\/[^/]+\.test\.tsx?$/.test(f))
	&& groups.unit(f)
	&& !/^(before|after|beforeEach|afterEach)\(/m.test(readFileSync(join(root, f), 'utf8'));
/** What runs in one process: one file, or a batch of unit files imported by a generated entry. */
const jobs = files.filter(f => !batchable(f)).map(f => ({label: f, files: [f], entry: f}));
{
	let batch = [];
	let batchMs = 0;
	const close = () => {
		if (batch.length <= 1) {
			jobs.push(...batch.map(f => ({label: f, files: [f], entry: f})));
			batch = [];
			batchMs = 0;
			return;
		}

		const entry = join(tmp, `batch-${process.pid}-${jobs.length}.test.mjs`);
		// The files are loaded one after the other while a first test waits for them all: a file's
		// tests can run while tsx still loads the next, and without a test pending in between,
		// node:test would take the run for over and end it (the later files' tests unrun).
		const imports = batch.map(f => `\tawait import(${JSON.stringify(pathToFileURL(join(root, f)).href)});\n`).join('');
		writeFileSync(entry, [
			`import {test} from 'node:test';`,
			`let loaded, failed;`,
			`const all = new Promise((resolve, reject) => { loaded = resolve; failed = reject; });`,
			`test(${JSON.stringify(LOADED_TEST)}, () => all);`,
			`globalThis.runTestsLoading = true;`,
			`try {\n${imports}\tloaded();\n} catch (error) {\n\tfailed(error);\n}`,
			`globalThis.runTestsLoading = false;`,
		].join('\n') + '\n');
		jobs.push({label: `${batch.length} unit files (${batch.join(' ')})`, files: batch, entry});
		batch = [];
		batchMs = 0;
	};
	for (const f of files.filter(batchable)) {
		if (batchMs + guess(f) > BATCH_MS) close();
		batch.push(f);
		batchMs += guess(f);
	}
	close();
}
const jobGuess = job => job.files.reduce((sum, f) => sum + guess(f), 0);
const queue = [...jobs].sort((a, b) => jobGuess(b) - jobGuess(a));

const measureCpu = process.env.TEST_CPU === '1';
/** CPU ticks of this process's children that it has waited for (cutime + cstime). */
const reapedTicks = () => {
	const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
	return Number(fields[13]) + Number(fields[14]);
};
let lastReaped = measureCpu ? reapedTicks() : 0;

// RUN_TESTS_FILE tells exit-when-done.mjs that it runs in a file's process.
const env = {...process.env, CRISOCK_TEST: '1', RUN_TESTS_FILE: '1'};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;

/** Runs one job (a file, or a batch) in its own node process; resolves with what it reported. */
function runJob(job, index) {
	const file = job.label;
	const tapFile = join(tapDir, `${index}.tap`);
	const args = [
		'--import', 'tsx', '--import', './test/support/exit-when-done.mjs',
		'--test-reporter=spec', '--test-reporter-destination=stdout',
		'--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
		job.entry,
	];
	const started = Date.now();
	// Its own process group, so a stuck file is ended with everything it spawned.
	const child = spawn(process.execPath, args, {cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
	let output = '';
	child.stdout.on('data', d => (output += d));
	child.stderr.on('data', d => (output += d));
	let timedOut = false;
	const kill = signal => {
		try {
			process.kill(-child.pid, signal);
		} catch {}
	};
	const watchdog = setTimeout(() => {
		timedOut = true;
		kill('SIGTERM');
		setTimeout(() => kill('SIGKILL'), 5_000).unref();
	}, fileTimeoutMs);
	running.set(child.pid, {file, kill});
	// Just reaped: what the children waited for since the last reaping is this file's process with
	// everything it waited for (two reaped in one turn would be counted together, the total stays).
	let cpuTicks;
	if (measureCpu) {
		child.on('exit', () => {
			const now = reapedTicks();
			cpuTicks = now - lastReaped;
			lastReaped = now;
		});
	}
	return new Promise(resolve => {
		child.on('close', (code, signal) => {
			clearTimeout(watchdog);
			running.delete(child.pid);
			const ms = Date.now() - started;
			let tap = '';
			try {
				tap = readFileSync(tapFile, 'utf8');
			} catch {}
			resolve({file, files: job.files, pid: child.pid, code: code ?? (signal ? 1 : 0), signal, timedOut, ms, output, tap, cpuTicks});
		});
	});
}

/**
 * A tmux server daemonizes out of a test's process group, so a file that was killed (or crashed
 * before its after-hook) leaves its rigs' servers behind. Each rig's server is named after the test
 * process (`crisock-test-<pid>-<n>`): once that process is gone, its servers go too.
 */
function reapTmuxServers() {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let cmdline;
		try {
			cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
		} catch {
			continue;
		}
		const owner = /^tmux/.test(cmdline[0] ?? '') ? /^crisock-test-(\d+)-\d+$/.exec(cmdline[cmdline.indexOf('-L') + 1] ?? '')?.[1] : undefined;
		if (owner === undefined || existsSync(`/proc/${owner}`)) continue;
		try {
			process.kill(Number(entry), 'SIGTERM');
		} catch {}
	}
	// And the file each rig's output is piped to (tmux-rig.ts), which a killed file leaves, or a
	// late-starting pipe recreates after kill() removed it.
	for (const name of readdirSync(tmpdir())) {
		const owner = /^crisock-test-(\d+)-\d+\.out$/.exec(name)?.[1];
		if (owner !== undefined && !existsSync(`/proc/${owner}`)) rmSync(join(tmpdir(), name), {force: true});
	}
}

/**
 * With TEST_CPU=1: the most CPU ticks seen for each rig's tmux server with everything under it,
 * by the file whose test process named the server (`crisock-test-<test pid>-<n>`; the test process
 * is the child of the process the runner started, or that process itself).
 */
const tmuxTicks = new Map();
function sampleTmux() {
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

const running = new Map();
const stopAll = signal => {
	for (const {kill} of running.values()) kill('SIGTERM');
	process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

const results = [];
const startedAll = Date.now();
const sampler = measureCpu ? setInterval(sampleTmux, 250) : undefined;
async function worker() {
	for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
		const file = job.label;
		const result = await runJob(job, jobs.indexOf(job));
		reapTmuxServers();
		results.push(result);
		const mark = result.code === 0 && !result.timedOut ? 'ok' : 'FAILED';
		process.stdout.write(`\n── ${file} (${(result.ms / 1000).toFixed(1)} s) ${mark}\n${result.output}`);
		if (result.timedOut) process.stdout.write(`run-tests: ${file} was still running after ${fileTimeoutMs / 1000} s and was killed\n`);
	}
}
console.log(`run-tests: ${files.length} files in ${jobs.length} processes, ${Math.min(concurrency, jobs.length)} at a time`);
await Promise.all(Array.from({length: Math.min(concurrency, jobs.length)}, worker));

clearInterval(sampler);

const times = {...lastTimes};
// A batch's time is shared among its files as their last times were.
for (const r of results) {
	const total = r.files.reduce((sum, f) => sum + guess(f), 0);
	for (const f of r.files) times[f] = Math.round(r.files.length === 1 ? r.ms : r.ms * guess(f) / total);
}
writeFileSync(timesFile, JSON.stringify(times, null, '\t') + '\n');

const sum = (tap, name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
let passed = 0;
let failed = 0;
const problems = [];
const failedFiles = [];
for (const r of results) {
	passed += sum(r.tap, 'pass') - (new RegExp(`^ok \\d+ - ${LOADED_TEST}$`, 'm').test(r.tap) ? 1 : 0);
	failed += sum(r.tap, 'fail') + sum(r.tap, 'cancelled');
	if (r.timedOut) problems.push(`${r.file} hung: killed after ${fileTimeoutMs / 1000} s (see its output above)`);
	else if (r.code !== 0 && sum(r.tap, 'fail') + sum(r.tap, 'cancelled') === 0) problems.push(`${r.file} exited with ${r.signal ?? `code ${r.code}`} without reporting a failed test`);
	if (r.code !== 0 || r.timedOut) failedFiles.push(r.file);
}
const tapAll = results.map(r => r.tap).join('\n');
const skipped = tapAll.split('\n').filter(l => /^\s*(not )?ok \d+ .*# (SKIP|TODO)/i.test(l));
if (inCi && skipped.length > 0) problems.push(`skipped or todo tests in CI:\n  ${skipped.map(s => s.trim()).join('\n  ')}`);
if (inCi) {
	for (const suite of groupsInFull.flatMap(g => requiredSuites[g] ?? [])) {
		const ran = new RegExp(`^\\s*ok \\d+ - ${suite}`, 'm').test(tapAll);
		if (!ran) problems.push(`required suite "${suite}" did not run and pass`);
	}
}
rmSync(tapDir, {recursive: true, force: true});
for (const job of jobs) if (job.entry !== job.files[0]) rmSync(job.entry, {force: true});

if (measureCpu) {
	const inTmux = {};
	for (const {file, ticks} of tmuxTicks.values()) inTmux[file] = (inTmux[file] ?? 0) + ticks / 100;
	const cpu = Object.fromEntries(results.map(r => [r.file, r.cpuTicks === undefined ? undefined : r.cpuTicks / 100 + (inTmux[r.file] ?? 0)]));
	const ranked = Object.entries(cpu).sort((a, b) => (b[1] ?? Infinity) - (a[1] ?? Infinity));
	const total = ranked.reduce((sum, [, s]) => sum + (s ?? 0), 0);
	writeFileSync(join(tmp, 'test-file-cpu.json'), JSON.stringify(Object.fromEntries(ranked), null, '\t') + '\n');
	const own = process.cpuUsage();
	console.log(`\nrun-tests: CPU seconds (user+sys) by file, ${total.toFixed(1)} s in all (the runner itself ${((own.user + own.system) / 1e6).toFixed(1)} s):`);
	for (const [file, s] of ranked) console.log(`  ${s === undefined ? '    ?' : s.toFixed(1).padStart(6)}  ${file}${inTmux[file] ? ` (${inTmux[file].toFixed(1)} in tmux)` : ''}`);
}

console.log(`\nrun-tests: ${files.length} files in ${((Date.now() - startedAll) / 1000).toFixed(1)} s, ${results.length} processes, ${Math.min(concurrency, jobs.length)} at a time`);
if (failedFiles.length > 0) console.log(`run-tests: files that failed:\n  ${failedFiles.join('\n  ')}`);
for (const p of problems) console.error(`run-tests: ${p}`);
console.log(`${passed} passed, ${failed + problems.length} failed`);
process.exit(failedFiles.length > 0 || problems.length > 0 ? 1 : 0);
