// The health ranking: crashed containers first with the exit code explained, then the rest.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Container, ContainerStatus} from '../../source/model/cri-types.js';
import {explainExit, nodeHealth} from '../../source/state/node-health.js';
import {container, pod} from './fake-client.js';

const exited = (c: Container, _exitCode: number) => ({...c, state: 'CONTAINER_EXITED'} as Container);
const status = (c: Container, exitCode: number, reason: string): ContainerStatus => ({id: c.id, exitCode, reason, message: ''} as unknown as ContainerStatus);

test('exit codes are explained as a person on a node reads them', () => {
	assert.match(explainExit(137, 'OOMKilled'), /OOM killer/);
	assert.match(explainExit(137, 'Error'), /killed \(SIGKILL\)/);
	assert.match(explainExit(143), /SIGTERM/);
	assert.match(explainExit(139), /SIGSEGV/);
	assert.match(explainExit(1), /application error/);
	assert.match(explainExit(2), /application error/);
	assert.match(explainExit(126), /not executable/);
	assert.match(explainExit(127), /not found/);
	assert.match(explainExit(3), /application's own error code/);
});

test('the crashed container comes first, OOM above a plain error; crash loops above both; healthy ones are not listed', () => {
	const p = pod('p1'.padEnd(64, '0'), 'web');
	const running = container('a'.repeat(64), 'nginx', p.id);
	const crashed = exited(container('b'.repeat(64), 'worker', p.id), 1);
	const oom = exited(container('c'.repeat(64), 'cache', p.id), 137);
	const loop = {...container('d'.repeat(64), 'api', p.id), metadata: {name: 'api', attempt: 5}} as Container;
	const statuses = new Map([[crashed.id, status(crashed, 1, 'Error')], [oom.id, status(oom, 137, 'OOMKilled')]]);
	const base = {conditions: [], pods: [p], now: Date.now()};

	const items = nodeHealth({...base, containers: [running, crashed, oom], statuses});
	assert.deepEqual(items.map(i => i.target?.name), ['cache', 'worker']);
	assert.match(items[0].title, /cache in .* exited with code 137/);
	assert.match(items[0].detail, /OOM killer/);
	assert.deepEqual(items[0].crictl, ['inspect', oom.id.slice(0, 13)]);

	const withLoop = nodeHealth({...base, containers: [running, crashed, oom, loop], statuses, conditions: [{type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'cni config uninitialized'}]});
	assert.match(withLoop[0].title, /runtime condition NetworkReady is false/);
	assert.match(withLoop[1].title, /api in .* is crash-looping \(attempt 5/);
	assert.deepEqual(withLoop[1].crictl, ['logs', '-p', loop.id.slice(0, 13)]);

	const notReady = nodeHealth({...base, containers: [], statuses, pods: [pod('e'.repeat(64), 'batch', 'default', 'SANDBOX_NOTREADY')]});
	assert.match(notReady[0].title, /pod batch is not Ready/);
});
