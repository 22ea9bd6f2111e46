// What the runner knows before it starts: the groups, the suites CI requires, the knobs, and
// which files the command line chose.
import {readdirSync, statSync, existsSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some(k => k in process.env && !['0', 'false'].includes(process.env[k]));

export const groups = {
	runtime: file => /^test\/(testbed|integration)\//.test(file),
	terminal: file => /^test\/e2e\//.test(file) || ['test/reliability/terminal.test.ts', 'test/reliability/lost-terminal.test.ts', 'test/reliability/memory-100k.test.ts', 'test/cli.test.ts', 'test/sim/sim-command.test.ts'].includes(file),
	unit: file => !groups.runtime(file) && !groups.terminal(file),
};
/** Suites that must have run and passed in CI when their group ran in full. */
export const requiredSuites = {runtime: ['real containerd testbed', 'real containerd: dashboard', 'real containerd: :trace and :health', 'single executable', 'real containerd over ssh', 'fleet: real containerd and a simulated node', 'fleet: a node over ssh and a simulated node'], terminal: ['tmux e2e', 'reliability: 100,000 streamed containers in the real bin']};

const number = (name, fallback) => {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`run-tests: ${name} must be a positive number, not "${process.env[name]}"`);
	return value;
};
export const concurrency = number('TEST_CONCURRENCY', 4);
export const fileTimeoutMs = Math.min(number('TEST_TIMEOUT_MS', 600_000), number('TEST_FILE_TIMEOUT_MS', 900_000));
export const measureCpu = process.env.TEST_CPU === '1';

function findTests(dir) {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return findTests(path);
		return /\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

/**
 * The files to run (relative to the root) and the groups that run in full, from the arguments;
 * exits 2 on an unknown group or a missing file.
 */
export function chooseFiles(argv) {
	const chosenGroups = [];
	const only = [];
	for (let args = [...argv]; args.length > 0;) {
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
	return {files, groupsInFull};
}
