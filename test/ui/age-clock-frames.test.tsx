// On events the lists are not re-listed on a timer, so the age clock moves by itself; while stats
// rounds paint a frame every refresh period anyway, the ages move in that frame: the clock adds
// no frame of its own (each frame is a React commit and an ink frame, most of an idle round).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {UsageSample} from '../../source/model/cri-types.js';
import {fakeClient} from '../state/fake-client.js';
import {renderApp, sampleNode, unmountAll} from './helpers.js';
import {waitFor} from '../support/wait.js';

test('on events, the ages move with the stats rounds: no frame between them', async t => {
	t.after(unmountAll);
	const node = sampleNode();
	// Ages in seconds, so they change within the test whichever frame moves them.
	const now = BigInt(Date.now()) * 1_000_000n;
	for (const [i, c] of node.containers.entries()) c.createdAt = String(now - BigInt(5 + i) * 1_000_000_000n);
	let rounds = 0;
	// When each stats round was asked: a round later than its slack lets the clock move on its own.
	const roundAt: number[] = [];
	const usage = (): UsageSample[] => node.containers.map(c => ({
		id: c.id,
		cpu: {timestampNs: Date.now() * 1_000_000, coreNs: rounds * 1_000_000},
		memory: {workingSetBytes: {value: '1000000'}},
	}));
	// fakeClient's event stream stays open: the app is events-driven, its lists are not polled.
	const a = renderApp(node, {
		intervalMs: 300,
		connect: runtime => Object.assign(fakeClient(node, runtime), {
			listContainerUsage: async () => (rounds++, roundAt.push(Date.now()), usage()),
			listPodSandboxUsage: async () => [],
		}),
	});
	await a.press('2');
	await a.waitFor(/CONTAINER/);
	await waitFor(() => rounds >= 3, {timeoutMs: 20_000, what: 'three stats rounds'});
	// Past start-up (the event stream's "healthy" mark, the first list): from here on only stats rounds and the clock paint.
	await waitFor(() => / on events/.test(a.frame()) && rounds >= 5, {timeoutMs: 20_000, what: 'the header to say "on events"'});
	const framesThen = a.frames.length;
	const roundsThen = rounds;
	const lists = () => node.calls.filter(c => c === 'ListContainers').length;
	const listsThen = lists();
	await waitFor(() => rounds >= roundsThen + 8, {timeoutMs: 30_000, what: 'eight more stats rounds'});
	const frames = a.frames.length - framesThen;
	const roundsSince = rounds - roundsThen;
	assert.ok(frames >= 1, 'the stats rounds painted');
	// A round that came late (a busy machine) lets the clock move once on its own, as it must so ages
	// never freeze: each gap past 1.2 periods may add a frame (the clock waits 1.5 from the landing).
	const gaps = roundAt.slice(roundsThen - 1).map((at, i, all) => (i === 0 ? 0 : at - all[i - 1]!));
	const late = gaps.filter(gap => gap > 300 * 1.2).length;
	// The clock alone would add a frame every 450 ms (1.5 periods): ~5 over eight 300 ms rounds.
	assert.ok(frames <= roundsSince + 1 + late, `${frames} frames over ${roundsSince} stats rounds (${late} of them late)`);
	assert.equal(lists(), listsThen, 'the lists were not polled meanwhile (events-driven)');
});
