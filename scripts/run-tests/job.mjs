// One job (a file, or a batch) in its own node process with the test reporters, a ceiling, and
// its process group killed when it outlives the ceiling.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileTimeoutMs, measureCpu, root} from './options.mjs';
import {ticksSinceLastReaped} from './cpu.mjs';

/** The jobs running now, by pid: {file, kill(signal)}. */
export const running = new Map();

// RUN_TESTS_FILE tells exit-when-done.mjs that it runs in a file's process. NODE_ENV=production
// (unless set): the components then run on React's production build, the one the bundle ships
// (scripts/build-options.mjs defines it), and React's development checks no longer cost the
// component tests ~12 % of their CPU; no test reads a development-only warning.
const env = {...process.env, CRISOCK_TEST: '1', RUN_TESTS_FILE: '1', NODE_ENV: process.env.NODE_ENV ?? 'production'};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;

/** Runs `job`; resolves with what it reported (its TAP is written under tapDir as `<index>.tap`). */
export function runJob(job, index, tapDir) {
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
	let cpuTicks;
	if (measureCpu) child.on('exit', () => (cpuTicks = ticksSinceLastReaped()));
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
