import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {CriError} from '../../source/wire/errors.js';
import {simHarness} from './helpers.js';
import {waitFor} from '../support/wait.js';

const expectCode = async (promise: Promise<unknown>, code: string) => {
	await assert.rejects(promise, (error: unknown) => error instanceof CriError && error.code === code);
};

describe('sim flavours over gRPC', () => {
	test('containerd 1.6: identity, sha256 ids, full tags, no events, pod stats fail', async () => {
		const h = await simHarness({flavor: 'containerd'});
		try {
			const v = await h.client.version();
			assert.deepEqual(v, {version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.6.20~ds1', runtimeApiVersion: 'v1'});
			const status = await h.client.status(true);
			assert.deepEqual(Object.keys(status.info).sort(), ['cniconfig', 'config', 'golang', 'lastCNILoadStatus', 'lastCNILoadStatus.default']);
			assert.equal(JSON.parse(status.info.config).sandboxImage, 'registry.k8s.io/pause:3.6');
			assert.deepEqual(status.status?.conditions.map(c => `${c.type}=${c.status}`), ['RuntimeReady=true', 'NetworkReady=true']);
			const images = (await h.client.listImages()).items;
			assert.ok(images.every(i => /^sha256:[0-9a-f]{64}$/.test(i.id) && i.repoDigests.length === 0 && !i.pinned));
			assert.ok(images.some(i => i.repoTags[0] === 'docker.io/library/busybox:1.36'));
			const containers = (await h.client.listContainers()).items;
			assert.equal(containers.length, 12);
			assert.ok(containers.every(c => /^sha256:[0-9a-f]{64}$/.test(c.imageRef)));
			assert.ok(containers.some(c => !c.createdAt.endsWith('000000000')), 'nanosecond createdAt');
			const st = await h.client.containerStatus(containers[0].id, true);
			const info = JSON.parse(st.info.info);
			for (const key of ['sandboxID', 'pid', 'runtimeSpec', 'snapshotter', 'config']) assert.ok(key in info, key);
			assert.ok(st.status?.logPath.startsWith(h.node.logRoot));
			const stats = await h.client.listContainerStats();
			assert.ok(stats.length > 0 && stats.every(s => s.cpu?.usageNanoCores !== null && s.memory?.usageBytes !== null));
			await expectCode(h.client.listPodSandboxStats(), 'other');
			await new Promise<void>(resolve => {
				const sub = h.client.containerEvents(() => assert.fail('no events on 1.6'), error => {
					assert.ok(error instanceof CriError && error.code === 'unimplemented');
					sub.cancel();
					resolve();
				});
			});
			assert.equal(h.node.calls.StreamContainers, 1, 'asked once, then fell back to ListContainers');
		} finally {
			await h.close();
		}
	});

	test('CRI-O: bare image ids, digests, pinned pause, digest imageRef, POD label, nullable pod stats', async () => {
		const h = await simHarness({flavor: 'cri-o', containers: 30});
		try {
			assert.equal((await h.client.version()).runtimeName, 'cri-o');
			assert.deepEqual(Object.keys((await h.client.status(true)).info), ['config']);
			const images = (await h.client.listImages()).items;
			assert.ok(images.every(i => /^[0-9a-f]{64}$/.test(i.id) && i.repoDigests.length === 1));
			assert.deepEqual(images.filter(i => i.pinned).map(i => i.repoTags[0]), ['registry.k8s.io/pause:3.10']);
			const containers = (await h.client.listContainers()).items;
			assert.ok(containers.every(c => /@sha256:[0-9a-f]{64}$/.test(c.imageRef)));
			const pods = (await h.client.listPodSandbox()).items;
			assert.ok(pods.every(p => p.labels['io.kubernetes.container.name'] === 'POD'));
			const info = JSON.parse((await h.client.containerStatus(containers[0].id, true)).info.info);
			assert.deepEqual(Object.keys(info).sort(), ['pid', 'privileged', 'runtimeSpec', 'sandboxID']);
			const stats = await h.client.listContainerStats();
			// usageNanoCores is filled by containerd and CRI-O, not by cri-dockerd (runtime-differences.md, Stats).
			assert.ok(stats.every(s => s.cpu?.usageNanoCores !== null && s.memory?.rssBytes !== null));
			const podStats = await h.client.listPodSandboxStats();
			assert.ok(podStats.length > 0);
			assert.ok(podStats.some(p => p.linux?.cpu === null) && podStats.some(p => p.linux?.cpu !== null));
			// RemoveImage of an image in use is refused.
			const used = images.find(i => i.repoTags[0] === 'docker.io/library/nginx:1.27')!;
			await assert.rejects(h.client.removeImage(used.repoTags[0]), /in use/);
			const unused = images.find(i => i.repoTags[0] === 'docker.io/library/alpine:3.20')!;
			await h.client.removeImage(unused.id);
			assert.equal((await h.client.imageStatus('alpine:3.20')).image, null);
		} finally {
			await h.close();
		}
	});

	test('cri-dockerd: docker identity, short tags, docker:// imageRef in status, whole seconds, gaps', async () => {
		const h = await simHarness({flavor: 'cri-dockerd'});
		try {
			const v = await h.client.version();
			assert.equal(`${v.runtimeName} ${v.runtimeVersion}`, 'docker 20.10.24+dfsg1');
			assert.deepEqual(JSON.parse((await h.client.status(true)).info.config), {sandboxImage: 'registry.k8s.io/pause:3.9'});
			const images = (await h.client.listImages()).items;
			assert.ok(images.some(i => i.repoTags[0] === 'busybox:1.36'));
			assert.ok(images.every(i => i.id.startsWith('sha256:')));
			const containers = (await h.client.listContainers()).items;
			assert.ok(containers.every(c => c.createdAt.endsWith('000000000')));
			const nginx = containers.find(c => c.metadata?.name === 'nginx')!;
			assert.match(nginx.imageRef, /^sha256:/);
			const st = await h.client.containerStatus(nginx.id, true);
			assert.match(st.status!.imageRef, /^docker:\/\/sha256:/);
			assert.equal(st.status!.image?.image, 'nginx:1.27');
			assert.deepEqual(Object.keys(JSON.parse(st.info.info)).sort(), ['pid', 'sandboxID']);
			assert.deepEqual((await h.client.podSandboxStatus(nginx.podSandboxId, true)).info, {});
			const stats = await h.client.listContainerStats();
			const exited = stats.filter(s => containers.find(c => c.id === s.attributes?.id)?.state === 'CONTAINER_EXITED');
			assert.ok(exited.length > 0 && exited.every(s => s.cpu?.usageCoreNanoSeconds?.value === '0' && s.memory?.workingSetBytes?.value === '0'));
			assert.ok(stats.every(s => s.memory?.usageBytes === null && s.memory?.workingSetBytes !== null));
			await expectCode(h.client.listPodSandboxStats(), 'unimplemented');
			await assert.rejects(h.client.removeImage('nginx:1.27'), /must force/);
		} finally {
			await h.close();
		}
	});

	test('containerd 1.7: events stream, list streaming, pod stats', async () => {
		const h = await simHarness({flavor: 'containerd-1.7'});
		try {
			assert.equal((await h.client.version()).runtimeVersion, '1.7.24~ds1');
			// The first list asks the stream and, until the runtime is known to stream, the unary list
			// beside it (one round trip either way); once the stream has answered, only the stream.
			assert.equal((await h.client.listContainers()).items.length, 12);
			assert.equal(h.node.calls.StreamContainers, 1);
			assert.ok((h.node.calls.ListContainers ?? 0) <= 1);
			const unary = h.node.calls.ListContainers ?? 0;
			assert.equal((await h.client.listContainers()).items.length, 12);
			assert.equal(h.node.calls.StreamContainers, 2);
			assert.equal(h.node.calls.ListContainers ?? 0, unary);
			assert.ok((await h.client.listPodSandboxStats()).every(p => p.linux?.cpu !== null));
			const events: string[] = [];
			const sub = h.client.containerEvents(e => events.push(e.containerEventType), error => assert.fail(error));
			try {
				// The node holds the subscription (its handler registers the listener as it counts the call).
				await waitFor(() => (h.node.calls.GetContainerEvents ?? 0) >= 1, 'GetContainerEvents at the node');
				for (let i = 0; i < 5; i++) h.node.tick();
				const both = () => events.includes('CONTAINER_STOPPED_EVENT') && events.includes('CONTAINER_CREATED_EVENT');
				await waitFor(both, 'a stopped and a created event').catch(() => undefined);
			} finally {
				sub.cancel();
			}
			assert.ok(events.includes('CONTAINER_STOPPED_EVENT') && events.includes('CONTAINER_CREATED_EVENT'), events.join());
		} finally {
			await h.close();
		}
	});
});
