import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {initialNodeData, nodeDataReducer, type NodeData, type NodeDataAction} from '../../source/state/node-data.js';
import {startPoller, reconnectDelays, partFailure} from '../../source/state/poller.js';
import {CriError} from '../../source/wire/errors.js';
import {fakeClient, fakeNode, pod} from './fake-client.js';

// Manual timers: the test decides when time passes.
function manualTimers() {
	let pending: Array<{fn: () => void; ms: number; id: number}> = [];
	let next = 1;
	return {
		timers: {
			setTimeout(fn: () => void, ms: number) {
				const id = next++;
				pending.push({fn, ms, id});
				return id;
			},
			clearTimeout(id: unknown) {
				pending = pending.filter(p => p.id !== id);
			},
		},
		fire() {
			const all = pending;
			pending = [];
			for (const p of all) p.fn();
			return all.map(p => p.ms);
		},
		get delays() {
			return pending.map(p => p.ms);
		},
	};
}

const settle = () => new Promise(resolve => setImmediate(resolve));

function harness(node = fakeNode()) {
	let state: NodeData = initialNodeData('/run/fake.sock');
	const dispatch = (a: NodeDataAction) => {
		state = nodeDataReducer(state, a);
	};
	const clock = manualTimers();
	let connects = 0;
	const fatal: Error[] = [];
	return {
		node, clock, fatal,
		get state() {
			return state;
		},
		get connects() {
			return connects;
		},
		start(withFatal = false) {
			return startPoller({
				connect: () => {
					connects++;
					return fakeClient(node);
				},
				runtimeEndpoint: '/run/fake.sock', imageEndpoint: '/run/fake.sock', intervalMs: 2000, dispatch,
				timers: clock.timers, now: () => 1000,
				onFatal: withFatal ? e => fatal.push(e) : undefined,
			});
		},
	};
}

