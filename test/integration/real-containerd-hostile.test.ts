// A real container whose name is ordinary but whose output is hostile: terminal-control
// sequences, C1 bytes, invalid UTF-8, bidi overrides, wide text. The real bin in tmux reads its
// log through containerd's CRI log file; the terminal must obey none of it (no title, clipboard,
// hyperlink, DCS or clear-screen reaches it) and show the escapes as visible text instead.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {runContainer, runPod, startContainerd, type Testbed} from '../testbed/containerd.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {cellIndexOf, cellSlice, cellWidth, selectRow, shortId} from '../e2e/screen.js';
import {waitFor} from '../support/wait.js';

const COLS = 160;
const ROWS = 40;

// busybox printf with octal escapes; each sequence is followed by a marker, so the container's
// copy can be told from the dashboard's own SGR and cursor sequences in the raw output. Short
// lines (a few per round), so each fits the logs view unwrapped.
const HOSTILE_LINES = [
	'\\033[2JCLEARED \\033[31mREDTEXT\\033[0m',
	'\\033]0;pwned\\007TITLED \\033]52;c;cHduZWQ=\\007CLIPPED',
	'\\033]8;;http://evil.example/\\007LINKED\\033]8;;\\007 \\033Pq#0;2;0;0;0\\033\\\\DCSDONE',
	'C1:\\302\\233\\302\\235ok bad-utf8:\\377\\376\\300ok rtl:\\342\\200\\256desrever',
	'wide:\\346\\227\\245\\346\\234\\254\\350\\252\\236\\360\\237\\230\\200end',
];
const SCRIPT = `i=0; while true; do i=$((i+1)); ${HOSTILE_LINES.map((l, n) => `printf 'hostile %d.${n}: ${l}\\n' "$i";`).join(' ')} sleep 0.5; done`;

/** What the container's bytes would do if passed through (each with its marker). */
const OBEYED: Array<[string, RegExp]> = [
	['clear screen', /\x1b\[2JCLEARED/],
	['colour', /\x1b\[31mREDTEXT/],
	['OSC (title, clipboard, hyperlink)', /\x1b\]/],
	['DCS', /\x1bP/],
	['C1 (8-bit CSI/OSC)', /[\u0080-\u009f]/],
	['BEL', /\x07/],
	['RTL override', /\u202e/],
];

describe('real containerd: hostile output', {timeout: 480_000}, () => {
	let tb: Testbed | undefined;
	let rig: Rig | undefined;
	let containerId: string;
	let record: string;

	before(async () => {
		tb = await startContainerd();
		const podId = await runPod(tb, {name: 'chatty-0', namespace: 'default'});
		containerId = await runContainer(tb, podId, {name: 'chatty', command: ['sh', '-c', SCRIPT]});
		record = path.join(tb.root, 'pane.raw');
	});

	after(async () => {
		rig?.kill();
		await tb?.stop();
	});

	test('its logs are shown with every escape made visible, and the terminal obeys none of them', async () => {
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '--log-root', tb!.logRoot], cols: COLS, rows: ROWS, record, clipboard: true});
		const titleBefore = await rig.display('#{pane_title}');
		await rig.waitFor('POD ID', 20_000);
		await rig.sendKeys('2');
		const panes = await rig.waitFor(shortId(containerId), 20_000);

		// The containers pane: the row sits under its headers.
		const lines = panes.split('\n');
		const header = lines.find(l => l.includes('CONTAINER') && l.includes('STATE'))!;
		assert.ok(header, `a header row:\n${panes}`);
		const row = lines.find(l => l.includes(shortId(containerId)))!;
		assert.equal(cellIndexOf(row, shortId(containerId)), cellIndexOf(header, 'CONTAINER'));
		assert.match(cellSlice(row, cellIndexOf(header, 'STATE')), /^Running\s/);
		assert.ok(cellSlice(row, cellIndexOf(header, 'NAME')).startsWith('chatty'), row);

		await selectRow(rig, shortId(containerId));
		await rig.sendKeys('l');
		// Several lines in, so the view has painted the hostile text more than once.
		const logs = await rig.waitFor(s => /hostile [3-9]\d*\.4:/.test(s), 30_000);
		// The latest round's lines, as shown.
		const round = Math.max(...[...logs.matchAll(/hostile (\d+)\.4:/g)].map(m => Number(m[1])));
		const shown = (n: number) => logs.split('\n').find(l => l.includes(`hostile ${round}.${n}:`)) ?? '';
		assert.match(shown(0), /\\x1b\[2JCLEARED \\x1b\[31mREDTEXT\\x1b\[0m/, `ESC made visible:\n${logs}`);
		assert.match(shown(1), /\\x1b\]0;pwned\\x07TITLED \\x1b\]52;c;cHduZWQ=\\x07CLIPPED/);
		assert.match(shown(2), /\\x1b\]8;;http:\/\/evil\.example\/\\x07LINKED\\x1b\]8;;\\x07 \\x1bPq#0;2;0;0;0\\x1b\\DCSDONE/);
		assert.match(shown(3), /C1:\\x9b\\x9dok bad-utf8:\uFFFD+ok rtl:\\u202edesrever/);
		assert.match(shown(4), /wide:日本語😀end/);
		for (const l of logs.split('\n')) assert.ok(cellWidth(l) <= COLS, `a row wider than the terminal: ${JSON.stringify(l)}`);

		await rig.sendKeys('Escape');
		const back = await rig.waitFor(s => s.includes('CONTAINER') && s.includes(shortId(containerId)));
		assert.equal(cellIndexOf(back.split('\n').find(l => l.includes(shortId(containerId)))!, shortId(containerId)), cellIndexOf(header, 'CONTAINER'));

		// The terminal: title unchanged, no clipboard buffer, nothing obeyed in the raw output.
		assert.equal(await rig.display('#{pane_title}'), titleBefore, 'title unchanged');
		assert.doesNotMatch(await rig.display('#{pane_title}'), /pwned/);
		await assert.rejects(rig.tmux('show-buffer'), 'no clipboard buffer was set');
		// The record trails the screen (tmux paints before its pipe-pane cat writes): wait for it.
		const raw = await waitFor(() => {
			const text = readFileSync(record, 'utf8');
			return text.includes('TITLED') ? text : undefined;
		}, {timeoutMs: 10_000, what: 'the log text in the recorded output'});
		for (const [name, pattern] of OBEYED) assert.doesNotMatch(raw, pattern, `${name} in the program's output`);
		// The only clear-screen is the dashboard's own, entering the alternate screen.
		assert.equal((raw.match(/\x1b\[2J/g) ?? []).length, (raw.match(/\x1b\[\?1049h\x1b\[2J/g) ?? []).length);
	});
});
