// A runtime can hand back any bytes in names, labels and images. The terminal must never obey
// them (no title, clipboard, hyperlink or screen-clearing sequences reach it) and the tables must
// stay aligned however wide or strange the text.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {startRig, killAllRigs, type Rig} from './tmux-rig.js';
import {startFixture, type SimFixture} from './fixtures.js';
import {cellIndexOf, cellSlice, cellWidth, selectRow, shortId} from './screen.js';

const COLS = 160;
const ROWS = 40;

/** Sequences that act on the terminal rather than colour text. */
const FORBIDDEN: Array<[string, RegExp]> = [
	['OSC (title, clipboard, hyperlink)', /\x1b\]/],
	['DCS', /\x1bP/],
	['C1 CSI/OSC (8-bit)', /[\u0080-\u009f]/],
	['BEL', /\x07/],
	['backspace', /\x08/],
];

type Check = {label: string; valid: RegExp};

/** For every row of the table under `header`, each checked column's cells hold a valid value at the header's offset. */
function assertAligned(screen: string, headerHas: string, idLabel: string, checks: Check[]): number {
	const lines = screen.split('\n');
	const headerIndex = lines.findIndex(l => l.includes(headerHas) && l.includes(idLabel));
	assert.ok(headerIndex >= 0, `no header with ${headerHas}:\n${screen}`);
	const header = lines[headerIndex]!;
	const idStart = cellIndexOf(header, idLabel);
	const rows = lines.slice(headerIndex + 1).filter(l => /^[0-9a-f]{13}$/.test(cellSlice(l, idStart, idStart + 13)));
	assert.ok(rows.length > 0, `no rows under ${idLabel}:\n${screen}`);
	for (const row of rows) {
		assert.ok(cellWidth(row) <= COLS, `row wider than the terminal: ${JSON.stringify(row)}`);
		for (const check of checks) {
			const start = cellIndexOf(header, check.label);
			if (start < 0) continue;
			if (start > 0) assert.equal(cellSlice(row, start - 1, start), ' ', `separator before ${check.label} in ${JSON.stringify(row)}`);
			const cell = cellSlice(row, start, start + 13);
			assert.match(cell, check.valid, `${check.label} at cell ${start} in ${JSON.stringify(row)}`);
		}
	}
	return rows.length;
}

const hex13 = /^[0-9a-f]{13}/;

describe('tmux e2e: hostile strings', {timeout: 360_000}, () => {
	let node: SimFixture;
	let rig: Rig;
	let record: string;

	before(async () => {
		node = await startFixture({hostile: true, containers: 12});
		record = path.join(node.dir, 'pane.raw');
		rig = await startRig({args: ['-r', node.endpoint], cols: COLS, rows: ROWS, record, clipboard: true});
	});
	after(async () => {
		killAllRigs();
		await node?.stop();
	});

	test('the hostile pod is listed, its name defused, and the tables stay aligned in every pane', async () => {
		const pods = await node.pods();
		const evil = pods.find(p => p.metadata!.name.startsWith('pwn'))!;
		assert.ok(evil, 'the simulated node has a hostile pod');
		const podScreen = await rig.waitFor(s => pods.every(p => s.includes(shortId(p.id))), 20_000);
		assert.ok(podScreen.split('\n').some(l => l.includes(shortId(evil.id)) && l.includes('pwn')), 'the hostile pod row shows its name');
		const podRows = assertAligned(podScreen, 'NAME', 'POD ID', [{label: 'POD ID', valid: hex13}, {label: 'STATE', valid: /^(Ready|NotReady)\s*/}]);
		assert.equal(podRows, pods.length);

		await rig.sendKeys('2');
		const containers = await node.containers();
		const containerScreen = await rig.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
		assertAligned(containerScreen, 'STATE', 'CONTAINER', [
			{label: 'CONTAINER', valid: hex13},
			{label: 'STATE', valid: /^(Running|Exited|Created|Unknown)\s*/},
			{label: 'POD ID', valid: hex13},
		]);

		await rig.sendKeys('3');
		const images = await node.images();
		const imageScreen = await rig.waitFor(s => images.every(i => s.includes(shortId(i.id))));
		assertAligned(imageScreen, 'SIZE', 'IMAGE ID', [{label: 'IMAGE ID', valid: hex13}]);
	});

	test('inspecting the hostile pod shows its labels without obeying them', async () => {
		await rig.sendKeys('1', 'g');
		const evil = (await node.pods()).find(p => p.metadata!.name.startsWith('pwn'))!;
		await selectRow(rig, shortId(evil.id));
		await rig.sendKeys('i');
		await rig.waitFor(evil.id);
		await rig.sendKeys('Escape');
		await rig.waitFor('POD ID');
	});

	test('no terminal-control sequence from the data reached the terminal', async () => {
		const raw = readFileSync(record, 'latin1');
		assert.ok(raw.length > 1000, 'the pane output was recorded');
		// Decode as UTF-8 for the C1 check (latin1 would turn multi-byte text into C1-looking bytes).
		const text = readFileSync(record, 'utf8');
		for (const [name, pattern] of FORBIDDEN) assert.doesNotMatch(text, pattern, `${name} in the program's output`);
		assert.doesNotMatch(await rig.display('#{pane_title}'), /pwned/, 'title unchanged');
		await assert.rejects(rig.tmux('show-buffer'), 'no clipboard buffer was set');
	});
});
