// While the lists are polled, a stats round lands just before each poll and is painted in the
// poll's frame: one frame per refresh period, not one for the poll and one for the stats.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {UsageSample} from '../../source/model/cri-types.js';
import {pollingFakeClient} from '../state/fake-client.js';
import {renderApp, sampleNode, unmountAll} from './helpers.js';
import {waitFor} from '../support/wait.js';

test('polling: the stats rounds paint in the polls\' frames, with fresh numbers', async t => {
	t.after(unmountAll);
	const node = sampleNode();
	let rounds = 0;
	const usage = (): UsageSample[] => node.containers.map(c => ({
		id: c.id,
		cpu: {timestampNs: Date.now() * 1_000_000, coreNs: rounds * rounds * 10_000_000},
		memory: {workingSetBytes: {value: String(1_000_000 + rounds)}},
	}));
	// A period past one second: an unchanged poll in the same second paints nothing (node-data.ts).
	const intervalMs = 1100;
	const a = renderApp(node, {
		intervalMs,
		connect: runtime => Object.assign(pollingFakeClient(node, runtime), {
			listContainerUsage: async () => (rounds++, usage()),
			listPodSandboxUsage: async () => [],
		}),
	});
	await a.press('2');
	await a.waitFor(/CONTAINER/);
	const polls = () => node.calls.filter(c => c === 'ListContainers').length;
	await waitFor(() => rounds >= 3, {timeoutMs: 30_000, what: 'three stats rounds'});
	const framesThen = a.frames.length;
	const pollsThen = polls();
	const roundsThen = rounds;
	await waitFor(() => polls() >= pollsThen + 6, {timeoutMs: 60_000, what: 'six more polls'});
	const frames = a.frames.length - framesThen;
	const pollsSince = polls() - pollsThen;
	assert.ok(rounds - roundsThen >= pollsSince - 1, `${rounds - roundsThen} stats rounds over ${pollsSince} polls: one a period`);
	// Two frames a period before (a poll's and a round's): 12 over six polls.
	assert.ok(frames <= pollsSince + 2, `${frames} frames over ${pollsSince} polls`);
	// The numbers on screen are the newest round's: its memory figure (1,000,000 + rounds bytes → "1MB").
	await waitFor(() => /nginx/.test(a.frame()) && /\d+\.\d\d/.test(a.frame()), {timeoutMs: 10_000, what: 'a CPU % on screen'});
});
