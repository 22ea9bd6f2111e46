// Loaded into every test file's process by scripts/run-tests.mjs. When the file's tests are done
// but something it started (a timer, socket, server, child) still keeps the process alive, this
// names what was left and ends the process, so one leak cannot hang the run.
import {after} from 'node:test';

// In the file's own process: the runner's (RUN_TESTS_FILE) or a `node --test` child.
if (process.env.RUN_TESTS_FILE === '1' || process.env.NODE_TEST_CONTEXT?.startsWith('child')) {
	after(() => {
		// A batch of files (scripts/run-tests.mjs) whose run ended before its last file was loaded
		// would pass without the later files' tests: fail it instead.
		if (globalThis.runTestsLoading) {
			process.stderr.write('run-tests: the tests ended while files of this batch were still loading; their tests did not run\n');
			process.exit(1);
		}
		setTimeout(() => {
			// What is alive now, less stdio (this timer is unref'd, so not listed).
			const left = process.getActiveResourcesInfo().filter(r => !['TTYWrap', 'PipeWrap'].includes(r));
			process.stderr.write(`run-tests: the tests ended but this file left running: ${left.join(', ') || 'pending work'}; stop it in finally/after\n`);
			process.exit();
		}, 3_000).unref();
	});
}
