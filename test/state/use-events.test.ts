import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {appendEvents, diffContainers, eventFromStream} from '../../source/state/node-events.js';
import {startEventFeed} from '../../source/state/use-events.js';
import {CriError} from '../../source/wire/errors.js';
import type {Container, ContainerEventResponse, ContainerStatus} from '../../source/model/cri-types.js';
import {holdsFor, turns, waitFor} from '../support/wait.js';

const container = (id: string, state: Container['state'], name = id): Container => ({
	id, podSandboxId: 'pod', metadata: {name, attempt: 0}, image: null, imageRef: '', state, createdAt: '0', labels: {}, annotations: {}, imageId: '',
});

describe('diffContainers (runtimes without GetContainerEvents)', () => {
	test('new id → created (+started/stopped as far as it got), state change → started/stopped, gone → deleted', () => {
		const before = [container('a', 'CONTAINER_CREATED'), container('b', 'CONTAINER_RUNNING'), container('c', 'CONTAINER_EXITED')];
		const after = [container('a', 'CONTAINER_RUNNING'), container('b', 'CONTAINER_EXITED'), container('d', 'CONTAINER_RUNNING'), container('e', 'CONTAINER_CREATED')];
		const events = diffContainers(before, after, 1000).map(e => `${e.kind} ${e.containerId}`);
		assert.deepEqual(events, ['started a', 'stopped b', 'created d', 'started d', 'created e', 'deleted c']);
		assert.ok(diffContainers(after, after, 1).length === 0);
	});

	test('a container that came and exited between refreshes shows its whole life', () => {
		const events = diffContainers([], [container('x', 'CONTAINER_EXITED', 'job')], 5);
		assert.deepEqual(events.map(e => e.kind), ['created', 'started', 'stopped']);
		assert.equal(events[0].name, 'job');
		assert.equal(events[0].source, 'diff');
	});

	test('a list with the same containers at the same places gives the events a list in another order gives', () => {
		const states: Array<Container['state']> = ['CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_UNKNOWN'];
		const before = Array.from({length: 40}, (_, i) => container(`c${i}`, states[i % 4]!));
		// Unchanged objects kept (as the wire layer keeps them), every change of state tried once.
		const after = before.map((c, i) => (i % 3 === 0 ? c : {...c, state: states[(i + 1 + (i >> 2)) % 4]!}));
		const inPlace = diffContainers(before, after, 9).map(e => `${e.kind} ${e.containerId}`);
		const reordered = diffContainers([...before].reverse(), after, 9).map(e => `${e.kind} ${e.containerId}`);
		assert.ok(inPlace.length > 10, 'changes found');
		assert.deepEqual(inPlace, reordered);
	});
});

test('eventFromStream: time from createdAt (ns), name and exit code from the carried status', () => {
	const event: ContainerEventResponse = {
		containerId: 'abc', containerEventType: 'CONTAINER_STOPPED_EVENT', createdAt: '1795400699123456789',
		podSandboxStatus: {id: 'pod1'} as never,
		containersStatuses: [{id: 'abc', metadata: {name: 'web', attempt: 2}, exitCode: 137} as ContainerStatus],
	};
	assert.deepEqual(eventFromStream(event), {at: 1795400699123, kind: 'stopped', containerId: 'abc', object: 'container', name: 'web', podSandboxId: 'pod1', podName: '', source: 'stream', exitCode: 137});
});

test('appendEvents keeps the newest within the limit', () => {
	const e = (n: number) => ({at: n, kind: 'created' as const, containerId: String(n), object: 'container' as const, name: '', podSandboxId: '', podName: '', source: 'diff' as const});
	assert.deepEqual(appendEvents([e(1), e(2)], [e(3), e(4)], 3).map(x => x.at), [2, 3, 4]);
});

