// The events pane as a person uses it, against the simulated node over real gRPC: a pane in the
// tab bar with the same pane keys as the others, names on every event (CRI-O leaves the container
// out of its own events), ages that move while nothing is re-listed, Ctrl-R, and a flood of events
// that costs at most one re-list per refresh period.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import type {Flavor} from '../../source/sim/index.js';
import {holdsFor, keyGap, turns, waitFor} from '../support/wait.js';
import {waitForFrame} from './helpers.js';
import {listCalls as lists, simApps} from './sim-app.js';
const keys = {tab: '\t', ctrlR: '\u0012'};

describe('events pane', () => {
	const nodes = simApps('events-pane');
	after(async () => nodes.close());

	/** The app on a node of `flavor`; with a stream, once the header says it refreshes on events. */
	async function app(flavor: Flavor, intervalMs: number, name: string = flavor) {
		const {sim, app: rendered, frame} = await nodes.start(flavor, {size: {columns: 120, rows: 30}, intervalMs}, name);
		const streams = flavor !== 'containerd' && flavor !== 'cri-dockerd';
		await waitForFrame(frame, streams ? /refreshed \d\d:\d\d:\d\d on events/ : /refreshed \d\d:\d\d:\d\d/, 15_000);
		const press = async (...typed: string[]) => {
			for (const [i, k] of typed.entries()) {
				if (i > 0) await keyGap(15);
				rendered.stdin.write(k);
			}
			await turns();
		};
		return {sim, frame, press, waitFor: async (match: RegExp, timeoutMs = 10_000) => waitForFrame(frame, match, timeoutMs)};
	}

	test('4 shows it in the tab bar; 1, 2, 3, Tab, Shift-Tab and e work there as on every pane', async () => {
		const a = await app('containerd', 60_000);
		await a.press('4');
		const events = await a.waitFor(/4 Events \d+/);
		assert.match(events, /^TIME +AGE +EVENT +NAME +POD +CONTAINER +EXIT/m);
		assert.match(events, /crictl .*events\n/);
		await a.press('2');
		assert.match(await a.waitFor(/crictl .*ps -a/), /crictl .*ps -a/);
		await a.press('4', keys.tab);
		assert.match(await a.waitFor(/crictl .*pods/), /crictl .*pods/);
		await a.press('4', '\u001B[Z');
		assert.match(await a.waitFor(/crictl .*images --pinned/), /crictl .*images --pinned/);
		await a.press('4', '1');
		assert.match(await a.waitFor(/crictl .*pods/), /crictl .*pods/);
		await a.press('4', 'e');
		assert.match(await a.waitFor(/runtime-endpoint=/), /runtime-endpoint=/);
	});

	test('CRI-O: container and pod events are named (from the lists or the pod), never "?"', async () => {
		const a = await app('cri-o', 200);
		await a.press('4');
		await a.waitFor(/4 Events/);
		// Five ticks of life always start a job: a pod and its container, created and started.
		for (let i = 0; i < 10; i++) a.sim.tick();
		const container = /(created|started) +report +nightly-report-\S+ +[0-9a-f]{13}/;
		const frame = await waitForFrame(a.frame, f => /pod started +nightly-report-\S+ +nightly-report-/.test(f) && container.test(f));
		assert.match(frame, container);
		const rows = frame.split('\n').filter(l => /\d\d:\d\d:\d\d (Less|\d|About)/.test(l));
		assert.ok(rows.length >= 3, frame);
		assert.doesNotMatch(rows.join('\n'), /\?/);
	});

	test('ages move while nothing is re-listed (events drive the lists; the safety poll is 30 s away)', async () => {
		const a = await app('containerd-1.7', 300);
		await a.press('4');
		for (let i = 0; i < 5; i++) a.sim.tick();
		await a.waitFor(/started +report/);
		// The events' own re-list (at most one a period) is done: no list call for a second.
		await waitFor(async () => {
			const count = lists(a.sim);
			return holdsFor(() => lists(a.sim) === count, 1000, 'no list call').then(() => true, () => false);
		}, {timeoutMs: 15_000, what: 'the lists to go quiet'});
		const quiet = lists(a.sim);
		const first = await a.waitFor(/(\d+) seconds ago +(created|started)/, 15_000);
		const seconds = Number(/(\d+) seconds ago +(created|started)/.exec(first)![1]);
		const later = await a.waitFor(new RegExp(`(?:${seconds + 2}|${seconds + 3}|${seconds + 4}|${seconds + 5}) seconds ago +(created|started)`), 15_000);
		assert.ok(later);
		assert.equal(lists(a.sim), quiet, 'no list call while the ages moved');
	});

	test('Ctrl-R re-lists at once, while events drive the lists', async () => {
		const a = await app('containerd-1.7', 300, 'refresh');
		const before = lists(a.sim);
		const calls = JSON.stringify(a.sim.calls);
		await a.press(keys.ctrlR);
		await waitFor(() => lists(a.sim) > before, {timeoutMs: 10_000, what: () => `a list call after Ctrl-R: ${calls} → ${JSON.stringify(a.sim.calls)}`});
		assert.ok(lists(a.sim) >= before + 1);
	});

	test('a flood of events: at most one re-list per refresh period', async () => {
		const periodMs = 1000;
		const a = await app('cri-o', periodMs, 'flood');
		const before = lists(a.sim);
		const started = Date.now();
		// Three seconds of a node in trouble: a tick of life every 10 ms, each a handful of events.
		await new Promise<void>(resolve => {
			const timer = setInterval(() => {
				for (let i = 0; i < 5; i++) a.sim.tick();
				if (Date.now() - started >= 3000) {
					clearInterval(timer);
					resolve();
				}
			}, 10);
		});
		await a.press('4');
		// The stream has delivered the flood: the count of events kept stops moving.
		const kept = () => Number(/(\d+) kept/.exec(a.frame())?.[1] ?? 0);
		await waitFor(async () => {
			const count = kept();
			return holdsFor(() => kept() === count, 1000, 'no new event').then(() => count >= 100, () => false);
		}, {timeoutMs: 30_000, what: () => `the flood to be in: ${kept()} kept`});
		const elapsed = Date.now() - started;
		const relists = lists(a.sim) - before;
		// One per period begun, and the one that may be pending at the end.
		const allowed = Math.ceil(elapsed / periodMs) + 1;
		assert.ok(relists <= allowed, `${relists} re-lists in ${elapsed} ms (period ${periodMs} ms), at most ${allowed}`);
		assert.ok(relists >= 1, 'the flood was re-listed at all');
	});
});
