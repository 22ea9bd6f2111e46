// Several endpoints in one App (issue 14), against fake clients: rows of every endpoint merged
// with a NODE column, the selection and every action keyed by endpoint + ID (the two nodes
// here hold the SAME IDs, as two clones or two simulated nodes do), one endpoint failing greys
// its rows and names why in the header while the other stays live; one endpoint stays as before.
import React from 'react';
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import type {FleetEndpoint} from '../../source/state/use-fleet-data.js';
import {fakeClient, type FakeNode} from '../state/fake-client.js';
import {sampleNode, unmountAll, waitForFrame} from './helpers.js';
import {turns, waitFor} from '../support/wait.js';

const mounted: Array<{unmount(): void}> = [];

const endpoints: FleetEndpoint[] = [
	{name: 'alpha', runtime: '/run/alpha.sock'},
	{name: 'beta', runtime: '/run/beta.sock', crictl: {endpoint: 'unix:///run/containerd/containerd.sock', via: ['ssh', 'beta']}},
];

function renderFleet(nodes: Record<string, FakeNode>, list = endpoints, intervalMs = 60_000) {
	const result = render(
		<App
			connect={runtime => fakeClient(nodes[runtime]!, runtime)}
			runtimeEndpoint={list[0]!.runtime}
			endpoints={list}
			size={{columns: 120, rows: 24}}
			intervalMs={intervalMs}
		/>,
	);
	mounted.push(result);
	const frame = () => result.lastFrame() ?? '';
	const press = async (key: string) => {
		result.stdin.write(key);
		await turns();
	};
	return {...result, frame, press, waitFor: (m: string | RegExp | ((f: string) => boolean)) => waitForFrame(frame, m)};
}

/** The container rows, top to bottom, and the NODE cell of each. */
const rowsOf = (frame: string) => frame.split('\n').filter(l => /^\s*(alpha|beta) +[c-e]{13} /.test(l));
const nodesOfRows = (frame: string) => rowsOf(frame).map(l => l.trim().split(/\s+/)[0]);

describe('several endpoints in one App', () => {
	afterEach(() => {
		for (const r of mounted.splice(0)) r.unmount();
		unmountAll();
	});

	test('both endpoints\' rows in one pane under NODE; the same IDs kept apart; x stops the owner\'s container', async () => {
		const alpha = sampleNode();
		const beta = sampleNode();
		const app = renderFleet({'/run/alpha.sock': alpha, '/run/beta.sock': beta});
		await app.waitFor('alpha ✓  beta ✓');
		await app.press('2');
		await app.waitFor(f => nodesOfRows(f).length === 6);
		assert.match(app.frame(), /^NODE +CONTAINER /m);
		assert.deepEqual(new Set(nodesOfRows(app.frame())), new Set(['alpha', 'beta']));
		// Walk to beta's nginx (same ID as alpha's): the footer's crictl line is beta's, over ssh.
		const betaRow = rowsOf(app.frame()).findIndex(l => /^\s*beta +c{13} .*nginx/.test(l));
		assert.ok(betaRow >= 0);
		for (let i = 0; i < betaRow; i++) await app.press('j');
		await app.waitFor('$ ssh beta crictl ps -a');
		await app.press('x');
		await app.waitFor(/ssh beta crictl stop --timeout \d+ cccccccccccc/);
		await app.press('y');
		await waitFor(() => beta.calls.includes(`StopContainer ${'c'.repeat(64)}`), {what: 'beta to be asked to stop its nginx'});
		assert.ok(!alpha.calls.some(c => c.startsWith('StopContainer')), `alpha was not asked to stop anything: ${alpha.calls.join(', ')}`);
	});

	test('one endpoint failing: its header entry says why, its last rows stay; the other stays live', async () => {
		const alpha = sampleNode();
		const beta = sampleNode();
		const app = renderFleet({'/run/alpha.sock': alpha, '/run/beta.sock': beta}, endpoints, 200);
		await app.press('2');
		await app.waitFor(f => nodesOfRows(f).length === 6);
		for (const rpc of ['Version', 'Status', 'ListPodSandbox', 'ListContainers', 'ListImages']) beta.failing.set(rpc, 'unavailable');
		await app.waitFor(/beta ✗ \(ListContainers failed \(unavailable\)\)|beta ✗ \(\w+ failed \(unavailable\)\)/);
		assert.match(app.frame(), /alpha ✓/);
		// beta's last rows are still shown (greyed in a terminal), alpha's are live: a new container appears.
		assert.equal(nodesOfRows(app.frame()).filter(n => n === 'beta').length, 3);
		alpha.containers.push({...alpha.containers[0]!, id: 'e'.repeat(63) + 'f', metadata: {name: 'late', attempt: 0}, createdAt: '1700000009000000000'});
		await app.waitFor('late');
		assert.match(app.frame(), /alpha ✓/);
	});

	test('one endpoint is a list of one: no NODE column, the header as before', async () => {
		const app = renderFleet({'/run/alpha.sock': sampleNode()}, [endpoints[0]!]);
		await app.press('2');
		await app.waitFor('nginx');
		assert.doesNotMatch(app.frame(), /NODE/);
		assert.match(app.frame(), /containerd 1\.7\.0/);
	});
});
