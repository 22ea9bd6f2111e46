// What the dashboard shows against what the real crictl 1.33 prints, on the real containerd
// testbed: inspect / inspectp / inspecti documents field for field.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {seedNode, startContainerd, APP_IMAGE, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {fetchInspect} from '../../source/state/use-inspect.js';
import {crictl} from './crictl-bin.js';

// ImageSpec.image_ref (field 20) is newer than crictl 1.33's CRI API; the runtime sends it, crictl cannot print it.
function withoutNewerFields(doc: any): any {
	const copy = structuredClone(doc);
	if (copy.status?.image && typeof copy.status.image === 'object') delete copy.status.image.imageRef;
	return copy;
}

describe('real containerd: the same answers as crictl', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let client: CriClient | undefined;

	before(async () => {
		tb = await startContainerd();
		node = await seedNode(tb);
		client = createCriClient({runtimeEndpoint: `unix://${tb.socket}`, timeoutMs: 10_000});
	});

	after(async () => {
		client?.close();
		await tb?.stop();
	});

	test('inspect of a running and an exited container equals crictl inspect (times, fields, info at the top level)', async () => {
		for (const c of [node.containers.logger, node.containers.failing]) {
			const ours = await fetchInspect(client!, {kind: 'container', id: c.id, name: c.name});
			const theirs = JSON.parse(crictl(tb!.socket, 'inspect', c.id));
			assert.deepEqual(withoutNewerFields(ours), theirs, `container ${c.name}`);
		}

		const running = await fetchInspect(client!, {kind: 'container', id: node.containers.logger.id, name: 'app'}) as any;
		assert.equal(running.status.finishedAt, '0001-01-01T00:00:00Z');
		assert.match(running.status.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
		assert.equal(typeof running.info.pid, 'number');
	});

	test('inspectp of a pod equals crictl inspectp', async () => {
		const pod = node.pods.web;
		const ours = await fetchInspect(client!, {kind: 'pod', id: pod.id, name: pod.name});
		const theirs = JSON.parse(crictl(tb!.socket, 'inspectp', pod.id));
		assert.deepEqual(ours, theirs);
	});

	test('inspecti of an image equals crictl inspecti', async () => {
		const image = (await client!.listImages()).items.find(i => i.repoTags.includes(APP_IMAGE))!;
		const ours = await fetchInspect(client!, {kind: 'image', id: image.id, name: APP_IMAGE});
		const theirs = JSON.parse(crictl(tb!.socket, 'inspecti', image.id));
		assert.deepEqual(ours, theirs);
	});
});
