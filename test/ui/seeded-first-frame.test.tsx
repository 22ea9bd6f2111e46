// The dashboard's first frame, from answers already in hand (warm-connect.ts): with a seed the
// very first frame ink paints has the rows and the runtime, never "connecting"; without one it
// is the connecting frame, as always.
import React from 'react';
import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import type {FleetEndpoint} from '../../source/state/use-fleet-data.js';
import {warmConnect} from '../../source/warm-connect.js';
import {fakeClient} from '../state/fake-client.js';
import {sampleNode, waitForFrame} from './helpers.js';

const sock = '/run/fake.sock';
const mounted: Array<{unmount(): void}> = [];
afterEach(() => {
	for (const r of mounted.splice(0)) r.unmount();
});

async function firstFrames(seeded: boolean) {
	const node = sampleNode();
	const warm = warmConnect(runtime => fakeClient(node, runtime), sock, sock, true);
	await warm.connected(10_000);
	await warm.settled({answeredMs: 10_000, silentMs: 10_000});
	const endpoints: FleetEndpoint[] = [{name: 'endpoint', runtime: sock, image: sock, ...(seeded ? {seed: warm.seed()} : {})}];
	const result = render(<App connect={warm.connect} runtimeEndpoint={sock} endpoints={endpoints} size={{columns: 100, rows: 24}} intervalMs={60_000}/>);
	mounted.push(result);
	// Settled: the poller's first round has run and been rendered.
	await waitForFrame(() => result.lastFrame() ?? '', 'web-1');
	return {frames: result.frames, node};
}

test('seeded: the first frame shows the pods and the runtime; no frame says connecting', async () => {
	const {frames, node} = await firstFrames(true);
	assert.match(frames[0]!, /web-1/);
	assert.match(frames[0]!, /containerd 1\.7\.0/);
	assert.doesNotMatch(frames.join('\n'), /connecting/);
	// The poller took the early answers: one call of each.
	assert.equal(node.calls.filter(c => c === 'ListPodSandbox').length, 1);
});

test('not seeded: the first frame is the connecting one (the seed is what makes the difference)', async () => {
	const {frames} = await firstFrames(false);
	assert.match(frames[0]!, /connecting/);
	assert.doesNotMatch(frames[0]!, /web-1/);
});
