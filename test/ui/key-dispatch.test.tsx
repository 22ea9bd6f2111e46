import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {splitChunk} from '../../source/ui/key-dispatch.js';
import {keys, renderApp, unmountAll} from './helpers.js';
import {keyGap, waitFor} from '../support/wait.js';

const noKey = {} as Key;

/** The containers pane with its rows loaded. */
async function containersPane(app: ReturnType<typeof renderApp>): Promise<void> {
	await app.press('2');
	assert.match(await app.waitFor(/sidecar/), /sidecar/);
}

describe('splitChunk', () => {
	test('plain text of several keys becomes one key per character, Enter and Tab included', () => {
		const split = splitChunk('x\rn\t', noKey);
		assert.deepEqual(split.map(([input]) => input), ['x', '', 'n', '']);
		assert.deepEqual(split.map(([, key]) => Boolean(key.return)), [false, true, false, false]);
		assert.equal(split[3][1].tab, true);
	});

	test('a single key, a control key and an escape sequence stay whole', () => {
		assert.deepEqual(splitChunk('j', noKey), [['j', noKey]]);
		const ctrl = {ctrl: true} as Key;
		assert.deepEqual(splitChunk('d', ctrl), [['d', ctrl]]);
		const meta = {meta: true} as Key;
		assert.deepEqual(splitChunk('ab', meta), [['ab', meta]]);
	});

	test('wide and astral characters are one key each', () => {
		assert.deepEqual(splitChunk('日🙂', noKey).map(([input]) => input), ['日', '🙂']);
	});
});

describe('one key dispatcher', () => {
	afterEach(unmountAll);

	test('keys written back to back (before the question was drawn) never answer it: x Enter x n leaves it open', async () => {
		const app = renderApp();
		await containersPane(app);
		// Each write is read at once: the next keys come before the question was drawn (issue 9).
		for (const k of ['x', keys.enter, 'x', 'n']) app.stdin.write(k);
		await waitFor(() => /Stop container nginx\?/.test(app.frame()) && /3 keys typed before the question/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /cancelled|YAML/);
		// A later key is an answer: n cancels.
		app.stdin.write('n');
		await waitFor(() => /cancelled/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /Stop container/);
	});

	test('x Enter x n in one chunk: the keys after x do not answer the question', async () => {
		const app = renderApp();
		await containersPane(app);
		app.stdin.write('x\rxn');
		await waitFor(() => /Stop container nginx\?/.test(app.frame()) && /3 keys typed before the question/.test(app.frame()), {what: () => app.frame()});
		assert.deepEqual(app.node.calls.filter(c => c.startsWith('StopContainer')), []);
	});

	test('a key is handled once: Enter that cancels a dialog does not also open the row', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('x');
		await waitFor(() => /Stop container/.test(app.frame()));
		await app.press(keys.enter);
		await waitFor(() => /cancelled/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /Stop container/);
		assert.doesNotMatch(app.frame(), /YAML/, 'no inspect view opened by the same Enter');
	});

	test('keys typed while a view opens go to it, not to the panes: ? then j q in one chunk', async () => {
		const app = renderApp();
		await app.waitFor(/Pods/);
		await app.press('?' + 'j');
		const help = await app.waitFor(/Keys \(Esc closes/);
		await app.press(keys.escape);
		const back = await app.waitFor(f => f !== help && /Pods/.test(f));
		assert.doesNotMatch(back, /Stop container|YAML/);
		assert.match(back, /Pods/);
	});

	test('Ctrl-C while a question is opening cancels it (never the program); the next Ctrl-C quits', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await containersPane(app);
		app.stdin.write('x');
		app.stdin.write('\u0003');
		assert.match(await app.waitFor(/cancelled \(Ctrl-C\)/), /cancelled/);
		assert.equal(quits, 0);
		assert.doesNotMatch(app.frame(), /Stop container/);
		app.stdin.write('\u0003');
		assert.equal(await waitFor(() => quits, 'onQuit'), 1);
	});
});

describe('text with the key before it in one chunk', () => {
	afterEach(unmountAll);

	test('/nginx pasted whole filters by nginx; / then nginx 5 ms later too', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('/nginx');
		assert.match(await app.waitFor(/\/nginx█/), /\/nginx█/);
		assert.doesNotMatch(await app.waitFor(f => !/postgres|sidecar/.test(f)), /postgres|sidecar/);
		await app.press(keys.escape);
		await app.waitFor(f => !/\/nginx█/.test(f));
		app.stdin.write('/');
		await keyGap(5);
		app.stdin.write('nginx');
		assert.match(await app.waitFor(/\/nginx█/), /\/nginx█/);
	});

	test('the filter takes Enter inside a chunk: "\\r:q\\r" keeps the filter, then runs :q', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await containersPane(app);
		await app.press('/nginx', '\r:q\r');
		assert.equal(await waitFor(() => quits, 'onQuit'), 1);
	});

	test('after Enter in the same chunk the keys are pane keys again: "/post\\rx" asks to stop postgres', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('/post\rx');
		assert.match(await app.waitFor(/Stop container postgres\?/), /Stop container postgres\?/);
	});
});
