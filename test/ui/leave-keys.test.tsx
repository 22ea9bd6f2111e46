// One rule for q, Esc and Ctrl-C in every view and question, and ? shows it.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {interruptEffect} from '../../source/state/keymap.js';
import {keys, renderApp, unmountAll} from './helpers.js';
import {waitFor} from '../support/wait.js';

describe('q, Esc and Ctrl-C', () => {
	afterEach(unmountAll);

	test('the rule: a question or a typed line is cancelled by Ctrl-C, anything else quits', () => {
		assert.equal(interruptEffect({questionOpen: true, typing: false}), 'cancel-question');
		assert.equal(interruptEffect({questionOpen: false, typing: true}), 'cancel-input');
		assert.equal(interruptEffect({questionOpen: false, typing: false}), 'quit');
	});

	test('? shows the rule; q closes help (not the program), q on the panes quits', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await app.waitFor(/web-1/);
		await app.press('?');
		const help = await app.waitFor(/Leaving \(the same rule/);
		assert.match(help, /Ctrl-C\s+in a question or while typing/);
		await app.press('q');
		await app.waitFor(f => !/Leaving \(the same rule/.test(f));
		assert.equal(quits, 0);
		await app.press('q');
		assert.equal(await waitFor(() => quits, 'onQuit'), 1);
	});

	test('q closes inspect and logs; Esc too; Ctrl-C in the / filter clears it instead of quitting', async () => {
		let quits = 0;
		const app = renderApp(undefined, {onQuit: () => quits++});
		await app.waitFor(/web-1/);
		await app.press('2');
		await app.waitFor(/nginx/);
		for (const open of ['i', 'l']) {
			await app.press(open);
			await app.waitFor(open === 'i' ? /YAML \(y\/J\)/ : /^logs /m);
			await app.press('q');
			await app.waitFor(/CONTAINER/);
		}

		await app.press('i');
		await app.waitFor(/YAML \(y\/J\)/);
		await app.press(keys.escape);
		await app.waitFor(/CONTAINER/);
		await app.press('/', 'ngi');
		await app.waitFor(/\/ngi█/);
		app.stdin.write('\u0003');
		await app.waitFor(f => !/\/ngi/.test(f));
		assert.equal(quits, 0);
		app.stdin.write('\u0003');
		assert.equal(await waitFor(() => quits, 'onQuit'), 1);
	});
});
