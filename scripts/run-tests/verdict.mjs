// From the jobs' TAP and exit codes to the run's verdict: counts, failed files and the problems
// that fail a run without a failed test (a hang, a crash, a skip in CI, a required suite missing).
import {fileTimeoutMs, inCi, requiredSuites} from './options.mjs';
import {LOADED_TEST} from './batch.mjs';

const sum = (tap, name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);

export function verdict(results, groupsInFull) {
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
	return {passed, failed, problems, failedFiles};
}
