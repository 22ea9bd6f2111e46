// `npm test`: the build, the type-check and the test runner, with the type-check (~26 CPU-s of
// tsc on one core) started first and run beside the build and the tests instead of before them:
// the build's code-cache training run leaves the machine nearly idle for 6 s, and tsc alone uses
// one of the two cores. tsc's output is printed when it ends; a type error fails the run like a
// failed test. Arguments go to scripts/run-tests.mjs.
import {spawn} from 'node:child_process';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Runs node with args; resolves with its exit code (and its output, when piped). */
function run(args, {pipe = false} = {}) {
	const child = spawn(process.execPath, args, {cwd: root, stdio: pipe ? ['ignore', 'pipe', 'pipe'] : 'inherit'});
	let output = '';
	if (pipe) {
		child.stdout.on('data', d => (output += d));
		child.stderr.on('data', d => (output += d));
	}
	const done = new Promise(resolve => child.on('close', (code, signal) => resolve({code: code ?? (signal ? 1 : 0), output})));
	return {child, done};
}

const typecheck = run([tscBin, '--noEmit'], {pipe: true});
const reportTypecheck = typecheck.done.then(({code, output}) => {
	if (code !== 0) process.stdout.write(`\nnpm test: the type-check failed (tsc --noEmit):\n${output}\n`);
	return code;
});

const build = await run([fileURLToPath(new URL('build.mjs', import.meta.url))]).done;
if (build.code !== 0) {
	typecheck.child.kill();
	console.error('npm test: the build failed');
	process.exit(build.code);
}

const tests = await run([fileURLToPath(new URL('run-tests.mjs', import.meta.url)), ...process.argv.slice(2)]).done;
const tsc = await reportTypecheck;
if (tsc !== 0) console.error('npm test: the type-check failed (above)');
process.exit(tests.code !== 0 ? tests.code : tsc);
