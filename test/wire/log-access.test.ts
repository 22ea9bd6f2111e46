// A runtime names the log file and this tool runs as root: only regular files under the log
// roots, resolved inside the host root like a chroot, are read, and only their log-format lines
// are shown. Every case here is a path a hostile runtime could hand back.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmod, mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openLogFile, resolveInRoot, type LogAccess} from '../../source/wire/log-access.js';
import {resolveLogPath, tailLog} from '../../source/wire/log-reader.js';

const SECRET = 'root:$6$secret-hash:19000:0:99999:7:::';
const line = (text: string) => `2026-11-23T02:24:59.123456789Z stdout F ${text}\n`;

let host: string;
let access: LogAccess;
before(async () => {
	// A node's filesystem mounted at `host` (--host-root), with a secret outside the log roots.
	host = await mkdtemp(join(tmpdir(), 'crisock-access-'));
	await mkdir(join(host, 'etc'), {recursive: true});
	await writeFile(join(host, 'etc', 'shadow'), `${SECRET}\n`);
	await chmod(join(host, 'etc', 'shadow'), 0o600);
	await mkdir(join(host, 'var/log/pods/ns_web_uid/web'), {recursive: true});
	await mkdir(join(host, 'var/lib/docker/containers/abc'), {recursive: true});
	await writeFile(join(host, 'var/log/pods/ns_web_uid/web/0.log'), line('hello from web'));
	await writeFile(join(host, 'var/lib/docker/containers/abc/abc-json.log'), `${JSON.stringify({log: 'from docker\n', stream: 'stdout', time: '2026-11-23T02:24:59.1Z'})}\n`);
	// cri-dockerd: an absolute link, meant for the node's /, not this machine's.
	await symlink('/var/lib/docker/containers/abc/abc-json.log', join(host, 'var/log/pods/ns_web_uid/web/1.log'));
	await symlink('/etc/shadow', join(host, 'var/log/pods/ns_web_uid/web/2.log'));
	await symlink('../../../../../../../../etc/shadow', join(host, 'var/log/pods/ns_web_uid/web/3.log'));
	await symlink(join(host, 'etc', 'shadow'), join(host, 'var/log/pods/ns_web_uid/web/4.log'));
	await symlink('loop-b', join(host, 'var/log/pods/ns_web_uid/web/loop-a'));
	await symlink('loop-a', join(host, 'var/log/pods/ns_web_uid/web/loop-b'));
	execFileSync('mkfifo', [join(host, 'var/log/pods/ns_web_uid/web/fifo.log')]);
	await writeFile(join(host, 'var/log/pods/ns_web_uid/web/shadow-copy.log'), `${SECRET}\nnot a log line either\n`);
	access = {hostRoot: host};
});
after(async () => {
	await rm(host, {recursive: true, force: true});
});

const read = (nodePath: string) => tailLog(resolveLogPath(nodePath, host), {lines: 50, access});

describe('log files under --host-root', () => {
	test('a CRI log under /var/log/pods is read', async () => {
		const r = await read('/var/log/pods/ns_web_uid/web/0.log');
		assert.deepEqual(r.lines.map(l => l.text), ['hello from web']);
	});

	test("cri-dockerd's absolute link resolves inside the host root, to Docker's json-file log", async () => {
		const r = await read('/var/log/pods/ns_web_uid/web/1.log');
		assert.deepEqual(r.lines.map(l => l.text), ['from docker']);
	});

	test('a root-only file named directly is refused, naming the log roots', async () => {
		await assert.rejects(read('/etc/shadow'), (error: Error & {code: string}) => {
			assert.equal(error.code, 'outside');
			assert.match(error.message, /refusing to read .*\/etc\/shadow as a log: it is not under a log directory .*--log-root/);
			assert.ok(!error.message.includes(SECRET));
			return true;
		});
	});

	for (const [name, file] of [['an absolute symlink', '2.log'], ['a ../ symlink', '3.log']] as const) {
		test(`${name} to the root-only file is refused`, async () => {
			await assert.rejects(read(`/var/log/pods/ns_web_uid/web/${file}`), {code: 'outside', message: /which leads to .*\/etc\/shadow/});
		});
	}

	test("a symlink to this machine's path of the secret is followed inside the host root, where it does not exist", async () => {
		await assert.rejects(read('/var/log/pods/ns_web_uid/web/4.log'), (error: Error & {code: string}) => {
			assert.equal(error.code, 'not-found');
			assert.ok(!error.message.includes(SECRET));
			return true;
		});
	});

	test('a ../ log path stops at the host root, as in a chroot', async () => {
		assert.equal(resolveLogPath('/var/log/pods/../../../../../etc/shadow', host), join(host, 'etc/shadow'));
		await assert.rejects(read('/var/log/pods/../../../../../etc/shadow'), {code: 'outside'});
		assert.equal((await resolveInRoot(host, '/var/../../../../etc/shadow')).nodePath, '/etc/shadow');
	});

	test('a FIFO is refused at once, without blocking', async () => {
		const started = Date.now();
		await assert.rejects(read('/var/log/pods/ns_web_uid/web/fifo.log'), {code: 'not-file', message: /it is a FIFO \(named pipe\), not a regular file/});
		assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
	});

	test('a socket and a directory are refused with what they are', async () => {
		const socketPath = join(host, 'var/log/pods/ns_web_uid/web/sock.log');
		const server = net.createServer();
		await new Promise<void>(resolve => server.listen(socketPath, resolve));
		try {
			await assert.rejects(read('/var/log/pods/ns_web_uid/web/sock.log'), {code: 'not-file', message: /it is a socket/});
			await assert.rejects(read('/var/log/pods/ns_web_uid/web'), {code: 'not-file', message: /it is a directory/});
		} finally {
			server.close();
		}
	});

	test('a symlink loop gives a sentence, not a hang', async () => {
		await assert.rejects(read('/var/log/pods/ns_web_uid/web/loop-a'), {message: /too many symbolic links/});
	});

	test('a file under a log root with no log-format line shows nothing of itself, only the count', async () => {
		const r = await read('/var/log/pods/ns_web_uid/web/shadow-copy.log');
		assert.deepEqual(r.lines, []);
		assert.equal(r.rejected, 2);
	});

	test('a path outside the host root is refused before anything is opened', async () => {
		await assert.rejects(tailLog('/etc/passwd', {access}), {code: 'outside', message: /outside the node's root/});
	});
});

describe('log files on this machine (no host root)', () => {
	test('the default roots refuse a temp file; an added root allows it', async () => {
		const file = join(host, 'var/log/pods/ns_web_uid/web/0.log');
		await assert.rejects(tailLog(file, {access: {}}), {code: 'outside'});
		const r = await tailLog(file, {access: {roots: [join(host, 'var/log/pods')]}});
		assert.deepEqual(r.lines.map(l => l.text), ['hello from web']);
	});

	test('without a host root an absolute link is followed on this machine, and the open is of the resolved regular file', async () => {
		await assert.rejects(openLogFile(join(host, 'var/log/pods/ns_web_uid/web/1.log'), {roots: [host]}), {code: 'ENOENT'});
		const opened = await openLogFile(join(host, 'var/log/pods/ns_web_uid/web/0.log'), {roots: [host]});
		try {
			assert.equal(opened.realPath, join(host, 'var/log/pods/ns_web_uid/web/0.log'));
			assert.ok(opened.stat.isFile());
		} finally {
			await opened.handle.close();
		}
	});
});
