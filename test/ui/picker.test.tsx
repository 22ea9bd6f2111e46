import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {withCurrentEndpoint} from '../../source/state/endpoints.js';
import {renderApp, sampleNode, unmountAll} from './helpers.js';

describe('endpoint picker', () => {
	afterEach(unmountAll);

	test('the endpoint in use is listed first when the probe did not find it; never twice', () => {
		const current = {socketPath: '/srv/odd/cri.sock', runtimeName: 'containerd', runtimeVersion: '1.7.0', ready: true};
		const probed = [{socketPath: '/run/crio/crio.sock', runtimeName: 'cri-o', runtimeVersion: '1.33', ready: true}];
		assert.deepEqual(withCurrentEndpoint(probed, current).map(c => c.socketPath), ['/srv/odd/cri.sock', '/run/crio/crio.sock']);
		assert.deepEqual(withCurrentEndpoint([...probed, current], current).map(c => c.socketPath), ['/run/crio/crio.sock', '/srv/odd/cri.sock']);
		assert.deepEqual(withCurrentEndpoint(probed, null), probed);
	});

	test('connected with -r to a path no one probes: e lists it, marked in use, with its runtime, not "no live runtime socket found"', async () => {
		const app = renderApp(sampleNode(), {probe: async () => []});
		await app.waitFor(/web-1/);
		await app.press('e');
		const frame = await app.waitFor(/\* unix:\/\/\/run\/fake\.sock/);
		assert.match(frame, /\* unix:\/\/\/run\/fake\.sock\s+containerd 1\.7\.0\s+ready/);
		assert.doesNotMatch(frame, /no live runtime socket found/);
		app.unmount();
	});
});
