// The real bin in tmux: keys typed faster than a view opens, and text that reaches the
// program in one read with the key before it, are each taken once and in order.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {sleep} from './tmux-rig.js';
import {simSuite} from './fixtures.js';
import {shortId} from './screen.js';

describe('tmux e2e: key timing', {timeout: 120_000}, () => {
	const suite = simSuite({containers: 12});

	const openContainers = async () => {
		const containers = await suite.node.containers();
		const rig = await suite.open({args: ['-r', suite.node.endpoint], cols: 120, rows: 30, keyGapMs: 40});
		await rig.waitFor('POD ID', 20_000);
		await rig.sendKeys('2');
		await rig.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
		return rig;
	};

	test('x Enter x n at 40 ms, ten times: every n cancels, no dialog is left open and nothing else opens', async () => {
		const r = await openContainers();
		for (let round = 0; round < 10; round++) {
			await r.sendKeys('x', 'Enter', 'x', 'n');
			const screen = await r.waitFor(/cancelled/, 3_000).catch(async () => r.screen());
			assert.doesNotMatch(screen, /Stop container/, `round ${round}: the dialog stayed open`);
			assert.doesNotMatch(screen, /YAML/, `round ${round}: Enter also opened the row`);
			assert.match(screen, /cancelled/, `round ${round}`);
			await r.sendKeys('j');
			await r.waitForGone(/cancelled/, 3_000);
		}
	});

	test('/nginx pasted in one piece, and nginx 5 ms after /, both filter by nginx', async () => {
		const r = await openContainers();
		await r.tmux('set-buffer', '/nginx');
		await r.tmux('paste-buffer', '-t', r.target);
		await r.waitFor(/\/nginx█/, 3_000);
		await r.sendKeys('Escape');
		await r.waitForGone(/\/nginx/, 3_000);
		await r.type('/');
		await sleep(5);
		await r.type('nginx');
		const screen = await r.waitFor(/\/nginx█/, 3_000);
		assert.match(screen, /Containers 1 /);
		await r.type('\r:q\r');
		assert.equal((await r.exitStatus()).exitCode, 0);
	});
});
