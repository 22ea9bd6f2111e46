// The events pane in the real bin, in tmux, on the simulated CRI-O node (--demo --flavor cri-o,
// which streams GetContainerEvents without the container's status, as CRI-O does): it is a tab,
// every event has a name, its ages move, and the pane keys work there as on every pane.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {startRig, type Rig} from './tmux-rig.js';

const eventRows = (screen: string) => screen.split('\n').filter(line => /^\d\d:\d\d:\d\d /.test(line));

describe('tmux e2e: events pane', {timeout: 180_000}, () => {
	let rig: Rig | undefined;
	afterEach(() => {
		rig?.kill();
		rig = undefined;
	});

	test('CRI-O: 4 shows named events in the tab bar, ages move, and 2, 4 Tab, e work from there', async () => {
		rig = await startRig({args: ['--demo', '--flavor', 'cri-o'], cols: 120, rows: 30});
		await rig.waitFor('POD ID', 30_000);
		await rig.sendKeys('4');
		// The simulated node lives a tick a second: a crash loop and jobs come and go.
		let screen = await rig.waitFor(s => /4 Events \d+/.test(s) && eventRows(s).length >= 4, 60_000);
		assert.match(screen, /^TIME +AGE +EVENT +NAME +POD +CONTAINER +EXIT/m);
		assert.match(screen, /events live from GetContainerEvents/);
		for (const row of eventRows(screen)) {
			assert.doesNotMatch(row, /\?/, row);
			assert.match(row, /^\S+ +.+? ago +(pod )?(created|started|stopped|deleted) +\S+/, row);
		}
		// Ages keep moving: each row's AGE agrees with the wall clock minus its TIME, long after it came
		// (frozen ages would fall behind). On its first row the pane follows the newest event.
		const firstSeen = eventRows(screen).length;
		const settledRows = (s: string) => eventRows(s).filter(row => /(\d\d+|[3-9]) seconds ago|minute/.test(row));
		screen = await rig.waitFor(s => settledRows(s).length >= 3 && eventRows(s).length > firstSeen, 30_000);
		const nowS = Math.floor(Date.now() / 1000);
		const today = new Date().toISOString().slice(0, 10);
		for (const row of eventRows(screen)) {
			const age = /^(\S+) +(\d+) seconds? ago/.exec(row);
			if (!age) continue;
			const at = Math.floor(Date.parse(`${today}T${age[1]}Z`) / 1000);
			assert.ok(Math.abs(nowS - Number(age[2]) - at) <= 5, `AGE of a row agrees with the clock (now ${nowS}):\n${row}`);
		}
		const times = eventRows(screen).map(row => row.slice(0, 8));
		assert.equal(times[0], [...times].sort().at(-1), `the newest event on top:\n${screen}`);
		// Every event a few seconds old has its name (the container's, known from the lists by then, or the pod's).
		const header = screen.split('\n').find(line => line.startsWith('TIME'))!;
		const [nameAt, podAt] = [header.indexOf('NAME'), header.indexOf('POD ')];
		for (const row of settledRows(screen)) assert.notEqual(row.slice(nameAt, podAt).trim(), '', `a name in:\n${row}\n${screen}`);
		await rig.sendKeys('2');
		await rig.waitFor(s => /^CONTAINER +IMAGE/m.test(s), 20_000);
		await rig.sendKeys('4', 'Tab');
		await rig.waitFor(s => /^POD ID/m.test(s), 20_000);
		await rig.sendKeys('4', 'e');
		await rig.waitFor(/runtime-endpoint=/, 20_000);
	});
});
