// Columns as a person sees them in tmux on the simulated node (--demo): at 80 columns the restart
// count stays and the SIMULATED reason is whole; ages are never cut mid-word; Shift-T and Shift-S sort.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {startRig, type Rig} from './tmux-rig.js';

const headerOf = (screen: string) => screen.split('\n').find(line => line.startsWith('CONTAINER'))!;
const rowsOf = (screen: string) => screen.split('\n').filter(line => /^[0-9a-f]{13} /.test(line));

describe('tmux e2e: columns', {timeout: 180_000}, () => {
	let rig: Rig | undefined;
	afterEach(() => {
		rig?.kill();
		rig = undefined;
	});

	test('80×24: ATTEMPT kept beside CPU % and MEM, ages whole (compact when short of room), SIMULATED reason not cut', async () => {
		rig = await startRig({args: ['--demo'], cols: 80, rows: 24});
		await rig.waitFor('POD ID', 30_000);
		await rig.sendKeys('2');
		const screen = await rig.waitFor(s => /CPU %/.test(s) && rowsOf(s).length >= 8, 30_000);
		assert.match(screen.split('\n')[0], /SIMULATED\s+\(demo, containerd\)/);
		assert.match(headerOf(screen), /ATTEMPT/);
		for (const row of rowsOf(screen)) assert.doesNotMatch(row, /(ago|second|minut|hour|day|week|month)…/, row);
		// The restart count is there: payments-api has restarted in the seed.
		assert.ok(rowsOf(screen).some(row => /payments-api\s.*\s[1-9]\d*\s/.test(row)), screen);
	});

	test('120×30: NAMESPACE kept; Shift-T sorts by ATTEMPT (most first), Shift-S by state (exited first)', async () => {
		rig = await startRig({args: ['--demo'], cols: 120, rows: 30});
		await rig.waitFor('POD ID', 30_000);
		await rig.sendKeys('2');
		let screen = await rig.waitFor(s => rowsOf(s).length >= 8, 30_000);
		assert.match(headerOf(screen), /NAMESPACE/);
		assert.match(headerOf(screen), /CREATED/);
		for (const row of rowsOf(screen)) assert.doesNotMatch(row, /(ago|second|minut|hour|day|week|month)…/, row);
		await rig.sendKeys('T');
		screen = await rig.waitFor(s => /ATTEMPT↓/.test(headerOf(s) ?? ''), 20_000);
		const column = headerOf(screen).indexOf('ATTEMPT↓');
		const attempts = rowsOf(screen).map(row => Number(row.slice(column, column + 8).trim()));
		assert.deepEqual(attempts, [...attempts].sort((a, b) => b - a), screen);
		assert.ok(attempts[0] > 0, screen);
		await rig.sendKeys('S');
		screen = await rig.waitFor(s => /STATE↓/.test(headerOf(s) ?? ''), 20_000);
		assert.match(rowsOf(screen)[0], /Exited/);
	});
});
