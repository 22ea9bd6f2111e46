import {test} from 'node:test';
import assert from 'node:assert/strict';
import {socketName, uniqueNames} from '../../source/format/endpoint-name.js';

test('a socket is named by its runtime, else by its folder when the file name says nothing', () => {
	assert.equal(socketName('/run/containerd/containerd.sock'), 'containerd');
	assert.equal(socketName('/run/crio/crio.sock'), 'crio');
	assert.equal(socketName('/var/run/cri-dockerd.sock'), 'cri-dockerd');
	assert.equal(socketName('/tmp/sim-b/cri.sock'), 'sim-b');
	assert.equal(socketName('/tmp/x/socket'), 'x');
	// Hostile characters never reach the screen or a key.
	assert.equal(socketName('/tmp/a\u001b[31mb\n.sock'), 'a_31mb_');
	assert.equal(socketName('/'), 'endpoint');
});

test('repeated names get -2, -3 without taking a name already given', () => {
	assert.deepEqual(uniqueNames(['containerd', 'containerd', 'containerd-2', 'crio']), ['containerd', 'containerd-3', 'containerd-2', 'crio']);
	assert.deepEqual(uniqueNames(['a', 'a', 'a']), ['a', 'a-2', 'a-3']);
});
