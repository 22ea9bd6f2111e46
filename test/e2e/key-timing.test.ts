// The real bin in tmux: keys typed faster than a view opens, and text that reaches the
// program in one read with the key before it, are each taken once and in order.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {keyGap} from '../support/wait.js';
import {simSuite} from './fixtures.js';
import {shortId} from './screen.js';

describe('tmux e2e: key timing', {timeout: 360_000}, () => {
	const suite = simSuite({containers: 12});

	const openContainers = async () => {
		const containers = await suite.node.containers();
		const rig = await suite.open({args: ['-r', suite.node.endpoint], cols: 120, rows: 30, keyGapMs: 40});
		await rig.waitFor('POD ID', 20_000);
		await rig.sendKeys('2');
		await rig.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
		return rig;
	};

	test('x Enter x n at 40 ms, ten times: nothing is stopped, nothing else opens; keys read before the question was drawn never answer it, a later n does', async () => {
		const r = await openContainers();
		const running = async () => (await suite.node.containers()).filter(c => c.state === 'CONTAINER_RUNNING').length;
		const before = await running();
		for (let round = 0; round < 10; round++) {
			await r.sendKeys('x', 'Enter', 'x', 'n');
			// Either the n (or the Enter) answered a question drawn before it arrived, or the keys came
			// before it was drawn and it is still open, saying so (issue 9): a later n answers it.
			const screen = await r.waitFor(s => /cancelled/.test(s) || /typed before the question was shown/.test(s));
			assert.doesNotMatch(screen, /YAML/, `round ${round}: Enter also opened the row`);
			// The first x's answer may be on screen while the second x has not opened its question yet
			// (a busy machine): settle by answering every question that opens with a later n, until no
			// question shows up for a while. Each later n must close its question.
			for (let settle = 0; settle < 5; settle++) {
				if (/Stop container/.test(await r.screen())) {
					await r.sendKeys('n');
					await r.waitForGone(/Stop container/);
				}
				const quiet = await r.holdsFor(s => !/Stop container/.test(s), 1500, 'no question opens late').then(() => true, () => false);
				if (quiet) break;
			}

			assert.doesNotMatch(await r.screen(), /Stop container/, `round ${round}: a question stayed open after a later n`);
			await r.sendKeys('j');
			await r.waitForGone(/cancelled/);
		}

		assert.equal(await running(), before, 'no container was stopped');
	});

	test('/nginx pasted in one piece, and nginx 5 ms after /, both filter by nginx', async () => {
		const r = await openContainers();
		await r.tmux('set-buffer', '/nginx');
		await r.tmux('paste-buffer', '-t', r.target);
		await r.waitFor(/\/nginx█/);
		await r.sendKeys('Escape');
		await r.waitForGone(/\/nginx/);
		await r.type('/');
		await keyGap(5);
		await r.type('nginx');
		const screen = await r.waitFor(/\/nginx█/);
		assert.match(screen, /Containers 1 /);
		await r.type('\r:q\r');
		assert.equal((await r.exitStatus()).exitCode, 0);
	});
});
