import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile, appendFile, truncate, rename, symlink, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describeLogError, followLog, resolveLogPath, tailLog, type LogFileError} from '../../source/wire/log-reader.js';
import type {LogLine} from '../../source/wire/log-parse.js';
import {holdsFor, waitFor} from '../support/wait.js';
import {allowLogRoot} from '../../source/wire/log-access.js';

let dir: string;
before(async () => {
	dir = await mkdtemp(join(tmpdir(), 'crisock-logs-'));
	allowLogRoot(dir); // a log root of this test, as --log-root would make it
});
after(async () => {
	await rm(dir, {recursive: true, force: true});
});

const time = (i: number) => new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + i * 1000).toISOString().replace('Z', '000000Z');
const cri = (i: number, stream = 'stdout', tag = 'F', msg = `line ${i}`) => `${time(i)} ${stream} ${tag} ${msg}\n`;

/** Waits until check() is true (polling every 10 ms, 10 s at most). */
const until = async (check: () => boolean) => waitFor(check, {intervalMs: 10, what: String(check)});

describe('tailLog', () => {
	test('a 1 GB log opens instantly: only the end is read', async () => {
		const path = join(dir, 'big.log');
		await writeFile(path, '');
		await truncate(path, 1024 ** 3); // sparse: a gigabyte of hole, then real lines
		let tailText = '';
		for (let i = 0; i < 5000; i++) tailText += cri(i);
		await appendFile(path, tailText);
		const started = Date.now();
		const result = await tailLog(path, {lines: 200});
		assert.ok(Date.now() - started < 1000, 'took too long');
		assert.equal(result.lines.length, 200);
		assert.equal(result.lines[0].text, 'line 4800');
		assert.equal(result.lines.at(-1)!.text, 'line 4999');
		assert.ok(result.bytesRead <= 2 * 65_536, `read ${result.bytesRead} bytes`);
		assert.equal(result.offset, 1024 ** 3 + Buffer.byteLength(tailText));
	});

	test('a filter that matches nothing stops at maxScanBytes', async () => {
		const path = join(dir, 'big.log');
		const result = await tailLog(path, {lines: 10, filter: {stream: 'stderr'}, maxScanBytes: 1024 * 1024});
		assert.equal(result.lines.length, 0);
		assert.equal(result.scanLimited, true);
		assert.ok(result.bytesRead <= 1024 * 1024 + 65_536);
	});

	test('stream filter, since filter, partial lines, a line in no log format (counted, not shown) and an unfinished last line', async () => {
		const path = join(dir, 'mixed.log');
		await writeFile(path, [
			cri(1, 'stdout'), cri(2, 'stderr', 'F', 'oops'), cri(3, 'stdout', 'P', 'aa'), cri(4, 'stdout', 'F', 'bb'),
			'garbage without format\n', `${time(5)} stdout F still being writ`,
		].join(''));
		const all = await tailLog(path, {lines: 10});
		assert.deepEqual(all.lines.map(l => l.text), ['line 1', 'oops', 'aabb']);
		assert.equal(all.rejected, 1);
		assert.equal(all.offset, Buffer.byteLength(cri(1) + cri(2, 'stderr', 'F', 'oops') + cri(3, 'stdout', 'P', 'aa') + cri(4, 'stdout', 'F', 'bb') + 'garbage without format\n'));
		const stderr = await tailLog(path, {lines: 10, filter: {stream: 'stderr'}});
		assert.deepEqual(stderr.lines.map(l => l.text), ['oops']);
		const since = await tailLog(path, {lines: 10, filter: {sinceMs: Date.parse(time(2))}});
		assert.deepEqual(since.lines.map(l => l.text), ['oops', 'aabb']);
	});

	test('tail with a small chunk size still finds whole lines across chunk borders', async () => {
		const path = join(dir, 'chunks.log');
		let text = '';
		for (let i = 0; i < 100; i++) text += cri(i, i % 2 ? 'stderr' : 'stdout');
		await writeFile(path, text);
		const result = await tailLog(path, {lines: 7, chunkSize: 13, filter: {stream: 'stdout'}});
		assert.deepEqual(result.lines.map(l => l.text), [86, 88, 90, 92, 94, 96, 98].map(i => `line ${i}`));
	});

	test('Docker json-file behind a symlink (cri-dockerd)', async () => {
		const target = join(dir, 'abc-json.log');
		await writeFile(target, `${JSON.stringify({log: 'from docker\n', stream: 'stdout', time: time(1)})}\n`);
		const link = join(dir, 'docker-0.log');
		await symlink(target, link);
		const result = await tailLog(link);
		assert.deepEqual(result.lines, [{time: time(1), stream: 'stdout', text: 'from docker'}]);
	});

	test('errors say why and where', async () => {
		const missing = join(dir, 'pods', 'nope', '0.log');
		await assert.rejects(tailLog(missing), (error: LogFileError) => {
			assert.equal(error.code, 'not-found');
			assert.equal(error.message, `no log file at ${missing} (the runtime may run on another host or the container was removed)`);
			return true;
		});
		const dangling = join(dir, 'dangling.log');
		await symlink(join(dir, 'gone-json.log'), dangling);
		await assert.rejects(tailLog(dangling), /links to .*gone-json\.log, which is missing/);
		const permission = await describeLogError(Object.assign(new Error('x'), {code: 'EACCES'}), '/var/log/pods/a/b/0.log');
		assert.equal(permission.message, 'cannot read /var/log/pods/a/b/0.log: permission denied — run as root');
		await mkdir(join(dir, 'adir'));
		await assert.rejects(tailLog(join(dir, 'adir')), /not a (regular file|log file)/);
	});

	test('resolveLogPath puts the path under --host-root', () => {
		assert.equal(resolveLogPath('/var/log/pods/x/0.log', '/host'), '/host/var/log/pods/x/0.log');
		assert.equal(resolveLogPath('/var/log/pods/x/0.log'), '/var/log/pods/x/0.log');
	});
});

