// --nodes FILE is untrusted input: one ssh:// address a line, # comments, read bounded; a bad
// line or a file that is not a regular file is a sentence naming it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import {parseNodeTargets, readNodesFile, sshWords} from '../source/open-nodes.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-nodes-'));
test.after(() => rmSync(dir, {recursive: true, force: true}));
const file = (name: string, text: string) => {
	const p = path.join(dir, name);
	writeFileSync(p, text);
	return p;
};

test('one address a line; comments and blank lines are skipped', async () => {
	const p = file('ok', '# the rack\nssh://n1\n\n  ssh://root@n2:2222/run/crio/crio.sock  # CRI-O\n');
	assert.deepEqual(await readNodesFile(p), ['ssh://n1', 'ssh://root@n2:2222/run/crio/crio.sock']);
	const targets = parseNodeTargets(await readNodesFile(p));
	assert.deepEqual(targets.map(t => [t.host, t.port, t.user, t.socketPath]), [['n1', undefined, undefined, undefined], ['n2', 2222, 'root', '/run/crio/crio.sock']]);
	assert.deepEqual(sshWords(targets[1]!, '/etc/ssh/fleet'), ['ssh', '-F', '/etc/ssh/fleet', '-p', '2222', 'root@n2']);
});

test('a bad line, a missing file, a folder or a huge file: a sentence naming it', async () => {
	await assert.rejects(readNodesFile(file('two', 'ssh://a ssh://b\n')), /--nodes .*two line 1: one ssh:\/\/ address per line/);
	await assert.rejects(readNodesFile(path.join(dir, 'missing')), /--nodes .*missing does not exist/);
	mkdirSync(path.join(dir, 'folder'));
	await assert.rejects(readNodesFile(path.join(dir, 'folder')), /--nodes .*folder/);
	await assert.rejects(readNodesFile(file('huge', 'ssh://n1\n'.repeat(20_000))), /--nodes .*huge/);
	// An address that would smuggle an option into ssh is refused before anything opens.
	assert.throws(() => parseNodeTargets(['ssh://-oProxyCommand=x']), /--node ssh:\/\/-oProxyCommand=x/);
	assert.throws(() => parseNodeTargets(Array.from({length: 300}, (_, i) => `ssh://n${i}`)), /at most 256/);
});
