// warm-connect.ts: the first calls go out before the dashboard loads; the CLI waits (bounded) for
// Version before evaluating the UI and for the rest after; the answers in hand seed the first frame
// and the poller's first calls take them, so its dispatches change nothing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {performance} from 'node:perf_hooks';
import {warmConnect} from '../source/warm-connect.js';
import {initialNodeData, nodeDataReducer, type NodeDataAction} from '../source/state/node-data.js';
import {startPoller} from '../source/state/poller.js';
import {fakeClient, fakeNode, pod, container, image, type FakeNode} from './state/fake-client.js';
import {waitFor} from './support/wait.js';

const sock = '/run/fake.sock';

function sample(): FakeNode {
	const p = pod('a'.repeat(64), 'web-1');
	return fakeNode({pods: [p], containers: [container('c'.repeat(64), 'nginx', p.id)], images: [image('sha256:' + 'f'.repeat(64), 'nginx:1.25')]});
}

function counted(node: FakeNode) {
	let connects = 0;
	return {connect: () => {
		connects++;
		return fakeClient(node, sock);
	}, get connects() {
		return connects;
	}};
}

test('a runtime that answers: Version and the four parts seed the first state, each asked once', async () => {
	const node = sample();
	const c = counted(node);
	const warm = warmConnect(c.connect, sock, sock, true);
	assert.deepEqual([...node.calls].sort(), ['ListContainers', 'ListImages', 'ListPodSandbox', 'Status', 'Version']);
	await warm.connected(10_000);
	await warm.settled({answeredMs: 10_000, silentMs: 10_000});
	const seed = warm.seed();
	assert.deepEqual(seed.map(a => (a.type === 'part-loaded' ? a.payload.part : a.type)), ['connected', 'status', 'pods', 'containers', 'images']);
	const seeded = seed.reduce(nodeDataReducer, initialNodeData(sock));
	assert.equal(seeded.connection.phase, 'live');
	assert.deepEqual(seeded.containers.map(x => x.metadata?.name), ['nginx']);
	assert.deepEqual(seeded.loaded, {status: true, pods: true, containers: true, images: true});

	// The poller takes the warm client and its answers: no second round trip, and its first
	// dispatches leave the seeded state as it is (nothing to render again).
	let state = seeded;
	const dispatched: NodeDataAction[] = [];
	const poller = startPoller({
		connect: warm.connect, runtimeEndpoint: sock, imageEndpoint: sock, intervalMs: 60_000, now: () => (seed[1] as {at: number}).at,
		dispatch(action) {
			dispatched.push(action);
			state = nodeDataReducer(state, action);
		},
	});
	try {
		await waitFor(() => dispatched.length >= 5, 'the poller\'s first round');
		assert.equal(c.connects, 1);
		assert.equal(node.calls.length, 5, node.calls.join(' '));
		assert.equal(state, seeded, 'the first round changed the seeded state');
	} finally {
		poller.dispose();
	}
});

test('a runtime that never answers: both waits end at their caps and nothing is seeded', async () => {
	const node = sample();
	for (const rpc of ['Version', 'Status', 'ListPodSandbox', 'ListContainers', 'ListImages']) node.hanging.add(rpc);
	const warm = warmConnect(counted(node).connect, sock, sock, true);
	let t0 = performance.now();
	await warm.connected(40);
	const connectedMs = performance.now() - t0;
	t0 = performance.now();
	// Version silent: the shorter cap applies.
	await warm.settled({answeredMs: 5_000, silentMs: 40});
	const settledMs = performance.now() - t0;
	assert.ok(connectedMs >= 35 && connectedMs < 4_000, `connected after ${connectedMs} ms`);
	assert.ok(settledMs >= 35 && settledMs < 4_000, `settled after ${settledMs} ms`);
	assert.deepEqual(warm.seed(), []);
});

test('a runtime that refuses: the waits end with the failure, nothing is seeded and the poller sees the error', async () => {
	const node = sample();
	node.failing.set('Version', 'unavailable');
	node.failing.set('ListContainers', 'unavailable');
	const warm = warmConnect(counted(node).connect, sock, sock, true);
	const t0 = performance.now();
	await warm.connected(30_000);
	await warm.settled({answeredMs: 30_000, silentMs: 30_000});
	assert.ok(performance.now() - t0 < 10_000);
	assert.deepEqual(warm.seed(), []);
	const client = warm.connect(sock, sock);
	await assert.rejects(client.version(), /Version failed \(unavailable\)/);
	// Version is not asked again (a refusal is the poller's to handle, as before).
	assert.equal(node.calls.filter(c => c === 'Version').length, 1);
});

test('Version answered but a list still on its way: the first frame gets what is in hand', async () => {
	const node = sample();
	node.hanging.add('ListContainers');
	const warm = warmConnect(counted(node).connect, sock, sock, true);
	await warm.connected(10_000);
	await warm.settled({answeredMs: 40, silentMs: 40});
	assert.deepEqual(warm.seed().map(a => (a.type === 'part-loaded' ? a.payload.part : a.type)), ['connected', 'status', 'pods', 'images']);
});

test('no warm-up (the picker, a failed endpoint): connect passes through and nothing waits or seeds', async () => {
	const node = sample();
	const c = counted(node);
	const warm = warmConnect(c.connect, sock, sock, false);
	assert.equal(c.connects, 0);
	await warm.connected(60_000);
	await warm.settled({answeredMs: 60_000, silentMs: 60_000});
	assert.deepEqual(warm.seed(), []);
	warm.connect(sock, sock);
	assert.equal(c.connects, 1);
});

test('another endpoint than the warmed one gets a fresh client and the warm one is closed', () => {
	const node = sample();
	const clients: Array<ReturnType<typeof fakeClient>> = [];
	const warm = warmConnect((r) => {
		const client = fakeClient(node, r);
		clients.push(client);
		return client;
	}, sock, sock, true);
	const other = warm.connect('/run/other.sock', '/run/other.sock');
	assert.equal(other.runtimeEndpoint, '/run/other.sock');
	assert.equal(clients.length, 2);
	assert.equal(clients[0]!.closed, true);
});
