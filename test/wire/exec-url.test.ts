// Exec URLs completed the way crictl completes them, and the bash → sh fallback's reading of every
// runtime's "no such program" form.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {completeExecUrl, endpointHost} from '../../source/wire/exec-url.js';
import {looksAbsent} from '../../source/wire/exec-shell.js';

describe('completeExecUrl', () => {
	test('scheme-less (cri-dockerd) → http, then ws', () => {
		assert.equal(completeExecUrl('//127.0.0.1:46089/cri/exec/AbCd-_12'), 'ws://127.0.0.1:46089/cri/exec/AbCd-_12');
		assert.equal(completeExecUrl('127.0.0.1:46089/exec/t'), 'ws://127.0.0.1:46089/exec/t');
	});

	test('http and https become ws and wss; the rest is kept', () => {
		assert.equal(completeExecUrl('http://127.0.0.1:1/exec/t?x=1'), 'ws://127.0.0.1:1/exec/t?x=1');
		assert.equal(completeExecUrl('https://node:10250/exec/t'), 'wss://node:10250/exec/t');
	});

	test('no host → the endpoint\'s (tcp), or the loopback for a unix socket', () => {
		assert.equal(completeExecUrl('/exec/t', 'tcp://10.0.0.5:2376'), 'ws://10.0.0.5/exec/t');
		assert.equal(completeExecUrl('/exec/t', 'unix:///run/cri-dockerd.sock'), 'ws://127.0.0.1/exec/t');
		assert.equal(endpointHost(undefined), '127.0.0.1');
	});

	test('what cannot be dialled is a sentence naming the URL', () => {
		assert.throws(() => completeExecUrl('ftp://h/x'), /exec URL "ftp:\/\/h\/x" has scheme ftp:/);
		assert.throws(() => completeExecUrl('http://[bad'), /exec URL "http:\/\/\[bad" is not a URL/);
	});
});

describe('looksAbsent: every runtime\'s form of "bash is not in this image"', () => {
	const v4 = 'v4.channel.k8s.io';
	test('containerd: an error status without exit code', () => {
		assert.equal(looksAbsent({code: -1, protocol: v4, message: 'Internal error occurred: failed to exec in container: failed to start exec "x": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown'}, 50, '', 3000), true);
	});

	test('CRI-O: 255 after the runtime\'s words on the stream', () => {
		assert.equal(looksAbsent({code: 255, protocol: v4}, 50, 'exec failed: unable to start container process: exec: "bash": executable file not found in $PATH\r\n', 3000), true);
		assert.equal(looksAbsent({code: 255, protocol: v4}, 50, '', 3000), false, 'a silent 255 is a shell that ended so');
	});

	test('cri-dockerd: 126 after "OCI runtime exec failed"; a wrapper\'s silent 126/127', () => {
		assert.equal(looksAbsent({code: 126, protocol: v4}, 50, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n', 3000), true);
		assert.equal(looksAbsent({code: 127, protocol: v4}, 50, '', 3000), true);
	});

	test('a shell that ran is not absent: its prompt was shown, or it lasted', () => {
		assert.equal(looksAbsent({code: 127, protocol: v4}, 50, 'root@x:/# exit 127\r\n', 3000), false);
		assert.equal(looksAbsent({code: 255, protocol: v4}, 5000, 'exec failed: executable file not found', 3000), false);
		assert.equal(looksAbsent({code: 0, protocol: v4}, 50, '', 3000), false);
	});
});
