import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {splitChunk} from '../../source/ui/key-dispatch.js';
import {delay, keys, renderApp, unmountAll} from './helpers.js';

const noKey = {} as Key;

/** The containers pane with its rows loaded (a loaded machine can take longer than a fixed wait). */
async function containersPane(app: ReturnType<typeof renderApp>): Promise<void> {
	await app.press('2');
	for (let i = 0; i < 100 && !/sidecar/.test(app.frame()); i++) await delay(20);
	assert.match(app.frame(), /sidecar/);
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

	test('keys written back to back (before a view subscribed) all reach the dialog: x Enter x n leaves no dialog', async () => {
		const app = renderApp();
		await containersPane(app);
		// Each write is read at once: the next key comes before React ran the view's effects.
		for (const k of ['x', keys.enter, 'x', 'n']) app.stdin.write(k);
		await delay(100);
		assert.doesNotMatch(app.frame(), /Stop container/);
		assert.match(app.frame(), /cancelled/);
	});

	test('x Enter x n in one chunk: every key is taken, in order', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('x\rxn');
		assert.doesNotMatch(app.frame(), /Stop container/);
		assert.match(app.frame(), /cancelled/);
	});

	test('a key is handled once: Enter that cancels a dialog does not also open the row', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('x');
		await app.press(keys.enter);
		assert.doesNotMatch(app.frame(), /Stop container/);
		assert.doesNotMatch(app.frame(), /YAML/, 'no inspect view opened by the same Enter');
		app.stdin.write('x');
		app.stdin.write(keys.enter);
		app.stdin.write('i');
		await delay(100);
		// x opens, Enter cancels, i inspects: the inspect view, no dialog.
		assert.match(app.frame(), /YAML/);
		assert.doesNotMatch(app.frame(), /Stop container/);
	});

	test('keys typed while a view opens go to it, not to the panes: ? then j q in one chunk', async () => {
		const app = renderApp();
		await delay(50);
		await app.press('?' + 'j', keys.escape);
		assert.doesNotMatch(app.frame(), /Stop container|YAML/);
		assert.match(app.frame(), /Pods/);
	});

	test('Ctrl-C still quits while a view is opening', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await containersPane(app);
		app.stdin.write('x');
		app.stdin.write('\u0003');
		await delay(50);
		assert.equal(quits, 1);
	});
});

describe('text with the key before it in one chunk', () => {
	afterEach(unmountAll);

	test('/nginx pasted whole filters by nginx; / then nginx 5 ms later too', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('/nginx');
		assert.match(app.frame(), /\/nginx█/);
		assert.doesNotMatch(app.frame(), /postgres|sidecar/);
		await app.press(keys.escape);
		app.stdin.write('/');
		await delay(5);
		app.stdin.write('nginx');
		await delay(50);
		assert.match(app.frame(), /\/nginx█/);
	});

	test('the filter takes Enter inside a chunk: "\\r:q\\r" keeps the filter, then runs :q', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await containersPane(app);
		await app.press('/nginx', '\r:q\r');
		assert.equal(quits, 1);
	});

	test('after Enter in the same chunk the keys are pane keys again: "/post\\rx" asks to stop postgres', async () => {
		const app = renderApp();
		await containersPane(app);
		await app.press('/post\rx');
		assert.match(app.frame(), /Stop container postgres\?/);
	});
});
