// Start-up inputs that used to hang or mislead the real bin: stdin that is not a terminal, a config
// file that is a FIFO, /dev/zero or huge, unknown keys, and a misspelled read-only. Each must give
// its sentence within the deadline and exit as stated.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {recordFigure} from './figures.js';
import {startFixture, type SimFixture} from '../e2e/fixtures.js';
import {BIN, startRig, type Rig} from '../e2e/tmux-rig.js';

/** Every case must be answered well within this (the config read's own deadline is 2 s). */
const CEILING_MS = 15_000;

type Run = {code: number | null; stdout: string; stderr: string; ms: number};

/** Runs the real bin with pipes (no terminal), killing it at the ceiling. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
	const started = Date.now();
	return new Promise(resolve => {
		const child = spawn(process.execPath, [BIN, ...args], {env: {...process.env, ...env, CI: ''}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', d => (stdout += d));
		child.stderr.on('data', d => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), CEILING_MS);
		child.on('exit', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, ms: Date.now() - started});
		});
	});
}

describe('start-up inputs (the real bin)', {timeout: 180_000}, () => {
	let node: SimFixture;
	let rig: Rig | undefined;
	const answered: number[] = [];
	before(async () => {
		node = await startFixture({containers: 6});
	});
	after(async () => {
		rig?.kill();
		await node.stop();
		recordFigure('start-up-inputs', {cases: answered.length, slowestMs: Math.max(...answered), ceilingMs: CEILING_MS});
	});

	const config = (name: string, text: string) => {
		const file = path.join(node.dir, name);
		writeFileSync(file, text);
		return file;
	};

	test('stdin not a terminal, stdout a terminal: the tables are printed with one sentence, exit 0', async () => {
		rig = await startRig({command: ['sh', '-c', `exec "${process.execPath}" "${BIN}" -r ${node.endpoint} < /dev/null`], cols: 200, rows: 50});
		const started = Date.now();
		const state = await rig.exitStatus(CEILING_MS);
		answered.push(Date.now() - started);
		assert.equal(state.exitCode, 0, state.screen);
		assert.match(state.screen, /stdin is not a terminal, so the tables are printed once/);
		assert.match(state.screen, /POD ID/);
		assert.doesNotMatch(state.screen, /Raw mode is not supported/);
		assert.equal(state.alternateScreen, false);
	});

	test('-c on a FIFO and on /dev/zero: a sentence naming what it is, exit 1, within the deadline', async () => {
		const fifo = path.join(node.dir, 'crictl.fifo');
		execFileSync('mkfifo', [fifo]);
		for (const [file, kind] of [[fifo, /is a FIFO \(named pipe\), not a regular file/], ['/dev/zero', /is a character device, not a regular file/]] as const) {
			const r = await run(['-c', file]);
			answered.push(r.ms);
			assert.equal(r.code, 1, `${file}: ${r.stderr}`);
			assert.match(r.stderr, kind);
			assert.equal(r.stderr.trim().split('\n').length, 1, 'one sentence');
			assert.ok(r.ms < CEILING_MS, `${file}: ${r.ms} ms`);
		}
	});

	test('a 389 KB config file is refused at once, with its size', async () => {
		const big = config('big.yaml', `runtime-endpoint: ${node.endpoint}\n${'# padding padding padding padding padding padding\n'.repeat(8000)}`);
		const r = await run(['-c', big]);
		answered.push(r.ms);
		assert.equal(r.code, 1, r.stderr);
		assert.match(r.stderr, /is 3\d\d KiB; a crictl config is a few lines and at most 64 KiB is read/);
	});

	test('an unknown key is a one-line warning naming the key and the nearest known key; the run goes on', async () => {
		const file = config('typo.yaml', `runtime_endpoint: ${node.endpoint}\nruntime-endpoint: ${node.endpoint}\ntimout: 2\n`);
		const r = await run(['-c', file]);
		answered.push(r.ms);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stderr, /warning: .*typo\.yaml: unknown key "runtime_endpoint" is ignored \(did you mean runtime-endpoint\?\)/);
		assert.match(r.stderr, /warning: .*typo\.yaml: unknown key "timout" is ignored \(did you mean timeout\?\)/);
		assert.match(r.stdout, /POD ID/);
	});

	test('a misspelled read-only stops the program instead of running read-write', async () => {
		const calls = () => Object.values(node.sim.calls).reduce((a, b) => a + b, 0);
		const before = calls();
		const spellings = ['read_only', 'Read-Only', 'readonly', 'READ_ONLY', 'read-onyl', 'readOnly'];
		for (const key of spellings) {
			const file = config(`ro-${spellings.indexOf(key)}.yaml`, `runtime-endpoint: ${node.endpoint}\n${key}: true\n`);
			const r = await run(['-c', file]);
			answered.push(r.ms);
			assert.equal(r.code, 1, `${key}: ${r.stdout}${r.stderr}`);
			assert.match(r.stderr, new RegExp(`"${key}" is not a key crisock-tui knows, and it looks like read-only; rather than run read-write, crisock-tui stops`));
			assert.equal(r.stdout, '', `${key}: nothing was listed`);
		}

		assert.equal(calls(), before, 'the runtime was not called at all');
		recordFigure('misspelled-read-only', {spellingsTried: spellings.length, stopped: spellings.length, callsAtRuntime: calls() - before});
	});
});
