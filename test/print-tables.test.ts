import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import type {Container, Image, PodSandbox} from '../source/model/cri-types.js';
import {printTables, type PrintInput} from '../source/print-tables.js';
import {cellWidth} from '../source/format/sanitize.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const nsAgo = (s: number) => (BigInt(NOW) * 1_000_000n - BigInt(s) * 1_000_000_000n).toString();
const HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const P1 = 'f00dbabe1234567890abcdef';
const P2 = '99aa00bb11cc22dd33ee';

const pod = (id: string, name: string, namespace: string, attempt: number, state: PodSandbox['state'], secondsAgo: number, runtimeHandler = ''): PodSandbox => ({
	id, metadata: {name, uid: 'u', namespace, attempt}, state, createdAt: nsAgo(secondsAgo), labels: {}, annotations: {}, runtimeHandler,
});
const spec = (image: string) => ({image, annotations: {}, userSpecifiedImage: '', runtimeHandler: '', imageRef: ''});

const pods = [
	pod(P1, 'web-0', 'shop', 0, 'SANDBOX_READY', 7200),
	pod(P2, 'evil\x1b]0;owned\x07', 'kube-system', 1, 'SANDBOX_NOTREADY', 30, 'runc'),
];
const containers: Container[] = [
	{
		id: 'c0ffee0123456789abcdef', podSandboxId: P1, metadata: {name: 'nginx', attempt: 0}, image: spec(`sha256:${HEX}`),
		imageRef: `sha256:${HEX}`, state: 'CONTAINER_RUNNING', createdAt: nsAgo(7100),
		labels: {'io.kubernetes.pod.name': 'web-0', 'io.kubernetes.pod.namespace': 'shop'}, annotations: {}, imageId: '',
	},
	{
		id: 'dead0123456789abcdef', podSandboxId: P2, metadata: {name: 'sidecar', attempt: 3}, image: spec('busybox:latest'),
		imageRef: '', state: 'CONTAINER_EXITED', createdAt: nsAgo(20), labels: {}, annotations: {}, imageId: '',
	},
];
const image = (id: string, repoTags: string[], size: string, pinned: boolean): Image => ({
	id, repoTags, repoDigests: [], size, uid: null, username: '', spec: null, pinned,
});
const images = [
	image('sha256:' + 'b'.repeat(64), ['registry.k8s.io/pause:3.6'], '301000', true),
	image(`sha256:${HEX}`, ['docker.io/library/nginx:1.27'], '4321987', false),
];
const input: PrintInput = {
	version: {version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.6.20~ds1', runtimeApiVersion: 'v1'},
	pods, containers, images,
};

describe('printTables', () => {
	test('three crictl-like tables, newest first, hostile names shown safely', () => {
		assert.equal(printTables(input, NOW), [
			'# runtime: containerd 1.6.20~ds1 (CRI v1)',
			'',
			'# pods (crictl pods)',
			'POD ID          CREATED          STATE      NAME                   NAMESPACE     ATTEMPT   RUNTIME',
			'99aa00bb11cc2   30 seconds ago   NotReady   evil\\x1b]0;owned\\x07   kube-system   1         runc',
			'f00dbabe12345   2 hours ago      Ready      web-0                  shop          0         (default)',
			'',
			'# containers (crictl ps -a)',
			'CONTAINER       IMAGE                          CREATED          STATE     NAME      ATTEMPT   POD ID          POD                    NAMESPACE',
			'dead012345678   busybox:latest                 20 seconds ago   Exited    sidecar   3         99aa00bb11cc2   evil\\x1b]0;owned\\x07   kube-system',
			'c0ffee0123456   docker.io/library/nginx:1.27   2 hours ago      Running   nginx     0         f00dbabe12345   web-0                  shop',
			'',
			'# images (crictl images --pinned)',
			'IMAGE                     TAG    IMAGE ID        SIZE     PINNED',
			'docker.io/library/nginx   1.27   a1b2c3d4e5f60   4.32MB   false',
			'registry.k8s.io/pause     3.6    bbbbbbbbbbbbb   301kB    true',
			'',
		].join('\n'));
	});

	test('a width fits every line, dropping low-priority columns (ATTEMPT, the restart count, stays); endpoint flags in the # lines', () => {
		const out = printTables({...input, target: {endpoint: 'unix:///run/crio/crio.sock'}}, NOW, 60);
		assert.equal(out, [
			'# runtime: containerd 1.6.20~ds1 (CRI v1)',
			'',
			'# pods (crictl -r unix:///run/crio/crio.sock pods)',
			'POD ID          STATE      NAME                   ATTEMPT',
			'99aa00bb11cc2   NotReady   evil\\x1b]0;owned\\x07   1',
			'f00dbabe12345   Ready      web-0                  0',
			'',
			'# containers (crictl -r unix:///run/crio/crio.sock ps -a)',
			'CONTAINER       CREATED          STATE     NAME      ATTEMPT',
			'dead012345678   20 seconds ago   Exited    sidecar   3',
			'c0ffee0123456   2 hours ago      Running   nginx     0',
			'',
			'# images (crictl -r unix:///run/crio/crio.sock images --pin…',
			'IMAGE                     TAG    IMAGE ID        SIZE',
			'docker.io/library/nginx   1.27   a1b2c3d4e5f60   4.32MB',
			'registry.k8s.io/pause     3.6    bbbbbbbbbbbbb   301kB',
			''
,
		].join('\n'));
		for (const line of out.split('\n')) assert.ok(cellWidth(line) <= 60, line);
	});

	test('CPU % and MEM appear when usage is given', () => {
		const usage = new Map([['c0ffee0123456789abcdef', {cpuPercent: 12.5, memoryBytes: '12900000'}]]);
		const out = printTables({...input, usage}, NOW);
		const lines = out.split('\n');
		const header = lines.find(l => l.startsWith('CONTAINER'))!;
		assert.ok(header.endsWith('NAMESPACE     CPU %   MEM'), header);
		assert.ok(lines.find(l => l.startsWith('c0ffee'))!.endsWith('shop          12.50   12.9MB'));
	});

	test('empty node, failed Version: headers only', () => {
		assert.equal(printTables({version: null, pods: [], containers: [], images: []}, NOW), [
			'# runtime: unknown (Version call failed)',
			'',
			'# pods (crictl pods)',
			'POD ID   CREATED   STATE   NAME   NAMESPACE   ATTEMPT   RUNTIME',
			'',
			'# containers (crictl ps -a)',
			'CONTAINER   IMAGE   CREATED   STATE   NAME   ATTEMPT   POD ID   POD   NAMESPACE',
			'',
			'# images (crictl images --pinned)',
			'IMAGE   TAG   IMAGE ID   SIZE   PINNED',
			'',
		].join('\n'));
	});

	test('no escape character ever reaches the output', () => {
		const out = printTables(input, NOW);
		assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(out));
	});
});
