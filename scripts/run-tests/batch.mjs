// Unit files share processes, in batches of up to BATCH_MS of their last times: starting node
// with tsx and loading the source (and ink and react) again for each small file cost more CPU than
// most of their tests. Batched are the directories of pure functions, the simulated node and
// components in ink-testing-library, minus any file with a hook at its top level (it would be the
// whole batch's hook); test/reliability keeps a process per file (it sets the colour level at
// import, records figures, and its timings are the point). TEST_BATCH=0 runs every file alone.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {groups, root} from './options.mjs';

// 60 s, no longer than the longest files alone: a process that loads ink and the app through tsx
// costs ~5 CPU-s before its first test (the 16 component files of test/ui took 70, 40, 38 and 27
// CPU-s in 9, 5, 4 and 2 processes), and the suite is bound by CPU, not by waiting.
const BATCH_MS = 60_000;
/** The first test of a batch, not counted among the suite's own. */
export const LOADED_TEST = 'run-tests: every file of this batch loaded';

const batchable = f => process.env.TEST_BATCH !== '0'
	&& (/^test\/(format|wire|state|sim|ui|commands|bench|proto|scripts)\//.test(f) || /^test\/[^/]+\.test\.tsx?$/.test(f))
	&& groups.unit(f)
	&& !/^(before|after|beforeEach|afterEach)\(/m.test(readFileSync(join(root, f), 'utf8'));

/**
 * What runs in one process: one file, or a batch of unit files imported by an entry written to
 * `tmp` (named after `tag`). Each job is {label, files, entry}.
 */
export function planJobs(files, guess, tmp, tag) {
	const jobs = files.filter(f => !batchable(f)).map(f => ({label: f, files: [f], entry: f}));
	let batch = [];
	let batchMs = 0;
	const close = () => {
		if (batch.length <= 1) {
			jobs.push(...batch.map(f => ({label: f, files: [f], entry: f})));
			batch = [];
			batchMs = 0;
			return;
		}

		const entry = join(tmp, `batch-${tag}-${jobs.length}.test.mjs`);
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
	return jobs;
}
