// The selection is an object, not a row (issue 9): it moves only on a key; a
// selected object that leaves the node stays drawn in place, marked gone, and
// every action on it says so instead of acting on another object.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {placeSelection} from '../../source/state/selectors.js';
import {waitFor} from '../support/wait.js';
import {pollingFakeClient} from '../state/fake-client.js';
import {container, renderApp as renderAnyApp, sampleNode, unmountAll} from './helpers.js';

/** The app on a node without an event stream, polling every 40 ms, so outside changes show at once. */
const renderApp = (node: ReturnType<typeof sampleNode>) => renderAnyApp(node, {intervalMs: 40, connect: () => pollingFakeClient(node)});

const [nginx, postgres, sidecar] = ['c', 'd', 'e'].map(ch => ch.repeat(64));
const others = (calls: string[]) => calls.filter(c => !/^(List|Version|Status|ImageFsInfo)/.test(c));

describe('placeSelection', () => {
	const key = (s: string) => s;
	const all = (...ids: string[]) => (id: string) => ids.includes(id);

	test('found: its row; vanished from the node: its last copy in place, marked gone', () => {
		assert.deepEqual(placeSelection(['a', 'b', 'c'], key, {id: 'b', index: 0}, all('a', 'b', 'c'), 'b'), {items: ['a', 'b', 'c'], index: 1, gone: null});
		assert.deepEqual(placeSelection(['a', 'c'], key, {id: 'b', index: 1}, all('a', 'c'), 'b'), {items: ['a', 'b', 'c'], index: 1, gone: 'b'});
		// The last row left: the copy stays last.
		assert.deepEqual(placeSelection(['a'], key, {id: 'b', index: 5}, all('a'), 'b'), {items: ['a', 'b'], index: 1, gone: 'b'});
	});

	test('hidden by a filter (still on the node) or never chosen: the nearest row, nothing marked gone', () => {
		assert.deepEqual(placeSelection(['a', 'c'], key, {id: 'b', index: 1}, all('a', 'b', 'c'), 'b'), {items: ['a', 'c'], index: 1, gone: null});
		assert.deepEqual(placeSelection(['a', 'c'], key, {id: null, index: 0}, all('a', 'c'), undefined), {items: ['a', 'c'], index: 0, gone: null});
		assert.deepEqual(placeSelection([], key, {id: 'b', index: 0}, all(), undefined), {items: [], index: -1, gone: null});
	});
});

describe('the selection is an object', () => {
	afterEach(unmountAll);

	test('a selected container removed from outside stays shown, marked gone; i l s x t p Enter Ctrl-D :exec act on nothing else', async () => {
		const node = sampleNode();
		const app = renderApp(node);
		await app.press('2');
		await app.waitFor(/sidecar/);
		await app.press('j');
		// Taken away by someone else, between two refreshes.
		const lists = () => node.calls.filter(c => c === 'ListContainers').length;
		const before = lists();
		await waitFor(() => lists() > before, 'a refresh after the j');
		node.containers = node.containers.filter(c => c.id !== postgres);
		let frame = await app.waitFor(/ddddddddddddd .*gone +postgres/);
		// In place: between nginx and sidecar, as before.
		const order = frame.split('\n').map(l => /^(c|d|e){13} /.exec(l)?.[1]).filter(Boolean);
		assert.deepEqual(order, ['c', 'd', 'e']);

		const tried: Array<[string, string]> = [
			['i', 'inspect'], ['l', 'logs'], ['s', 'shell'], ['x', 'stop'], ['t', 'crash triage'], ['p', 'previous logs'], ['\r', 'open'], ['\u0004', 'remove'],
		];
		for (const [key, word] of tried) {
			await app.press(key);
			frame = await app.waitFor(new RegExp(`${word}: container postgres \\(ddddddddddddd\\) is gone from the runtime, nothing done`));
			// No view opened over the pane: the table and the gone row are still what is shown.
			assert.match(frame, /ddddddddddddd .*gone +postgres/, `${word}: the gone row is still shown`);
			assert.doesNotMatch(frame, /Stop container|Remove container/, `${word} asked a question`);
		}

		await app.press(':');
		await app.press('exec ls');
		await app.press('\r');
		await app.waitFor(/exec: container postgres \(ddddddddddddd\) is gone/);
		// Nothing was asked of the runtime about any container, let alone stopped or removed.
		assert.deepEqual(others(node.calls), []);

		// Moving is choosing: k selects nginx, the gone row goes, and i inspects nginx (what is highlighted).
		await app.press('k');
		await app.waitFor(f => !/gone/.test(f) && !/ddddddddddddd/.test(f));
		await app.press('i');
		frame = await app.waitFor(new RegExp(nginx));
		assert.doesNotMatch(frame, new RegExp(`${postgres}|${sidecar}`));
	});

	test('the highlight never moves by itself: a newer container on top and a reorder keep sidecar selected; x asks about sidecar', async () => {
		const node = sampleNode();
		const app = renderApp(node);
		await app.press('2');
		await app.waitFor(/sidecar/);
		await app.press('j', 'j');
		const fresh = container('9'.repeat(64), 'newcomer', 'a'.repeat(64));
		fresh.createdAt = '1700000009000000000';
		node.containers = [fresh, ...node.containers.reverse()];
		await app.waitFor(/newcomer/);
		await app.press('x');
		assert.match(await app.waitFor(/Stop container \w+\?/), /Stop container sidecar\?/);
		assert.match(app.frame(), new RegExp(`ID: ${sidecar}`));
	});

	test('before any key the first row drawn is the selection: a newer container on top does not take it', async () => {
		const node = sampleNode();
		const app = renderApp(node);
		await app.press('2');
		await app.waitFor(/sidecar/);
		const lists = () => node.calls.filter(c => c === 'ListContainers').length;
		const before = lists();
		await waitFor(() => lists() > before, 'a refresh after the pane was drawn');
		const fresh = container('9'.repeat(64), 'newcomer', 'a'.repeat(64));
		fresh.createdAt = '1700000009000000000';
		node.containers = [fresh, ...node.containers];
		await app.waitFor(/newcomer/);
		await app.press('x');
		assert.match(await app.waitFor(/Stop container \w+\?/), /Stop container nginx\?/);
		assert.match(app.frame(), new RegExp(`ID: ${nginx}`));
	});

	test('g, j or k from a gone row go to the live rows around it: the top row gone, g selects the new top (postgres)', async () => {
		const node = sampleNode();
		const app = renderApp(node);
		await app.press('2');
		await app.waitFor(/sidecar/);
		const lists = () => node.calls.filter(c => c === 'ListContainers').length;
		const before = lists();
		await waitFor(() => lists() > before, 'a refresh after the pane was drawn');
		node.containers = node.containers.filter(c => c.id !== nginx);
		await app.waitFor(/ccccccccccccc .*gone +nginx/);
		await app.press('g');
		await app.waitFor(f => !/ccccccccccccc/.test(f));
		await app.press('x');
		assert.match(await app.waitFor(/Stop container \w+\?/), /Stop container postgres\?/);
	});
});
