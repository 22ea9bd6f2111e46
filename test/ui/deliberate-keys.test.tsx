// Keys are deliberate (issue 9): a paste never runs as keys, and a question
// only takes an answer read after it was drawn. The real <App> on a fake
// client whose call log shows whether anything was stopped.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {PASTE_END, PASTE_START, cleanPaste, createPasteTracker} from '../../source/ui/paste.js';
import {waitFor, turns} from '../support/wait.js';
import {keys, renderApp, unmountAll} from './helpers.js';

const paste = (text: string) => `${PASTE_START}${text}${PASTE_END}`;
const nginx = 'c'.repeat(64);
const stops = (app: ReturnType<typeof renderApp>) => app.node.calls.filter(c => c.startsWith('StopContainer'));

/** The containers pane, loaded, nginx (the newest) selected. */
async function containersPane(app: ReturnType<typeof renderApp>): Promise<void> {
	app.stdin.write('2');
	await waitFor(() => /sidecar/.test(app.frame()) && /> ?nginx|nginx/.test(app.frame()), {what: () => app.frame()});
}

/** Writes one read's worth of input, then lets it be read before anything else is written. */
async function send(app: ReturnType<typeof renderApp>, chunk: string): Promise<void> {
	app.stdin.write(chunk);
	await turns(3);
}

describe('paste tracker', () => {
	test('collects the text between the markers, across events, and swallows the markers', () => {
		const got: string[] = [];
		const t = createPasteTracker(raw => got.push(raw));
		assert.deepEqual([PASTE_START, 'xy', '\u001B[A', '\r\u0003z', PASTE_END, 'q'].map(e => t.take(e)), [true, true, true, true, true, false]);
		assert.deepEqual(got, ['xy\u001B[A\r\u0003z']);
	});

	test('a marker split across two events (ink flushed half of it) is still a marker', () => {
		const got: string[] = [];
		const t = createPasteTracker(raw => got.push(raw));
		assert.equal(t.take('\u001B[20'), true);
		assert.equal(t.take('0~xy'), true);
		assert.equal(t.pasting, true);
		assert.equal(t.take('\u001B[201~'), true);
		assert.deepEqual(got, ['xy']);
	});

	test('a paste whose end never comes is delivered by flush, and keys are keys again', () => {
		const got: string[] = [];
		const t = createPasteTracker(raw => got.push(raw));
		t.take(PASTE_START);
		t.take('rm -rf');
		t.flush();
		assert.deepEqual(got, ['rm -rf']);
		assert.equal(t.take('j'), false);
		assert.equal(t.take(PASTE_END), true, 'a stray end marker is swallowed');
	});

	test('cleanPaste keeps one line of text: no escape sequences, no control characters', () => {
		assert.equal(cleanPaste('ng\u001B[31mi\tnx\r\n\u0007\u009B\u202E'), 'nginx');
		assert.equal(cleanPaste('a\u001B]0;title\u0007b\u001BOPc'), 'abc');
		assert.equal(cleanPaste('x'.repeat(10_000)).length, 4096);
	});
});