describe('startEventFeed', () => {
	test('UNIMPLEMENTED (containerd 1.6, cri-dockerd) switches to diff for good', async () => {
		const sources: string[] = [];
		let subscribed = 0;
		const client = {containerEvents: (_on: unknown, onError: (e: Error) => void) => {
			subscribed++;
			setImmediate(() => onError(new CriError('GetContainerEvents is not implemented', 'unimplemented', 'GetContainerEvents', '/s', 12)));
			return {cancel() {}};
		}};
		const feed = startEventFeed({client, runtimeName: 'containerd', onEvent() {}, onSource: (s, note) => sources.push(`${s}: ${note}`), retryMs: 5});
		try {
			await waitFor(() => sources.length === 2, () => `the switch to diff; sources: ${sources.join(' | ')}`);
			// For good: eight retry periods later it has not subscribed again.
			await holdsFor(() => subscribed === 1, 40, 'one subscription only').catch(() => undefined);
		} finally {
			feed.stop();
		}
		assert.equal(subscribed, 1);
		assert.deepEqual(sources, ['stream: live from GetContainerEvents', 'diff: inferred from refreshes (GetContainerEvents not supported by containerd)']);
	});

	test('streamed events are delivered; a broken stream is re-subscribed; stop cancels', async () => {
		const got: string[] = [];
		let subscribed = 0;
		let cancelled = 0;
		const client = {containerEvents: (onEvent: (e: ContainerEventResponse) => void, onError: (e: Error) => void) => {
			subscribed++;
			const n = subscribed;
			setImmediate(() => {
				onEvent({containerId: `c${n}`, containerEventType: 'CONTAINER_STARTED_EVENT', createdAt: '0', podSandboxStatus: null, containersStatuses: []});
				if (n === 1) onError(new CriError('the runtime went away', 'unavailable', 'GetContainerEvents', '/s', 14));
			});
			return {cancel: () => cancelled++};
		}};
		const feed = startEventFeed({client, runtimeName: 'containerd', onEvent: e => got.push(`${e.kind} ${e.containerId}`), onSource() {}, retryMs: 5});
		try {
			await waitFor(() => got.length >= 2 && subscribed >= 2, () => `two events; got: ${got.join(', ')}`);
		} finally {
			feed.stop();
		}
		assert.deepEqual(got, ['started c1', 'started c2']);
		assert.equal(subscribed, 2);
		assert.equal(cancelled, 1);
	});

	test('healthy: after the grace without a failure or at the first event; not for a stream refused at once; false when it breaks', async () => {
		const health: boolean[] = [];
		let fail: ((e: Error) => void) | undefined;
		const client = {containerEvents: (_on: unknown, onError: (e: Error) => void) => {
			fail = onError;
			return {cancel() {}};
		}};
		// A grace of 1 s: a few turns of the event loop are far shorter, even on a busy machine.
		const feed = startEventFeed({client, runtimeName: 'containerd', onEvent() {}, onSource() {}, onHealthy: h => health.push(h), healthyAfterMs: 1000, retryMs: 1000});
		try {
			await turns();
			assert.deepEqual(health, [], 'not yet: a refusal may still come');
			await waitFor(() => health.length > 0, 'healthy after the grace');
			assert.deepEqual(health, [true]);
			fail!(new CriError('the runtime went away', 'unavailable', 'GetContainerEvents', '/s', 14));
			assert.deepEqual(health, [true, false]);
		} finally {
			feed.stop();
		}

		const refused: boolean[] = [];
		const unimplemented = {containerEvents: (_on: unknown, onError: (e: Error) => void) => {
			setImmediate(() => onError(new CriError('no', 'unimplemented', 'GetContainerEvents', '/s', 12)));
			return {cancel() {}};
		}};
		const sources: string[] = [];
		const feed2 = startEventFeed({client: unimplemented, runtimeName: 'containerd', onEvent() {}, onSource: s => sources.push(s), onHealthy: h => refused.push(h), healthyAfterMs: 1000});
		try {
			await waitFor(() => sources.includes('diff'), 'the refusal');
			// Past the grace: still never healthy.
			await holdsFor(() => refused.length === 0, 1200, 'never healthy').catch(() => undefined);
		} finally {
			feed2.stop();
		}
		assert.deepEqual(refused, []);
	});
});
