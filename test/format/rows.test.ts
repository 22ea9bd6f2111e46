import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import type {Container, ContainerStats, Image, PodSandbox} from '../../source/model/cri-types.js';
import {
	containerRow,
	containerUsage,
	imageNames,
	imageRows,
	podRow,
} from '../../source/format/rows.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const nsAgo = (seconds: number) => (BigInt(NOW) * 1_000_000n - BigInt(seconds) * 1_000_000_000n).toString();
const HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const POD_ID = 'f00dbabe1234567890abcdef1234567890abcdef1234567890abcdef12345678';

const pod = (over: Partial<PodSandbox> = {}): PodSandbox => ({
	id: POD_ID,
	metadata: {name: 'web-0', uid: 'u1', namespace: 'shop', attempt: 1},
	state: 'SANDBOX_READY',
	createdAt: nsAgo(180),
	labels: {},
	annotations: {},
	runtimeHandler: '',
	...over,
});

const container = (over: Partial<Container> = {}): Container => ({
	id: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
	podSandboxId: POD_ID,
	metadata: {name: 'nginx', attempt: 2},
	image: {image: `sha256:${HEX}`, annotations: {}, userSpecifiedImage: '', runtimeHandler: '', imageRef: ''},
	imageRef: `sha256:${HEX}`,
	state: 'CONTAINER_RUNNING',
	createdAt: nsAgo(75),
	labels: {'io.kubernetes.pod.name': 'web-0', 'io.kubernetes.pod.namespace': 'shop'},
	annotations: {},
	imageId: `sha256:${HEX}`,
	...over,
});

const image = (over: Partial<Image> = {}): Image => ({
	id: `sha256:${HEX}`,
	repoTags: ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:latest'],
	repoDigests: ['docker.io/library/nginx@sha256:feed'],
	size: '4300000',
	uid: null,
	username: '',
	spec: null,
	pinned: false,
	...over,
});

describe('podRow', () => {
	test('cells as crictl pods prints them', () => {
		const r = podRow(pod(), NOW);
		assert.equal(r.id, POD_ID);
		assert.deepEqual(r.cells, {
			podId: 'f00dbabe12345',
			created: '3 minutes ago',
			state: 'Ready',
			name: 'web-0',
			namespace: 'shop',
			attempt: '1',
			runtime: '(default)',
			cpu: '',
			mem: '',
		});
	});

	test('CPU % and MEM of a pod when usage is given', () => {
		const r = podRow(pod(), NOW, {cpuPercent: 3.14159, memoryBytes: '12900000'});
		assert.equal(r.cells.cpu, '3.14');
		assert.equal(r.cells.mem, '12.9MB');
	});

	test('NotReady, runtime handler, hostile name', () => {
		const r = podRow(pod({state: 'SANDBOX_NOTREADY', runtimeHandler: 'runc', metadata: {name: 'x\x1b]0;t\x07', uid: '', namespace: 'n', attempt: 0}}), NOW);
		assert.equal(r.cells.state, 'NotReady');
		assert.equal(r.cells.runtime, 'runc');
		assert.equal(r.cells.name, 'x\\x1b]0;t\\x07');
	});
});

describe('containerRow', () => {
	const pods = new Map([[POD_ID, pod()]]);

	test('cells as crictl ps -a prints them, image resolved to its tag', () => {
		const r = containerRow(container(), pods, NOW, undefined, imageNames([image()]));
		assert.deepEqual(r.cells, {
			containerId: '0123456789abc',
			image: 'docker.io/library/nginx:1.27',
			created: 'About a minute ago',
			state: 'Running',
			name: 'nginx',
			attempt: '2',
			podId: 'f00dbabe12345',
			podName: 'web-0',
			namespace: 'shop',
			cpu: '',
			mem: '',
		});
	});

	test('unknown image ID shows its first 13 hex like crictl; a name shows as is', () => {
		assert.equal(containerRow(container(), pods, NOW).cells.image, 'a1b2c3d4e5f60');
		const named = container({image: {image: 'busybox:latest', annotations: {}, userSpecifiedImage: '', runtimeHandler: '', imageRef: ''}});
		assert.equal(containerRow(named, pods, NOW).cells.image, 'busybox:latest');
	});

	test('pod name: label first, then the pod list, then unknown', () => {
		assert.equal(containerRow(container({labels: {}}), pods, NOW).cells.podName, 'web-0');
		assert.equal(containerRow(container({labels: {}}), new Map(), NOW).cells.podName, 'unknown');
		assert.equal(containerRow(container({labels: {}}), new Map(), NOW).cells.namespace, 'unknown');
	});

	test('states', () => {
		const s = (state: Container['state']) => containerRow(container({state}), pods, NOW).cells.state;
		assert.deepEqual([s('CONTAINER_CREATED'), s('CONTAINER_RUNNING'), s('CONTAINER_EXITED'), s('CONTAINER_UNKNOWN')], ['Created', 'Running', 'Exited', 'Unknown']);
	});

	test('CPU % and MEM from stats', () => {
		const stats = (t: string, cpuNs: string): ContainerStats => ({
			attributes: null,
			cpu: {timestamp: t, usageCoreNanoSeconds: {value: cpuNs}, usageNanoCores: null},
			memory: {timestamp: t, workingSetBytes: {value: '12900000'}, availableBytes: null, usageBytes: null, rssBytes: null},
			writableLayer: null,
		});
		const usage = containerUsage(stats('2000000000', '750000000'), stats('1000000000', '500000000'));
		assert.deepEqual(usage, {cpuPercent: 25, memoryBytes: '12900000'});
		const r = containerRow(container(), pods, NOW, usage);
		assert.equal(r.cells.cpu, '25.00');
		assert.equal(r.cells.mem, '12.9MB');
		assert.equal(containerUsage(stats('1', '5')).cpuPercent, null);
		// Malformed numbers from a runtime never throw.
		assert.equal(containerUsage(stats('x', 'y'), stats('1', '2')).cpuPercent, null);
		const nano = {...stats('1', '1'), cpu: {timestamp: '1', usageCoreNanoSeconds: null, usageNanoCores: {value: '250000000'}}};
		assert.equal(containerUsage(nano).cpuPercent, 25);
	});
});

describe('imageRows', () => {
	test('one row per repo tag', () => {
		const rows = imageRows(image());
		assert.deepEqual(rows.map(r => r.cells), [
			{image: 'docker.io/library/nginx', tag: '1.27', imageId: 'a1b2c3d4e5f60', size: '4.3MB', pinned: 'false'},
			{image: 'docker.io/library/nginx', tag: 'latest', imageId: 'a1b2c3d4e5f60', size: '4.3MB', pinned: 'false'},
		]);
		assert.notEqual(rows[0].key, rows[1].key);
		assert.equal(rows[0].id, `sha256:${HEX}`);
	});

	test('untagged: repo from the repo digest, else <none>; CRI-O bare IDs', () => {
		assert.deepEqual(imageRows(image({repoTags: [], id: HEX, pinned: true, size: '742123'}))[0].cells, {
			image: 'docker.io/library/nginx', tag: '<none>', imageId: 'a1b2c3d4e5f60', size: '742kB', pinned: 'true',
		});
		assert.equal(imageRows(image({repoTags: [], repoDigests: []}))[0].cells.image, '<none>');
	});
});