describe('pasted text never runs as keys', () => {
	afterEach(unmountAll);

	test('a paste of "xy" on the panes opens no question and stops nothing; a note says it was ignored', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, paste('oxygen-xy'));
		await waitFor(() => /paste ignored \(9 characters\)/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /Stop container/);
		assert.deepEqual(stops(app), []);
		// The keyboard is not held: a typed x still asks (and the note is gone).
		await send(app, 'x');
		await waitFor(() => /Stop container nginx\?/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /paste ignored/);
	});

	test('a paste split across reads, with Ctrl-C, Enter, q and arrows inside, does nothing at all', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await containersPane(app);
		await send(app, `${PASTE_START}x`);
		await send(app, 'y\u0003q');
		await send(app, `\r${keys.down}i${PASTE_END}`);
		await waitFor(() => /paste ignored \(4 characters\)/.test(app.frame()), {what: () => app.frame()});
		assert.equal(quits, 0);
		assert.doesNotMatch(app.frame(), /Stop container|YAML/);
		assert.deepEqual(stops(app), []);
	});

	test('a start marker ink hands over in two halves is still a paste', async () => {
		const app = renderApp();
		await containersPane(app);
		// ink holds an unfinished escape sequence for one turn, then emits it as it is.
		await send(app, '\u001B[20');
		await send(app, `0~xy${PASTE_END}`);
		await waitFor(() => /paste ignored \(2 characters\)/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /Stop container/);
		assert.deepEqual(stops(app), []);
	});

	test('in the filter a paste is text, cleaned of control characters and escape sequences', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, '/');
		await send(app, paste('ng\u001B[31mi\tnx\r\n'));
		await waitFor(() => /\/nginx█/.test(app.frame()) && !/sidecar/.test(app.frame()), {what: () => app.frame()});
		assert.doesNotMatch(app.frame(), /paste ignored/);
	});

	test('on the : line a paste is text too; Enter then runs it', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, ':');
		await send(app, paste('images\r'));
		await waitFor(() => /:images█/.test(app.frame()), {what: () => app.frame()});
		await send(app, keys.enter);
		await waitFor(() => /IMAGE.*TAG/.test(app.frame()) && /docker.io\/library\/nginx +1.25/.test(app.frame()), {what: () => app.frame()});
	});

	test('a paste while a question is open does not answer it; a later y does', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, 'x');
		await waitFor(() => /Stop container nginx\?/.test(app.frame()), {what: () => app.frame()});
		await send(app, paste('y'));
		await waitFor(() => /paste ignored \(1 character\)/.test(app.frame()), {what: () => app.frame()});
		assert.match(app.frame(), /Stop container nginx\?/);
		assert.deepEqual(stops(app), []);
		await send(app, 'y');
		await waitFor(() => stops(app).length === 1, {what: () => app.frame()});
		assert.deepEqual(stops(app), [`StopContainer ${nginx}`]);
	});

	test('in the log search a paste is text; outside the search the logs view ignores it with a note', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, 'l');
		await waitFor(() => /Space pause/.test(app.frame()), {what: () => app.frame()});
		// The keys are said once, by the footer (the view's own status line is for its notes).
		assert.equal(app.frame().split('Space pause').length - 1, 1, app.frame());
		const status = () => app.frame().split('\n').find(line => line.startsWith('logs ')) ?? '';
		assert.match(status(), /· no wrap/);
		await send(app, paste('tw'));
		await waitFor(() => /paste ignored \(2 characters\)/.test(app.frame()), {what: () => app.frame()});
		// t and w would have toggled timestamps and wrapping: the view's status still says neither.
		assert.match(status(), /· no wrap/);
		assert.doesNotMatch(status(), /timestamps/);
		await send(app, '/');
		await waitFor(() => /\/_/.test(app.frame()), {what: () => app.frame()});
		await send(app, paste('er\u001B[31mr\u0007or'));
		await waitFor(() => /\/error_/.test(app.frame()), {what: () => app.frame()});
	});
});

describe('a question takes only answers read after it was drawn', () => {
	afterEach(unmountAll);

	test('"xy" in one read: the question stays open, nothing is stopped; a later, separate y stops the container shown', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, 'xy');
		await waitFor(() => /Stop container nginx\?/.test(app.frame()) && /1 key typed before the question/.test(app.frame()), {what: () => app.frame()});
		assert.deepEqual(stops(app), []);
		await send(app, 'y');
		await waitFor(() => stops(app).length === 1, {what: () => app.frame()});
		assert.deepEqual(stops(app), [`StopContainer ${nginx}`]);
		await waitFor(() => !/Stop container nginx\?/.test(app.frame()), {what: () => app.frame()});
	});

	test('x and y written back to back (two reads before the question was drawn) stop nothing', async () => {
		const app = renderApp();
		await containersPane(app);
		app.stdin.write('x');
		app.stdin.write('y');
		await waitFor(() => /Stop container nginx\?/.test(app.frame()) && /1 key typed before the question/.test(app.frame()), {what: () => app.frame()});
		assert.deepEqual(stops(app), []);
	});

	test('Ctrl-D then y in one read removes nothing; the remove question stays open', async () => {
		const app = renderApp();
		await containersPane(app);
		await send(app, '\u0004y');
		await waitFor(() => /Remove container nginx\?/.test(app.frame()) && /1 key typed before/.test(app.frame()), {what: () => app.frame()});
		assert.deepEqual(app.node.calls.filter(c => c.startsWith('Remove')), []);
		// Any later key other than y cancels, as before.
		await send(app, 'n');
		await waitFor(() => /cancelled/.test(app.frame()), {what: () => app.frame()});
	});

});
