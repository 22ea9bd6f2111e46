// Choosing the endpoint(s), without sockets or processes: probing and the
// simulated node are functions the test supplies and counts.
import test from 'node:test';
import assert from 'node:assert/strict';
import {chooseEndpoints, NoEndpointError, type ChooseInput} from '../source/choose-endpoint.js';
import type {Settings} from '../source/wire/config.js';
import type {ProbeResult} from '../source/wire/probe.js';

type Live = Extract<ProbeResult, {ok: true}>;
const live = (path: string, runtimeName = 'containerd'): Live => ({
	path, ok: true, ready: true, conditions: [],
	version: {version: '0.1.0', runtimeName, runtimeVersion: '1.7.0', runtimeApiVersion: 'v1'},
});

function input(settings: Partial<Settings>, overrides: Partial<ChooseInput> & {found?: Live[]} = {}) {
	const calls = {probed: [] as string[][], demos: 0};
	const full: ChooseInput = {
		settings: {
			runtimeEndpoint: 'probe', imageEndpoint: 'probe', hostRoot: undefined,
			sources: {runtimeEndpoint: {kind: 'probe', name: 'probe'}, imageEndpoint: {kind: 'probe', name: 'probe'}, timeoutMs: {kind: 'default', name: 'default'}, debug: {kind: 'default', name: 'default'}, readOnly: {kind: 'default', name: 'default'}},
			...settings,
		},
		demo: false,
		demoFallback: false,
		exists: () => false,
		async probeLive(paths) {
			calls.probed.push(paths);
			return overrides.found ?? [];
		},
		async startDemo() {
			calls.demos++;
			return {socketPath: '/tmp/demo/cri.sock', flavor: 'cri-o'};
		},
		...overrides,
	};
	return {full, calls};
}

const configured = (endpoint: string, name = '--runtime-endpoint'): Partial<Settings> => ({
	runtimeEndpoint: endpoint, imageEndpoint: endpoint,
	sources: {runtimeEndpoint: {kind: 'flag', name}, imageEndpoint: {kind: 'flag', name}, timeoutMs: {kind: 'default', name: 'default'}, debug: {kind: 'default', name: 'default'}, readOnly: {kind: 'default', name: 'default'}},
});

test('choose: a configured endpoint is used as given, explicit, without probing', async () => {
	const {full, calls} = input(configured('/run/crio/crio.sock'));
	const chosen = await chooseEndpoints(full);
	assert.deepEqual(chosen, {
		endpoints: [{runtime: '/run/crio/crio.sock', image: '/run/crio/crio.sock', origin: 'from --runtime-endpoint', simulated: false, explicit: true}],
		startInPicker: false,
	});
	assert.deepEqual(calls.probed, []);
});

test('choose: a separate image endpoint is kept', async () => {
	const {full} = input({...configured('/run/a.sock'), imageEndpoint: '/run/b.sock'});
	const [plan] = (await chooseEndpoints(full)).endpoints;
	assert.equal(plan.runtime, '/run/a.sock');
	assert.equal(plan.image, '/run/b.sock');
});

test('choose: nothing configured and one live socket: that one, not explicit (a failed connect keeps retrying)', async () => {
	const {full, calls} = input({}, {found: [live('/run/containerd/containerd.sock')]});
	const chosen = await chooseEndpoints(full);
	assert.deepEqual(chosen.endpoints, [{runtime: '/run/containerd/containerd.sock', image: '/run/containerd/containerd.sock', origin: 'found by probing', simulated: false, explicit: false}]);
	assert.equal(chosen.startInPicker, false);
	assert.equal(calls.probed.length, 1);
	assert.ok(calls.probed[0].includes('/run/containerd/containerd.sock'), 'the well-known sockets are probed');
});

test('choose: several live sockets open the picker on the first', async () => {
	const {full} = input({}, {found: [live('/run/containerd/containerd.sock'), live('/run/crio/crio.sock', 'cri-o')]});
	const chosen = await chooseEndpoints(full);
	assert.equal(chosen.startInPicker, true);
	assert.equal(chosen.endpoints[0].origin, '2 runtimes found');
	assert.equal(chosen.endpoints[0].runtime, '/run/containerd/containerd.sock');
});

