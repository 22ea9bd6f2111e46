// The real bin in tmux: the logs view's --tail / --since (issue 10), from the dashboard's flags and
// from T and S in the view. The footer's crictl line and the lines on screen change together.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {simSuite} from './fixtures.js';
import {selectRow, shortId} from './screen.js';

describe('tmux: logs --tail and --since', {timeout: 240_000}, () => {
	const suite = simSuite({containers: 6});

	test('--tail 3 opens logs with the last 3 lines; T 1 reads the last one; S with a time after every line empties it', async () => {
		const running = (await suite.node.containers()).find(c => c.state === 'CONTAINER_RUNNING')!;
		const name = running.metadata!.name;
		// The simulated node keeps its logs under its own directory: --log-root lets the dashboard read them.
		const r = await suite.open({args: ['-r', suite.node.endpoint, '--log-root', path.join(suite.node.dir, 'logs'), '--tail', '3'], cols: 160, rows: 40});
		await r.waitFor('POD ID', 20_000);
		await r.sendKeys('2');
		await r.waitFor(shortId(running.id));
		await selectRow(r, shortId(running.id));
		await r.sendKeys('l');
		const logLines = (screen: string) => screen.split('\n').filter(line => line.startsWith(`${name}: `));
		const tail3 = await r.waitFor(s => s.includes(`logs -f --tail 3 ${shortId(running.id)}`) && logLines(s).length === 3);
		assert.match(tail3, new RegExp(`\\$ crictl .*logs -f --tail 3 ${shortId(running.id)}`));
		const last = logLines(tail3).at(-1)!;

		await r.sendKeys('T');
		await r.waitFor('tail lines (-1 all): 3_');
		await r.sendKeys('BSpace', '1', 'Enter');
		const tail1 = await r.waitFor(s => s.includes(`logs -f --tail 1 ${shortId(running.id)}`) && logLines(s).length === 1);
		assert.deepEqual(logLines(tail1), [last], 'the one line is the last line');
		assert.match(tail1, /following · stdout\+stderr · no wrap · tail 1/);

		await r.sendKeys('S');
		await r.waitFor('since (5m, 2h, RFC 3339; empty for all): _');
		await r.type('2999-01-01T00:00:00Z');
		await r.sendKeys('Enter');
		const none = await r.waitFor(s => s.includes(`logs -f --tail 1 --since 2999-01-01T00:00:00Z ${shortId(running.id)}`) && s.includes('the log is empty'));
		assert.deepEqual(logLines(none), []);
	});
});
