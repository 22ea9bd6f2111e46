// `s` in the real bin under tmux, on each simulated flavour, in a container whose image has no bash
// (busybox): each runtime refuses bash its own way (containerd an error status, CRI-O exit 255 with
// the runtime's words, cri-dockerd exit 126 on a scheme-less URL) and the dashboard falls back to
// /bin/sh, shows no trace of the refusal, and comes back with the shell's exit code.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import type {Flavor} from '../../source/sim/index.js';
import {simSuite} from './fixtures.js';
import {selectRow, shortId} from './screen.js';

const flavors: Flavor[] = ['containerd', 'cri-o', 'cri-dockerd'];

describe('tmux e2e: s on every flavour with a bash-less image', {timeout: 240_000}, () => {
	for (const flavor of flavors) {
		describe(flavor, () => {
			const suite = simSuite({flavor, containers: 12});
			test(`${flavor}: bash refused, /bin/sh opens, exit 3 comes back`, async () => {
				const busybox = (await suite.node.containers()).find(c => c.metadata?.name === 'log-shipper' && c.state === 'CONTAINER_RUNNING')!;
				const r = await suite.open({args: ['-r', suite.node.endpoint, '-t', '10s'], cols: 140, rows: 30});
				await r.waitFor('POD ID', 20_000);
				await r.sendKeys('2');
				await r.waitFor(shortId(busybox.id), 20_000);
				// The filter leaves only this container, so `s` cannot land on another row.
				await r.sendKeys('/');
				await r.waitFor('type to filter');
				await r.type('log-shipper');
				await r.sendKeys('Enter');
				await r.waitFor(s => s.includes(shortId(busybox.id)) && !/\bnginx\b/.test(s));
				await selectRow(r, shortId(busybox.id));
				await r.sendKeys('s');
				const prompt = await r.waitFor(s => s.includes('shell in') && /^\/ #/m.test(s), 20_000);
				assert.doesNotMatch(prompt, /executable file not found|OCI runtime|exit code 255|exit code 126/);
				await r.type('command -v bash || echo no-bash-here');
				await r.sendKeys('Enter');
				await r.waitFor(/^no-bash-here$/m);
				await r.type('exit 3');
				await r.sendKeys('Enter');
				const back = await r.waitFor(s => /\b(exit(ed)?|code)\b\D{0,12}\b3\b/i.test(s) && s.includes('CONTAINER'), 20_000);
				assert.ok(back.includes(shortId(busybox.id)), 'the dashboard again, on the same row');
				assert.doesNotMatch(back, /failed|Invalid URL/);
			});
		});
	}
});
