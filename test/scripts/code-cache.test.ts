// The bin's V8 code cache (bin/run-bundle.js, scripts/code-cache.mjs) as built: V8 takes it under
// the launcher's own flags, and a cache that does not fit is ignored, not obeyed. Needs `npm run build`.
import {test, describe, before} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const report = fileURLToPath(new URL('../support/code-cache-report.mjs', import.meta.url));

function version(binDir: string) {
	const r = spawnSync(process.execPath, ['--import', report, join(binDir, 'crisock-tui.js'), '--version'], {encoding: 'utf8', timeout: 60_000});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

describe('bin code cache', () => {
	before(() => {
		assert.ok(existsSync(join(root, 'dist', 'cli.cjs')), 'no dist/cli.cjs: run `npm run build` first');
	});

	test('the build made a cache and V8 takes it', () => {
		assert.ok(statSync(join(root, 'dist', 'cli.cjs.cache')).size > 500_000, 'a cache holding more than the top level');
		const r = version(join(root, 'bin'));
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
		assert.match(r.stderr, /code cache accepted/);
	});

	test('a cache that does not fit the script is rejected and the CLI runs all the same', () => {
		const copy = mkdtempSync(join(tmpdir(), 'crisock-cache-'));
		try {
			cpSync(join(root, 'bin'), join(copy, 'bin'), {recursive: true});
			cpSync(join(root, 'dist', 'cli.cjs'), join(copy, 'dist', 'cli.cjs'));
			copyFileSync(join(root, 'package.json'), join(copy, 'package.json'));
			writeFileSync(join(copy, 'dist', 'cli.cjs.cache'), Buffer.alloc(4096, 7));
			const r = version(join(copy, 'bin'));
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
			assert.match(r.stderr, /code cache rejected/);
		} finally {
			rmSync(copy, {recursive: true, force: true});
		}
	});
});