describe('startPoller', () => {
	test('Version once, then every part in parallel', async () => {
		const h = harness(fakeNode({pods: [pod('p1', 'web')]}));
		const p = h.start();
		await settle();
		assert.equal(h.state.connection.phase, 'live');
		assert.deepEqual(h.node.calls.sort(), ['ListContainers', 'ListImages', 'ListPodSandbox', 'Status', 'Version']);
		assert.equal(h.state.pods[0].id, 'p1');
		h.clock.fire();
		await settle();
		assert.equal(h.node.calls.filter(c => c === 'Version').length, 1);
		assert.equal(h.node.calls.filter(c => c === 'ListPodSandbox').length, 2);
		p.dispose();
	});

	test('setIntervalMs: longer waits from now; shorter polls at once; a reconnect keeps its backoff', async () => {
		const h = harness(fakeNode());
		const p = h.start();
		await settle();
		assert.deepEqual(h.clock.delays, [2000]);
		p.setIntervalMs(30_000);
		assert.deepEqual(h.clock.delays, [30_000], 'the slow poll replaces the pending tick');
		const before = h.node.calls.length;
		p.setIntervalMs(2000);
		await settle();
		assert.equal(h.node.calls.length - before, 4, 'the stream broke: every part polled at once');
		assert.deepEqual(h.clock.delays, [2000]);
		// While reconnecting, a new period must not replace the reconnect attempt.
		h.node.failing.set('Status', 'unavailable');
		h.clock.fire();
		await settle();
		assert.equal(h.state.connection.phase, 'disconnected');
		const reconnect = h.clock.delays;
		p.setIntervalMs(30_000);
		assert.deepEqual(h.clock.delays, reconnect);
		p.dispose();
	});

	test('a slow part is skipped, not piled up', async () => {
		const node = fakeNode();
		node.hanging.add('ListContainers');
		const h = harness(node);
		const p = h.start();
		await settle();
		h.clock.fire();
		await settle();
		h.clock.fire();
		await settle();
		assert.equal(node.calls.filter(c => c === 'ListContainers').length, 1);
		assert.equal(node.calls.filter(c => c === 'ListImages').length, 3);
		p.dispose();
	});

	test('a refresh asked while a list is in flight lists once more when it lands (the answer may predate the change)', async () => {
		const node = fakeNode({pods: [pod('p1', 'web')]});
		const held: Array<() => void> = [];
		let state: NodeData = initialNodeData('/run/fake.sock');
		const clock = manualTimers();
		const p = startPoller({
			connect() {
				const client = fakeClient(node);
				const list = client.listPodSandbox.bind(client);
				// Each ListPodSandbox answers only when the test lets it.
				client.listPodSandbox = async filter => new Promise(resolve => {
					held.push(() => resolve(list(filter)));
				});
				return client;
			},
			runtimeEndpoint: '/run/fake.sock', imageEndpoint: '/run/fake.sock', intervalMs: 2000, timers: clock.timers, now: () => 1000,
			dispatch(a) {
				state = nodeDataReducer(state, a);
			},
		});
		await settle();
		assert.equal(held.length, 1, 'the first list is in flight');
		// The pod goes while that answer is on its way; an event asks for a refresh.
		node.pods = [];
		p.refresh();
		p.refresh();
		await settle();
		assert.equal(held.length, 1, 'not piled up: still one call in flight');
		held.shift()!();
		await settle();
		assert.equal(held.length, 1, 'listed again once the old answer landed, once for both asks');
		held.shift()!();
		await settle();
		assert.deepEqual(state.pods, []);
		assert.equal(held.length, 0);
		p.dispose();
	});

	test('UNIMPLEMENTED blanks only that part, naming the runtime', async () => {
		const node = fakeNode();
		node.version = {...node.version, runtimeName: 'docker'};
		node.failing.set('Status', 'unimplemented');
		const h = harness(node);
		const p = h.start();
		await settle();
		assert.equal(h.state.connection.phase, 'live');
		assert.equal(h.state.partErrors.status, 'not supported by docker');
		assert.equal(h.state.loaded.pods, true);
		p.dispose();
	});

	test('loss keeps data, reconnects with capped backoff and a fresh client', async () => {
		const h = harness(fakeNode({pods: [pod('p1', 'web')]}));
		const p = h.start();
		await settle();
		h.node.failing.set('ListPodSandbox', 'unavailable');
		h.node.failing.set('Version', 'unavailable');
		h.clock.fire();
		await settle();
		assert.equal(h.state.connection.phase, 'disconnected');
		assert.equal(h.state.pods.length, 1, 'last data kept');
		const seen: number[] = [];
		for (let i = 0; i < 5; i++) {
			seen.push(...h.clock.delays);
			h.clock.fire();
			await settle();
		}

		assert.deepEqual(seen, [reconnectDelays[0], reconnectDelays[1], 1000, 1000, 1000], 'backing off to at most 1 s');
		h.node.failing.clear();
		h.clock.fire();
		await settle();
		assert.equal(h.state.connection.phase, 'live');
		assert.ok(h.connects >= 6);
		assert.equal(h.state.partErrors.pods, undefined);
		p.dispose();
	});

	test('first failure with onFatal reports once and stops', async () => {
		const node = fakeNode();
		node.failing.set('Version', 'not-grpc');
		const h = harness(node);
		h.start(true);
		await settle();
		assert.equal(h.fatal.length, 1);
		assert.match(h.fatal[0].message, /Version failed/);
		assert.deepEqual(h.clock.delays, [], 'nothing scheduled');
	});

	test('after dispose no answer lands', async () => {
		const h = harness();
		const p = h.start();
		p.dispose();
		await settle();
		assert.equal(h.state.connection.phase, 'connecting');
	});

	test('a call past its deadline is its pane\'s: the connection stays live, the other parts keep loading', async () => {
		const h = harness(fakeNode({pods: [pod('p1', 'web')]}));
		const p = h.start();
		await settle();
		h.node.failing.set('ListContainers', 'deadline');
		h.clock.fire();
		await settle();
		assert.equal(h.state.connection.phase, 'live');
		assert.match(h.state.partErrors.containers ?? '', /^ListContainers timed out/);
		assert.equal(h.state.partErrors.pods, undefined);
		assert.equal(h.state.pods.length, 1);
		// It answers again: the sentence goes.
		h.node.failing.delete('ListContainers');
		h.clock.fire();
		await settle();
		assert.equal(h.state.partErrors.containers, undefined);
		p.dispose();
	});

	test('partFailure: lost only for the runtime\'s own socket; deadlines and a separate image socket are sentences', () => {
		const client = {runtimeEndpoint: '/run/containerd/containerd.sock', imageEndpoint: '/run/images.sock'};
		const same = {runtimeEndpoint: '/run/containerd/containerd.sock', imageEndpoint: '/run/containerd/containerd.sock'};
		const deadline = new CriError('ListContainers got no answer …', 'deadline', 'ListContainers', client.runtimeEndpoint, 4, 2000);
		assert.deepEqual(partFailure(deadline, 'containers', client), {lost: false, message: 'ListContainers timed out after 2s (asked again at the next refresh; -t raises the deadline)'});
		assert.match(partFailure(new CriError('x', 'deadline', 'Status', client.runtimeEndpoint, 4, 1500), 'status', client).message, /^Status timed out after 1\.5s/);
		const gone = new CriError('no runtime socket at /run/containerd/containerd.sock: …', 'unavailable', 'ListPodSandbox', client.runtimeEndpoint);
		assert.equal(partFailure(gone, 'pods', client).lost, true);
		const badImages = new CriError('the image endpoint /run/images.sock is a regular file, not a unix socket: …', 'not-socket', 'ListImages', client.imageEndpoint);
		assert.deepEqual(partFailure(badImages, 'images', client), {lost: false, message: badImages.message});
		// The same error on a shared socket is the runtime's: lost.
		assert.equal(partFailure(new CriError('x', 'not-socket', 'ListImages', same.imageEndpoint), 'images', same).lost, true);
		assert.deepEqual(partFailure(new CriError('x', 'unimplemented', 'Status', same.runtimeEndpoint), 'status', same, 'docker'), {lost: false, message: 'not supported by docker'});
		const noImageService = new CriError('/run/containerd/containerd.sock offers no CRI image service (runtime.v1 ImageService unimplemented): …', 'unimplemented', 'ListImages', same.imageEndpoint);
		assert.equal(partFailure(noImageService, 'images', same, 'containerd').message, noImageService.message);
	});
});