test('choose: nothing configured and nothing live is a sentence naming where it looked and what to do', async () => {
	const {full, calls} = input({});
	await assert.rejects(chooseEndpoints(full), (error: Error) => {
		assert.ok(error instanceof NoEndpointError);
		assert.match(error.message, /^no CRI runtime socket found \(looked at \/run\/containerd\/containerd\.sock, /);
		assert.match(error.message, /pass -r unix:\/\/\/path\/to\/socket.*or try --demo$/);
		return true;
	});
	assert.equal(calls.demos, 0);
});

test('choose: --demo starts the simulated node without probing', async () => {
	const {full, calls} = input(configured('/run/ignored.sock'), {demo: true});
	const chosen = await chooseEndpoints(full);
	assert.deepEqual(chosen.endpoints, [{runtime: '/tmp/demo/cri.sock', image: '/tmp/demo/cri.sock', origin: 'demo, cri-o', simulated: true, explicit: true}]);
	assert.equal(calls.demos, 1);
	assert.deepEqual(calls.probed, []);
});

test('choose: --demo-fallback opens the simulated node only when no runtime answers', async () => {
	const none = input({}, {demoFallback: true});
	const fallback = await chooseEndpoints(none.full);
	assert.equal(fallback.endpoints[0].simulated, true);
	assert.equal(fallback.endpoints[0].origin, 'no runtime found: simulated node, cri-o');

	const real = input({}, {demoFallback: true, found: [live('/run/containerd/containerd.sock')]});
	const chosen = await chooseEndpoints(real.full);
	assert.equal(chosen.endpoints[0].simulated, false);
	assert.equal(real.calls.demos, 0);

	const given = input(configured('/run/x.sock'), {demoFallback: true});
	assert.equal((await chooseEndpoints(given.full)).endpoints[0].runtime, '/run/x.sock');
	assert.equal(given.calls.demos, 0);
});

test('choose: a dockershim path that is gone explains where Docker went and lists the live sockets', async () => {
	const {full} = input(configured('/var/run/dockershim.sock'), {found: [live('/var/run/cri-dockerd.sock', 'docker')]});
	await assert.rejects(chooseEndpoints(full), (error: Error) => {
		assert.ok(error instanceof NoEndpointError);
		assert.match(error.message, /^unix:\/\/\/var\/run\/dockershim\.sock is dockershim, which was removed in Kubernetes 1\.24\./);
		assert.match(error.message, /Live runtime sockets here: unix:\/\/\/var\/run\/cri-dockerd\.sock \(docker\)$/);
		return true;
	});

	const none = input(configured('/var/run/dockershim.sock'));
	await assert.rejects(chooseEndpoints(none.full), /No live runtime socket was found at the well-known paths\.$/);
	// A dockershim path that exists (someone serves CRI there) is used.
	const served = input(configured('/var/run/dockershim.sock'), {exists: () => true});
	assert.equal((await chooseEndpoints(served.full)).endpoints[0].runtime, '/var/run/dockershim.sock');
});

test('choose: several configured endpoints (-r repeated) are all shown, each named, none probed', async () => {
	const {full, calls} = input({...configured('/run/containerd/containerd.sock'), runtimeEndpoints: ['/run/containerd/containerd.sock', '/tmp/sim-b/cri.sock', '/run/crio/crio.sock']});
	const chosen = await chooseEndpoints(full);
	assert.deepEqual(chosen.endpoints.map(e => [e.name, e.runtime, e.image, e.explicit]), [
		['containerd', '/run/containerd/containerd.sock', '/run/containerd/containerd.sock', true],
		['sim-b', '/tmp/sim-b/cri.sock', '/tmp/sim-b/cri.sock', true],
		['crio', '/run/crio/crio.sock', '/run/crio/crio.sock', true],
	]);
	assert.equal(chosen.startInPicker, false);
	assert.equal(calls.probed.length, 0);
});
