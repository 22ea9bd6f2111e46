import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseSshTarget, shellWord, shortNodeName} from '../../source/wire/ssh-target.js';
import {checkedLogScript} from '../../source/wire/ssh-logs.js';

test('ssh:// node addresses: user, host, port and socket path', () => {
	assert.deepEqual(parseSshTarget('ssh://node1'), {raw: 'ssh://node1', user: undefined, host: 'node1', port: undefined, socketPath: undefined});
	assert.deepEqual(parseSshTarget('ssh://root@10.0.0.5:2222/run/containerd/containerd.sock'),
		{raw: 'ssh://root@10.0.0.5:2222/run/containerd/containerd.sock', user: 'root', host: '10.0.0.5', port: 2222, socketPath: '/run/containerd/containerd.sock'});
	assert.equal(parseSshTarget('ssh://[::1]:22').host, '::1');
	assert.equal(parseSshTarget('ssh://[::1]:22').port, 22);
	assert.equal(shortNodeName(parseSshTarget('ssh://worker-3.prod.example.com')), 'worker-3');
	assert.equal(shortNodeName(parseSshTarget('ssh://10.0.0.5')), '10.0.0.5');
});

test('addresses that could smuggle an ssh option or a shell word are refused with a sentence', () => {
	for (const bad of ['node1', 'ssh://-oProxyCommand=x', 'ssh://a;b', 'ssh://root@', 'ssh://x:99999', 'ssh://-l@x', 'ssh://x/run/a b.sock', 'ssh://x/run/../etc/s.sock', "ssh://x/r'.sock", 'ssh://x/a:b']) {
		assert.throws(() => parseSshTarget(bad), (e: Error) => e.message.startsWith(`--node ${bad}`) && e.message.includes('ssh://[user@]host'), bad);
	}
});

test('a hostile path is one single-quoted word in the node-side script', () => {
	assert.equal(shellWord(`a'b`), `'a'\\''b'`);
	const script = checkedLogScript(`/var/log/pods/x'; rm -rf / #`, ['/var/log/pods'], 'tail -c 10');
	assert.ok(script.includes(`readlink -f -- '/var/log/pods/x'\\''; rm -rf / #'`));
	assert.ok(script.includes(`'/var/log/pods'/*) ;;`));
});
