// The config file is read bounded, with a deadline, and only when it is a regular file; its keys
// are checked (unknown: a warning naming the nearest known key; a misspelled read-only: stop).
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {loadYamlParser, readConfigText} from '../../source/wire/config-file.js';
import {nearestConfigKey, resolveSettings} from '../../source/wire/config.js';

let dir: string;
before(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'crisock-config-'));
});
after(() => rmSync(dir, {recursive: true, force: true}));

describe('readConfigText', () => {
	test('a regular file is read; a missing one is undefined', async () => {
		const file = path.join(dir, 'crictl.yaml');
		writeFileSync(file, 'timeout: 3\n');
		assert.equal(await readConfigText(file), 'timeout: 3\n');
		assert.equal(await readConfigText(path.join(dir, 'none.yaml')), undefined);
	});

	test('a FIFO with no writer is refused at once (it would block an ordinary open)', async () => {
		const fifo = path.join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		const started = Date.now();
		await assert.rejects(readConfigText(fifo), /is a FIFO \(named pipe\), not a regular file/);
		assert.ok(Date.now() - started < 1000);
	});

	test('/dev/zero, a directory and an oversized file are refused with what they are', async () => {
		await assert.rejects(readConfigText('/dev/zero'), /is a character device/);
		await assert.rejects(readConfigText(dir), /is a directory/);
		const big = path.join(dir, 'big.yaml');
		writeFileSync(big, 'x'.repeat(70 * 1024));
		await assert.rejects(readConfigText(big), /is 70 KiB; a crictl config is a few lines and at most 64 KiB is read/);
		await assert.rejects(readConfigText(big, {maxBytes: 1024}), /at most 1 KiB/);
	});
});

describe('config keys', () => {
	let parseYaml: ((text: string) => unknown) | undefined;
	before(async () => {
		parseYaml = await loadYamlParser('');
	});
	const settings = (text: string) => resolveSettings({flags: {config: '/c.yaml'}, env: {}, readFile: p => (p === '/c.yaml' ? text : undefined), parseYaml});

	test('yaml is loaded only when there is a config file to parse', async () => {
		assert.equal(await loadYamlParser(undefined), undefined);
		assert.deepEqual(parseYaml?.('timeout: 3'), {timeout: 3});
	});

	test('the nearest known key', () => {
		assert.deepEqual(nearestConfigKey('runtime_endpoint'), {key: 'runtime-endpoint', distance: 0});
		assert.equal(nearestConfigKey('imag-endpoint').key, 'image-endpoint');
		assert.equal(nearestConfigKey('Timeout').key, 'timeout');
	});

	test('unknown keys are warnings, one line each; known ones are not', () => {
		const s = settings('runtime-endpoint: unix:///run/x.sock\nRuntime-Endpoint: x\ncolour: red\npull-image-on-create: true\n');
		assert.deepEqual(s.warnings, [
			'warning: /c.yaml: unknown key "Runtime-Endpoint" is ignored (did you mean runtime-endpoint?)',
			'warning: /c.yaml: unknown key "colour" is ignored (known keys: runtime-endpoint, runtime-endpoints, image-endpoint, timeout, debug, read-only, pull-image-on-create, disable-pull-on-run)',
		]);
		assert.equal(s.runtimeEndpoint, '/run/x.sock');
	});

	for (const key of ['read_only', 'Read-Only', 'readonly', 'READONLY', 'read-onyl', 'readOnly', 'read only']) {
		test(`${JSON.stringify(key)} stops instead of running read-write`, () => {
			assert.throws(() => settings(`${key}: true\n`), {name: 'SettingsError', message: /looks like read-only; rather than run read-write, crisock-tui stops/});
		});
	}

	test('a key with control characters is shown with them made visible', () => {
		const s = settings('"evil\\u001b[2J": 1\n');
		assert.equal(s.warnings.length, 1);
		assert.doesNotMatch(s.warnings[0], /\u001b/);
	});
});
