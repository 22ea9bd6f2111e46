import {test} from 'node:test';
import assert from 'node:assert/strict';
import {containersAnswer, podsAnswer} from '../../source/sim/list-answer.js';
import {Messages} from '../../source/sim/messages.js';
import {SimModel} from '../../source/sim/model.js';

let clock = 1_790_000_000_000_000_000n;
const now = () => (clock += 1_000_000n);

function node(flavor: 'containerd' | 'cri-o' | 'cri-dockerd' = 'containerd') {
	const model = new SimModel({flavor, seed: 3, containers: 60, hostile: true, now});
	const messages = new Messages(model, '/logs');
	// What the answer must always equal: every item encoded afresh, in the model's order.
	const fresh = () => ({
		containers: Buffer.concat([...model.containers.values()].map(c => messages.bytes(messages.container(c), 'container'))),
		pods: Buffer.concat([...model.pods.values()].map(p => messages.bytes(messages.pod(p), 'pod'))),
	});
	return {model, messages, fresh, containers: containersAnswer(model, messages), pods: podsAnswer(model, messages)};
}

const running = (model: SimModel) => [...model.containers.values()].filter(c => c.state === 'CONTAINER_RUNNING');

test('an unchanged node answers with the very same bytes; a stopped container is patched in place of its record', () => {
	const n = node();
	const first = n.containers();
	assert.equal(n.containers(), first);
	assert.ok(first.bytes.equals(n.fresh().containers));
	const before = Buffer.from(first.bytes);
	const victim = running(n.model)[7]!;
	n.model.stopContainer(victim.id);
	const second = n.containers();
	assert.notEqual(second.bytes, first.bytes);
	assert.ok(second.bytes.equals(n.fresh().containers), 'patched answer = a fresh encoding');
	assert.ok(first.bytes.equals(before), 'an answer already handed out is never written to');
	assert.equal(second.list.filter((msg, i) => msg !== first.list[i]).length, 1);
	assert.equal(second.list.find(msg => msg.id === victim.id)?.state, 'CONTAINER_EXITED');
});

test('several changes between two lists, and a change of record length, are all in the answer', () => {
	for (const flavor of ['containerd', 'cri-o', 'cri-dockerd'] as const) {
		const n = node(flavor);
		n.containers();
		const [a, b, c] = running(n.model);
		n.model.stopContainer(a!.id);
		n.model.stopContainer(b!.id);
		// An annotation more changes the record's length (the new message is made at the change).
		c!.annotations['example.com/note'] = 'longer now';
		n.model.stopContainer(c!.id);
		assert.ok(n.containers().bytes.equals(n.fresh().containers), flavor);
	}
});

test('added and removed containers, pods changed and a long history rebuild the answer', () => {
	const n = node();
	n.containers();
	n.pods();
	const gone = [...n.model.containers.values()][3]!;
	n.model.removeContainer(gone.id);
	assert.ok(n.containers().bytes.equals(n.fresh().containers), 'removed');
	assert.ok(!n.containers().list.some(msg => msg.id === gone.id));
	for (let i = 0; i < 12; i++) n.model.tick();
	assert.ok(n.containers().bytes.equals(n.fresh().containers), 'after ticks (containers made and removed)');
	assert.ok(n.pods().bytes.equals(n.fresh().pods), 'pods after ticks');
	// More changes than the model remembers between two lists.
	for (const c of running(n.model).slice(0, 40)) n.model.stopContainer(c.id);
	assert.ok(n.containers().bytes.equals(n.fresh().containers), 'after 40 stops');
	const pod = [...n.model.pods.values()].find(p => p.state === 'SANDBOX_READY')!;
	n.model.stopPod(pod.id);
	assert.ok(n.containers().bytes.equals(n.fresh().containers), 'after a pod stopped');
	assert.ok(n.pods().bytes.equals(n.fresh().pods), 'pods after a pod stopped');
});

test('the pods answer is kept while only containers change in place', () => {
	const n = node();
	const first = n.pods();
	n.model.stopContainer(running(n.model)[0]!.id);
	assert.equal(n.pods().bytes, first.bytes);
	assert.ok(n.pods().bytes.equals(n.fresh().pods));
});

test('while someone lists, the answer after a change is made ahead (before the next list asks); nobody listing, it is not', async () => {
	const n = node();
	let made = 0;
	const bytes = n.messages.bytes.bind(n.messages);
	n.messages.bytes = (msg, kind) => {
		if (kind === 'container') made++;
		return bytes(msg, kind);
	};
	const idle = node();
	const [a, b] = running(n.model);
	n.containers();
	made = 0;
	n.model.stopContainer(a!.id);
	assert.equal(made, 0, 'not in the call that made the change');
	await new Promise(resolve => setImmediate(resolve));
	assert.equal(made, 1, 'made ahead: the stopped container encoded once');
	const ready = n.containers();
	assert.equal(made, 1, 'the list finds it made');
	assert.ok(ready.bytes.equals(n.fresh().containers));
	// A node nobody has listed makes nothing ahead.
	let idleMade = 0;
	const idleBytes = idle.messages.bytes.bind(idle.messages);
	idle.messages.bytes = (msg, kind) => {
		idleMade++;
		return idleBytes(msg, kind);
	};
	idle.model.stopContainer(running(idle.model)[0]!.id);
	await new Promise(resolve => setImmediate(resolve));
	assert.equal(idleMade, 0);
	n.model.stopContainer(b!.id);
	await new Promise(resolve => setImmediate(resolve));
	assert.ok(n.containers().bytes.equals(n.fresh().containers));
});
