// A node over ssh: only its loopback streaming port is forwarded; the dial goes to the local socket.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {dialThroughNode} from '../../source/wire/exec-dial.js';
import {completeExecUrl} from '../../source/wire/exec-url.js';

test('a stream not on the node\'s loopback is refused with a sentence, nothing forwarded', async () => {
	const asked: number[] = [];
	const dial = dialThroughNode(async port => {
		asked.push(port);
		return '/nonexistent/tcp.sock';
	}, 'n1');
	await assert.rejects(dial('http://10.0.0.7:10010/cri/exec/x', {onStdout() {}}), /not on node n1's loopback/);
	assert.deepEqual(asked, []);
	// On the loopback: that port is forwarded (the dial then fails: nothing listens on the fake socket).
	await assert.rejects(dial('//127.0.0.1:41234/cri/exec/x', {onStdout() {}, connectTimeoutMs: 2000}));
	assert.deepEqual(asked, [41234]);
});

test('a ws+unix URL made for a forwarded socket is dialled as it is', () => {
	assert.equal(completeExecUrl('ws+unix:///tmp/s/tcp-1.sock:/cri/exec/x'), 'ws+unix:///tmp/s/tcp-1.sock:/cri/exec/x');
});
