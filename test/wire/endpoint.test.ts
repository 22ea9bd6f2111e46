import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {
	detectHostRoot, dockershimExplanation, parseEndpoint, socketLabel, underHostRoot, wellKnownPaths, wellKnownSockets,
} from '../../source/wire/endpoint.js';
import {CriError} from '../../source/wire/errors.js';

describe('parseEndpoint', () => {
	test('accepts crictl\'s spellings of a unix socket', () => {
		assert.equal(parseEndpoint('unix:///run/containerd/containerd.sock'), '/run/containerd/containerd.sock');
		assert.equal(parseEndpoint('unix:/run/crio/crio.sock'), '/run/crio/crio.sock');
		assert.equal(parseEndpoint('/var/run/cri-dockerd.sock'), '/var/run/cri-dockerd.sock');
		assert.equal(parseEndpoint(' /run/x.sock '), '/run/x.sock');
	});

	test('relative paths resolve against the working directory', () => {
		assert.equal(parseEndpoint('sim/cri.sock', '/tmp/work'), '/tmp/work/sim/cri.sock');
		assert.equal(parseEndpoint('unix://cri.sock', '/tmp/work'), '/tmp/work/cri.sock');
	});

	test('other schemes and empty strings are refused with a sentence', () => {
		for (const bad of ['tcp://127.0.0.1:1234', 'npipe:////./pipe/dockershim', 'http://x']) {
			assert.throws(() => parseEndpoint(bad), (e: unknown) => e instanceof CriError && /only connects to local unix sockets/.test(e.message), bad);
		}
		assert.throws(() => parseEndpoint(''), /endpoint is empty/);
		assert.throws(() => parseEndpoint('unix://'), /names no socket path/);
	});
});

describe('well-known sockets and host root', () => {
	test('the table has the runtimes crictl users meet, each labelled', () => {
		const paths = wellKnownSockets.map(s => s.path);
		for (const p of ['/run/containerd/containerd.sock', '/run/crio/crio.sock', '/var/run/crio/crio.sock', '/var/run/cri-dockerd.sock', '/run/k3s/containerd/containerd.sock', '/var/snap/microk8s/common/run/containerd.sock']) {
			assert.ok(paths.includes(p), p);
		}
		assert.ok(wellKnownSockets.every(s => s.label.length > 0));
		assert.equal(socketLabel('/run/crio/crio.sock'), 'CRI-O');
		assert.match(socketLabel('/var/run/dockershim.sock') ?? '', /removed/);
	});

	test('underHostRoot puts node paths under the root, once', () => {
		assert.equal(underHostRoot('/host', '/run/containerd/containerd.sock'), '/host/run/containerd/containerd.sock');
		assert.equal(underHostRoot('/host/', '/etc/crictl.yaml'), '/host/etc/crictl.yaml');
		assert.equal(underHostRoot('/host', '/host/etc/crictl.yaml'), '/host/etc/crictl.yaml');
		assert.equal(underHostRoot(undefined, '/etc/crictl.yaml'), '/etc/crictl.yaml');
		assert.equal(underHostRoot('/', '/etc/crictl.yaml'), '/etc/crictl.yaml');
		assert.ok(wellKnownPaths('/host').every(p => p.startsWith('/host/')));
	});

	test('detectHostRoot: /host is used when the node is there and not at /', () => {
		const fsWith = (...present: string[]) => (p: string) => present.includes(p);
		assert.equal(detectHostRoot(fsWith('/host/etc/crictl.yaml')), '/host');
		assert.equal(detectHostRoot(fsWith('/host/run/containerd/containerd.sock')), '/host');
		// On the node itself (both present), or nothing under /host: no host root.
		assert.equal(detectHostRoot(fsWith('/host/run/containerd/containerd.sock', '/run/containerd/containerd.sock')), undefined);
		assert.equal(detectHostRoot(fsWith('/run/containerd/containerd.sock')), undefined);
		assert.equal(detectHostRoot(fsWith()), undefined);
	});
});

describe('dockershimExplanation', () => {
	test('explains the removal and the cri-dockerd path when dockershim is configured and missing', () => {
		const text = dockershimExplanation('/var/run/dockershim.sock', () => false);
		assert.ok(text);
		assert.match(text, /removed in Kubernetes 1\.24/);
		assert.match(text, /cri-dockerd at unix:\/\/\/var\/run\/cri-dockerd\.sock/);
		assert.match(text, /crictl config --set runtime-endpoint=unix:\/\/\/var\/run\/cri-dockerd\.sock/);
		assert.ok(dockershimExplanation('/host/run/dockershim.sock', () => false, '/host'));
	});

	test('says nothing for other paths, or when a dockershim socket really exists', () => {
		assert.equal(dockershimExplanation('/run/containerd/containerd.sock', () => false), undefined);
		assert.equal(dockershimExplanation('/var/run/dockershim.sock', () => true), undefined);
	});
});
