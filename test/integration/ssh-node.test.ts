// A node reached over OpenSSH: a private sshd on 127.0.0.1 (its own keys), the real containerd's
// socket forwarded through it, the node's files read over the same connection, and the node
// marked lost the moment sshd goes away.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import {openSshNode, type SshNode} from '../../source/wire/ssh-node.js';
import {parseSshTarget} from '../../source/wire/ssh-target.js';
import {followNodeLog, readNodeLog, type NodeLogError} from '../../source/wire/ssh-logs.js';
import {parseLogRecord} from '../../source/wire/log-parse.js';
import {existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {waitFor} from '../support/wait.js';
import {startSshd, type Sshd} from '../support/sshd.js';

describe('real containerd over ssh', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let seeded: SeededNode;
	let sshd: Sshd | undefined;
	const nodes: SshNode[] = [];

	before(async () => {
		[tb, sshd] = await Promise.all([startContainerd(), startSshd()]);
		seeded = await seedNode(tb);
	});

	after(async () => {
		await Promise.all(nodes.map(n => n.close()));
		sshd?.stop();
		await tb?.stop();
	});

	test('the forwarded socket answers CRI: the same pods as the node itself', async () => {
		const node = await openSshNode(parseSshTarget(sshd!.url(tb!.socket)), {configFile: sshd!.clientConfig, timeoutMs: 20_000});
		nodes.push(node);
		assert.equal(node.remoteSocket, tb!.socket);
		const client = createCriClient({runtimeEndpoint: `unix://${node.localSocket}`, timeoutMs: 10_000});
		try {
			assert.equal((await client.version()).runtimeName, 'containerd');
			const pods = await client.listPodSandbox();
			assert.deepEqual(new Set(pods.items.map(p => p.id)), new Set(Object.values(seeded.pods).map(p => p.id)));
		} finally {
			client.close();
		}
		const hostname = await node.run('hostname');
		assert.equal(hostname.code, 0);
		assert.ok(hostname.stdout.toString().trim().length > 0);
	});

	test('logs are read on the node: a running container\'s lines, and they follow', async () => {
		const node = nodes[0]!;
		const {logger} = seeded.containers;
		const roots = [tb!.logRoot];
		const text = (await readNodeLog(node, logger.logPath, roots, 65_536)).toString('utf8');
		const lines = text.split('\n').filter(Boolean).map(l => parseLogRecord(l));
		assert.ok(lines.length > 0 && lines.every(l => l.format === 'cri'), `CRI log lines expected, got ${JSON.stringify(text.slice(0, 200))}`);
		const seen: Buffer[] = [];
		const follower = followNodeLog(node, logger.logPath, roots, {onData: c => seen.push(c), onEnd() {}});
		try {
			await waitFor(() => Buffer.concat(seen).toString('utf8').includes(' stdout '), {timeoutMs: 30_000, what: 'a new line from the follower'});
		} finally {
			follower.stop();
		}
	});

	test('a hostile log path never reaches the screen: outside the roots, a link out, a FIFO, a shell word', async t => {
		const node = nodes[0]!;
		const root = path.join(tb!.logRoot, 'hostile');
		mkdirSync(root, {recursive: true});
		writeFileSync('/tmp/crisock-secret-ssh', 'secret\n', {mode: 0o600});
		symlinkSync('/tmp/crisock-secret-ssh', path.join(root, 'link.log'));
		execFileSync('mkfifo', [path.join(root, 'fifo.log')]);
		const roots = [tb!.logRoot];
		t.after(() => rmSync('/tmp/crisock-secret-ssh', {force: true}));
		const refused = async (p: string, code: string) =>
			assert.rejects(readNodeLog(node, p, roots, 1000), (e: NodeLogError) => e.code === code && e.message.includes(p));
		await refused('/tmp/crisock-secret-ssh', 'outside');
		await refused(path.join(root, 'link.log'), 'outside');
		await refused(`${root}/${'../'.repeat(12)}tmp/crisock-secret-ssh`, 'outside');
		await refused(path.join(root, 'fifo.log'), 'not-file');
		const injected = `${root}/x'; touch /tmp/crisock-pwned-ssh; echo '`;
		await assert.rejects(readNodeLog(node, injected, roots, 1000));
		assert.equal(existsSync('/tmp/crisock-pwned-ssh'), false);
	});

	test('an unreachable node is one sentence within the timeout, naming it', async () => {
		const started = Date.now();
		await assert.rejects(
			openSshNode(parseSshTarget('ssh://root@127.0.0.1:1/run/x.sock'), {configFile: sshd!.clientConfig, timeoutMs: 5000}),
			(error: Error) => /cannot reach node ssh:\/\/root@127\.0\.0\.1:1\/run\/x\.sock over ssh: .*refused/i.test(error.message));
		assert.ok(Date.now() - started < 30_000);
	});

	test('killing sshd: the node is lost, and its socket stops answering', async () => {
		const node = await openSshNode(parseSshTarget(sshd!.url(tb!.socket)), {configFile: sshd!.clientConfig, timeoutMs: 20_000});
		nodes.push(node);
		let lostWith: string | undefined;
		void node.lost.then(words => {
			lostWith = words;
		});
		sshd!.kill();
		const words = await node.lost;
		assert.equal(typeof words, 'string');
		assert.notEqual(lostWith, undefined);
		const client = createCriClient({runtimeEndpoint: `unix://${node.localSocket}`, timeoutMs: 3000});
		try {
			await assert.rejects(client.version());
		} finally {
			client.close();
		}
	});
});