describe('followLog', () => {
	async function start(name: string, initial: string) {
		const path = join(dir, name);
		await writeFile(path, initial);
		const tail = await tailLog(path);
		const got: LogLine[] = [];
		const rotations: string[] = [];
		const errors: string[] = [];
		const follower = followLog(path, {
			offset: tail.offset, ino: tail.ino, pollMs: 20,
			onLines: lines => got.push(...lines), onError: e => errors.push(e.message), onRotate: how => rotations.push(how),
		});
		await follower.ready;
		return {path, got, rotations, errors, follower, tail};
	}

	test('appended lines arrive, a line written in two pieces arrives once whole', async () => {
		const f = await start('follow.log', cri(0) + `${time(1)} stdout F half`);
		try {
			assert.deepEqual(f.tail.lines.map(l => l.text), ['line 0']);
			await appendFile(f.path, ' and half\n');
			await appendFile(f.path, cri(2, 'stdout', 'P', 'p1') + cri(3, 'stdout', 'F', 'p2'));
			await until(() => f.got.length === 2);
			assert.deepEqual(f.got.map(l => l.text), ['half and half', 'p1p2']);
		} finally {
			f.follower.stop();
		}
	});

	test('rotation by rename: the rest of the old file, then the new file', async () => {
		const f = await start('rot.log', cri(0));
		try {
			await appendFile(f.path, cri(1));
			await rename(f.path, `${f.path}.1`);
			await appendFile(`${f.path}.1`, cri(2)); // the runtime may still flush into the old file
			await writeFile(f.path, cri(3));
			await until(() => f.got.length === 3);
			assert.deepEqual(f.got.map(l => l.text), ['line 1', 'line 2', 'line 3']);
			assert.ok(f.rotations.includes('renamed'));
			await appendFile(f.path, cri(4));
			await until(() => f.got.length === 4);
			assert.equal(f.got[3].text, 'line 4');
		} finally {
			f.follower.stop();
		}
	});

	test('rotation by truncation (copytruncate)', async () => {
		const f = await start('trunc.log', cri(0) + cri(1) + cri(2));
		try {
			await truncate(f.path, 0);
			await until(() => f.rotations.includes('truncated'));
			await appendFile(f.path, cri(9));
			await until(() => f.got.length === 1);
			assert.equal(f.got[0].text, 'line 9');
		} finally {
			f.follower.stop();
		}
	});

	test('the path missing for a while is reported once, then following resumes', async () => {
		const f = await start('gap.log', cri(0));
		try {
			await rm(f.path);
			await until(() => f.errors.length > 0);
			// Several more polls (every 20 ms) of the missing path say nothing more.
			await holdsFor(() => f.errors.length === 1, 100, 'one report of the missing path').catch(() => undefined);
			assert.equal(f.errors.length, 1);
			assert.match(f.errors[0], /no log file at/);
			await writeFile(f.path, cri(5));
			await until(() => f.got.length === 1);
			assert.equal(f.got[0].text, 'line 5');
		} finally {
			f.follower.stop();
		}
	});

	test('stop() ends delivery', async () => {
		const f = await start('stop.log', '');
		f.follower.stop();
		await appendFile(f.path, cri(1));
		// Several poll periods (20 ms) pass without delivery.
		await holdsFor(() => f.got.length === 0, 100, 'nothing delivered after stop()').catch(() => undefined);
		assert.equal(f.got.length, 0);
	});
});
