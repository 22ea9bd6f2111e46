// Runs every test file under test/ with node's test runner (tsx for TypeScript).
//
// Two rules hold here rather than in each test:
// - ink paints nothing live when CI is set (is-in-ci), which would blank every
//   component frame, so the children run without CI; the runner itself still
//   knows it is in CI.
// - In CI nothing may be skipped: a skipped or todo test fails the run, and the
//   suites that need the real runtime and a real terminal must have run.
import {spawn} from 'node:child_process';
import {readdirSync, statSync, mkdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some(k => k in process.env && !['0', 'false'].includes(process.env[k]));
const requiredSuites = ['real containerd testbed', 'real containerd: dashboard', 'tmux e2e'];

function findTests(dir) {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return findTests(path);
		return /\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

const only = process.argv.slice(2);
const files = (only.length > 0 ? only : findTests(join(root, 'test'))).map(f => relative(root, f)).sort();
mkdirSync(join(root, '.tmp'), {recursive: true});
const tapFile = join(root, '.tmp', `test-results-${process.pid}.tap`);

const env = {...process.env, CRISOCK_TEST: '1'};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;

const args = [
	'--import', 'tsx', '--test',
	'--test-reporter=spec', '--test-reporter-destination=stdout',
	'--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
	...files,
];
const child = spawn(process.execPath, args, {cwd: root, env, stdio: ['ignore', 'inherit', 'inherit']});
const code = await new Promise(resolve => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));

const tap = readFileSync(tapFile, 'utf8');
const problems = [];
const skipped = tap.split('\n').filter(l => /^\s*(not )?ok \d+ .*# (SKIP|TODO)/i.test(l));
if (inCi && skipped.length > 0) problems.push(`skipped or todo tests in CI:\n  ${skipped.map(s => s.trim()).join('\n  ')}`);
if (inCi && only.length === 0) {
	for (const suite of requiredSuites) {
		const ran = new RegExp(`^\\s*ok \\d+ - ${suite}`, 'm').test(tap);
		if (!ran) problems.push(`required suite "${suite}" did not run and pass`);
	}
}

const count = re => (tap.match(re) ?? []).length;
const passed = count(/^# pass (\d+)/m) ? Number(tap.match(/^# pass (\d+)/m)[1]) : 0;
const failed = count(/^# fail (\d+)/m) ? Number(tap.match(/^# fail (\d+)/m)[1]) : 0;
for (const p of problems) console.error(`run-tests: ${p}`);
console.log(`${passed} passed, ${failed + problems.length} failed`);
process.exit(code !== 0 || problems.length > 0 ? 1 : 0);
