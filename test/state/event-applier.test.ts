// Events applied to the part they name: which events patch a row, which ask for one
// ContainerStatus, which fall back to a re-list; and a patch survives a list answer older than it.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {createEventApplier} from '../../source/state/event-applier.js';
import {initialNodeData, nodeDataReducer} from '../../source/state/node-data.js';
import type {Part} from '../../source/state/node-data.js';
import type {Container, ContainerEventResponse, ContainerStatus} from '../../source/model/cri-types.js';
import {container, pod} from './fake-client.js';

const p = pod('p'.repeat(64), 'web-1');
const known = container('c'.repeat(64), 'nginx', p.id);
const statusOf = (id: string, state: ContainerStatus['state']): ContainerStatus => ({
	id, metadata: {name: 'nginx', attempt: 1}, state, createdAt: '1', startedAt: '1', finishedAt: '2', exitCode: 0, image: null, imageRef: 'sha256:x',
	reason: '', message: '', labels: {}, annotations: {}, mounts: [], logPath: '', imageId: '',
});
const event = (containerId: string, type: ContainerEventResponse['containerEventType'], statuses: ContainerStatus[] = []): ContainerEventResponse => ({
	containerId, containerEventType: type, createdAt: '1', podSandboxStatus: {...p, network: null, linux: null}, containersStatuses: statuses,
});

function harness() {
	const patches: Array<[string, Container | null]> = [];
	const relists: Array<readonly Part[] | 'all'> = [];
	const asked: string[] = [];
	let fire: (() => void) | undefined;
	const applier = createEventApplier({
		client: () => client,
		known: () => ({containersById: new Map([[known.id, known]]), podsById: new Map([[p.id, p]])}),
		patch: (id, c) => patches.push([id, c]),
		relist: parts => relists.push(parts ?? 'all'),
		timers: {setTimeout: fn => (fire = fn), clearTimeout() {}},
	});
	const client = {containerStatus: async (id: string) => {
		asked.push(id);
		return {status: statusOf(id, 'CONTAINER_EXITED'), info: {}};
	}};
	return {applier, patches, relists, asked, flush: () => fire?.()};
}

const settle = () => new Promise(resolve => setImmediate(resolve));

describe('event applier', () => {
	test('containerd: the status the event carries patches the row, no call; the pods list follows', () => {
		const h = harness();
		h.applier.apply(event(known.id, 'CONTAINER_STOPPED_EVENT', [statusOf(known.id, 'CONTAINER_EXITED')]));
		assert.equal(h.patches.length, 1);
		assert.equal(h.patches[0][1]?.state, 'CONTAINER_EXITED');
		assert.equal(h.patches[0][1]?.podSandboxId, p.id);
		assert.deepEqual(h.relists, [['pods']]);
		assert.deepEqual(h.asked, []);
	});

	test('CRI-O: no status in the event: one ContainerStatus per container of a burst', async () => {
		const h = harness();
		h.applier.apply(event(known.id, 'CONTAINER_STOPPED_EVENT'));
		h.applier.apply(event(known.id, 'CONTAINER_STOPPED_EVENT'));
		h.flush();
		await settle();
		assert.deepEqual(h.asked, [known.id]);
		assert.equal(h.patches[0][1]?.state, 'CONTAINER_EXITED');
	});

	test('deleted: the row goes; a pod event or a pod not listed: a full re-list; a burst too big: one re-list, no calls', async () => {
		const h = harness();
		h.applier.apply(event(known.id, 'CONTAINER_DELETED_EVENT'));
		assert.deepEqual(h.patches, [[known.id, null]]);
		h.applier.apply(event(p.id, 'CONTAINER_STOPPED_EVENT'));
		assert.equal(h.relists.at(-1), 'all', 'a pod\'s own event');
		h.applier.apply({...event('n'.repeat(64), 'CONTAINER_CREATED_EVENT'), podSandboxStatus: {...pod('q'.repeat(64), 'new'), network: null, linux: null}});
		assert.equal(h.relists.at(-1), 'all', 'a pod the lists do not hold');
		for (let i = 0; i < 30; i++) h.applier.apply(event(i.toString(16).padStart(64, '0'), 'CONTAINER_STARTED_EVENT'));
		h.flush();
		await settle();
		assert.deepEqual(h.asked, []);
		assert.equal(h.relists.at(-1), 'all');
	});
});

test('node data: a patch is laid over a list answer asked for before it, and dropped by a newer one', () => {
	const running = known;
	const exited: Container = {...known, state: 'CONTAINER_EXITED'};
	let s = nodeDataReducer(initialNodeData('/s'), {type: 'part-loaded', payload: {part: 'containers', value: [running]}, at: 100});
	s = nodeDataReducer(s, {type: 'container-patched', id: known.id, container: exited, at: 200});
	assert.equal(s.containers[0].state, 'CONTAINER_EXITED');
	// A list asked at 150 lands at 250: it predates the stop, the patch stays on top.
	s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: [running]}, at: 250, sentAt: 150});
	assert.equal(s.containers[0].state, 'CONTAINER_EXITED');
	// A list asked at 300 is newer than the patch: it is the truth, the patch is forgotten.
	s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: [running]}, at: 1350, sentAt: 300});
	assert.equal(s.containers[0].state, 'CONTAINER_RUNNING');
	assert.equal(s.containerPatches?.size, 0);
	// Removed by an event, the row is gone.
	s = nodeDataReducer(s, {type: 'container-patched', id: known.id, container: null, at: 1400});
	assert.deepEqual(s.containers, []);
});
