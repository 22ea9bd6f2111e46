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
// - Small unit files share a process, a batch at a time (run-tests/batch.mjs); TEST_BATCH=0 runs each alone.
//
// Knobs (environment): TEST_CONCURRENCY (processes at once, default 4: most files wait on tmux, a
// socket or containerd rather than compute), TEST_TIMEOUT_MS (each process, default 600000: the
// longest file takes ~70 s at rest and ~4× that at a load average of 30, where 240 s killed a
// healthy file; TEST_FILE_TIMEOUT_MS, the older name of a second ceiling, still lowers it), TEST_BATCH=0,
// TEST_CPU=1 (measure each file's CPU seconds: its processes with every child they waited for,
// plus its tmux servers and what runs in them, which daemonize out of its tree; listed at the end
// and kept in .tmp/test-file-cpu.json).
//
// The parts: run-tests/options.mjs (groups, knobs, the files chosen), times.mjs (longest first),
// batch.mjs (unit files sharing a process), job.mjs (one process with its ceiling), reap.mjs
// (tmux servers a killed file left), cpu.mjs (TEST_CPU=1), verdict.mjs (counts and problems).
import {mkdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {chooseFiles, concurrency, fileTimeoutMs, measureCpu, root} from './run-tests/options.mjs';
import {loadTimes, saveTimes} from './run-tests/times.mjs';
import {planJobs} from './run-tests/batch.mjs';
import {running, runJob} from './run-tests/job.mjs';
import {reapTmuxServers} from './run-tests/reap.mjs';
import {cpuFile, reportCpu, startCpuSampler} from './run-tests/cpu.mjs';
import {verdict} from './run-tests/verdict.mjs';

const {files, groupsInFull} = chooseFiles(process.argv.slice(2));

const tmp = join(root, '.tmp');
const timesFile = join(tmp, 'test-file-times.json');
mkdirSync(tmp, {recursive: true});
const {lastTimes, guess} = loadTimes(timesFile);

const tapDir = join(tmp, `tap-${process.pid}`);
mkdirSync(tapDir, {recursive: true});

const jobs = planJobs(files, guess, tmp, process.pid);
const jobGuess = job => job.files.reduce((sum, f) => sum + guess(f), 0);
// Longest first.
const queue = [...jobs].sort((a, b) => jobGuess(b) - jobGuess(a));

const stopAll = signal => {
	for (const {kill} of running.values()) kill('SIGTERM');
	process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

const results = [];
const startedAll = Date.now();
const stopSampler = measureCpu ? startCpuSampler(running) : () => {};
async function worker() {
	for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
		const file = job.label;
		const result = await runJob(job, jobs.indexOf(job), tapDir);
		reapTmuxServers();
		results.push(result);
		const mark = result.code === 0 && !result.timedOut ? 'ok' : 'FAILED';
		process.stdout.write(`\n── ${file} (${(result.ms / 1000).toFixed(1)} s) ${mark}\n${result.output}`);
		if (result.timedOut) process.stdout.write(`run-tests: ${file} was still running after ${fileTimeoutMs / 1000} s and was killed\n`);
	}
}
console.log(`run-tests: ${files.length} files in ${jobs.length} processes, ${Math.min(concurrency, jobs.length)} at a time`);
await Promise.all(Array.from({length: Math.min(concurrency, jobs.length)}, worker));
stopSampler();

saveTimes(timesFile, lastTimes, guess, results);
const {passed, failed, problems, failedFiles} = verdict(results, groupsInFull);
rmSync(tapDir, {recursive: true, force: true});
for (const job of jobs) if (job.entry !== job.files[0]) rmSync(job.entry, {force: true});
if (measureCpu) reportCpu(results, cpuFile(tmp));

console.log(`\nrun-tests: ${files.length} files in ${((Date.now() - startedAll) / 1000).toFixed(1)} s, ${results.length} processes, ${Math.min(concurrency, jobs.length)} at a time`);
if (failedFiles.length > 0) console.log(`run-tests: files that failed:\n  ${failedFiles.join('\n  ')}`);
for (const p of problems) console.error(`run-tests: ${p}`);
console.log(`${passed} passed, ${failed + problems.length} failed`);
process.exit(failedFiles.length > 0 || problems.length > 0 ? 1 : 0);
