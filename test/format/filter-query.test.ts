import {test} from 'node:test';
import assert from 'node:assert/strict';
import {crictlFilterFlags, parseFilter} from '../../source/format/filter-query.js';
import {filterContainers, filterImages, filterPods} from '../../source/state/selectors.js';
import {container, image, pod} from '../state/fake-client.js';

const P1 = 'p'.repeat(64);
const P2 = 'q'.repeat(64);
const pods = [pod(P1, 'coredns-b48m7', 'kube-system'), pod(P2, 'web-7c9d8', 'default', 'SANDBOX_NOTREADY')];
pods[1].labels = {app: 'web'};
const withLabels = (c: ReturnType<typeof container>, labels: Record<string, string>) => ({...c, labels});
const containers = [
	withLabels(container('a'.repeat(64), 'coredns', P1), {'io.kubernetes.pod.namespace': 'kube-system', 'io.kubernetes.pod.name': 'coredns-b48m7', app: 'dns'}),
	withLabels(container('b'.repeat(64), 'nginx', P2, 'CONTAINER_EXITED'), {app: 'web'}),
];
containers[1].image = {...containers[1].image!, image: 'docker.io/library/nginx:1.27'};
const podsById = new Map(pods.map(p => [p.id, p]));
const names = (items: ReadonlyArray<{metadata?: {name?: string} | null}>) => items.map(i => i.metadata?.name).join(' ');
const cs = (text: string) => names(filterContainers(containers, {text, showAll: true, pod: null, podsById}));

test('containers: namespace (from labels or the pod), pod name, state, image, key=value labels, fields', () => {
	assert.equal(cs('kube-system'), 'coredns');
	assert.equal(cs('default'), 'nginx', 'namespace taken from the pod when the kubelet labels are missing');
	assert.equal(cs('web-7c9'), 'nginx', 'pod name');
	assert.equal(cs('exited'), 'nginx');
	assert.equal(cs('nginx:1.27'), 'nginx');
	assert.equal(cs('app=web'), 'nginx');
	assert.equal(cs('app=we'), '', 'labels match exactly, like crictl --label');
	assert.equal(cs('ns:kube name:core'), 'coredns');
	assert.equal(cs('name:kube'), '', 'a field word looks only in that field');
	assert.equal(cs('state:running app=dns'), 'coredns');
});

test('pods and images: the same words', () => {
	assert.equal(names(filterPods(pods, 'kube-system')), 'coredns-b48m7');
	assert.equal(names(filterPods(pods, 'notready')), 'web-7c9d8');
	assert.equal(names(filterPods(pods, 'app=web')), 'web-7c9d8');
	const images = [image('sha256:1', 'docker.io/library/nginx:1.27'), image('sha256:2', 'registry.k8s.io/pause:3.9')];
	assert.deepEqual(filterImages(images, 'pause').map(i => i.id), ['sha256:2']);
});

test('crictl flags for what crictl can filter by, regex-escaped; none for free words', () => {
	assert.deepEqual(crictlFilterFlags(parseFilter('name:web.1 ns:kube-system state:running app=web anything')),
		['--name', 'web\\.1', '--namespace', 'kube-system', '--state', 'running', '--label', 'app=web']);
	assert.deepEqual(crictlFilterFlags(parseFilter('state:run')), [], 'crictl only takes whole state words');
	assert.deepEqual(crictlFilterFlags(parseFilter('')), []);
});
