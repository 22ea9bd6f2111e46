import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {LogsBody} from '../../source/ui/logs-view.js';
import {splitByWidth, visibleRows, markMatches} from '../../source/ui/log-rows.js';
import type {LogsData} from '../../source/state/use-logs.js';
import type {LogLine} from '../../source/wire/log-parse.js';
import {waitFor} from '../support/wait.js';
import {waitForFrame, type FrameMatch} from './helpers.js';

const time = '2026-11-23T02:24:59.123456789Z';
const lines = (n: number): LogLine[] => Array.from({length: n}, (_, i) => ({time, stream: i % 5 === 4 ? 'stderr' : 'stdout', text: `line ${i}`}));
const ready = (l: LogLine[]): LogsData => ({phase: 'ready', lines: l, path: '/var/log/pods/ns_web_uid/web/0.log', dropped: 0});

function view(data: LogsData, height = 10, extra: Partial<React.ComponentProps<typeof LogsBody>> = {}) {
	let backs = 0;
	const props = {title: 'web', data, crictl: 'crictl logs -f --tail 200 abc', width: 60, height, onBack: () => backs++, ...extra};
	const r = render(<LogsBody {...props} />);
	const frame = () => r.lastFrame() ?? '';
	return {
		...r, backs: () => backs, update: (d: LogsData) => r.rerender(<LogsBody {...props} data={d} />),
		/** The first frame matching `match` (rejects at the deadline showing the last). */
		waitFor: async (match: FrameMatch) => waitForFrame(frame, match),
		/** The first frame that differs from `previous`, or the last one at the deadline. */
		changedFrom: async (previous: string) => waitForFrame(frame, f => f !== previous).catch(() => frame()),
	};
}

describe('LogsBody', () => {
	test('shows only the last lines that fit, the path, the state and the crictl line', () => {
		const r = view(ready(lines(100)));
		const frame = r.lastFrame()!;
		assert.match(frame, /logs web {2}following/);
		assert.match(frame, /line 99/);
		assert.match(frame, /line 93/);
		assert.doesNotMatch(frame, /line 92\b/);
		assert.match(frame, /\$ crictl logs -f --tail 200 abc/);
		assert.equal(frame.split('\n').length, 10);
		r.unmount();
	});

	test('follows new lines; Space pauses and counts what arrives; Space again resumes', async () => {
		const r = view(ready(lines(20)));
		r.update(ready(lines(21)));
		assert.match(r.lastFrame()!, /line 20/);
		r.stdin.write(' ');
		await r.waitFor(/paused/);
		r.update(ready(lines(25)));
		const paused = await r.waitFor(/paused \(\+4 new\)/);
		assert.match(paused, /paused \(\+4 new\)/);
		assert.doesNotMatch(paused, /line 24/);
		r.stdin.write(' ');
		assert.match(await r.waitFor(/line 24/), /line 24/);
		r.unmount();
	});

	test('t shows timestamps, o cycles to stdout only, w wraps long lines', async () => {
		const long = {time, stream: 'stdout' as const, text: 'x'.repeat(130)};
		const r = view(ready([...lines(10), long]));
		r.stdin.write('t');
		const stamped = new RegExp(`${time.replace(/\./g, '\\.')} line 9`);
		assert.match(await r.waitFor(stamped), stamped);
		r.stdin.write('o');
		const stdoutOnly = await r.waitFor(/stdout ·/);
		assert.match(stdoutOnly, /stdout ·/);
		assert.doesNotMatch(stdoutOnly, /line 9\b/, 'line 9 is stderr');
		r.stdin.write('t');
		r.stdin.write('w');
		const wrappedRows = (f: string) => f.split('\n').filter(l => /^x+$/.test(l.trim()));
		const wrapped = await r.waitFor(f => wrappedRows(f).length === 3).catch(() => r.lastFrame()!);
		const xs = wrappedRows(wrapped);
		assert.deepEqual(xs.map(l => l.trim().length), [60, 60, 10]);
		r.unmount();
	});

	test('/ searches, highlights, Enter jumps to the match and n moves to the next', async () => {
		const r = view(ready(lines(100)));
		r.stdin.write('/');
		await r.waitFor(/\/_/);
		for (const ch of 'line 4') r.stdin.write(ch);
		assert.match(await r.waitFor(/\/line 4_/), /\/line 4_/);
		r.stdin.write('\r');
		// Nearest match at or above the bottom: line 49 (contains "line 4").
		const jumped = await r.waitFor(f => /paused/.test(f) && /line 49\s*\n/.test(f)).catch(() => r.lastFrame()!);
		assert.match(jumped, /line 49\s*\n/);
		assert.match(jumped, /paused/);
		r.stdin.write('N');
		assert.match(await r.changedFrom(jumped), /line 48\s*\n/);
		r.stdin.write('/');
		for (const ch of 'zzz') r.stdin.write(ch);
		r.stdin.write('\r');
		assert.match(await r.waitFor(/no match for zzz/), /no match for zzz/);
		r.unmount();
	});

	test('every scroll position fills the screen: g and PgUp at the top, a search jump near the top; j moves on from what is shown', async () => {
		const r = view(ready(lines(100)), 10);
		const shown = (f: string) => f.split('\n').filter(l => /^line \d+\s*$/.test(l.trim())).length;
		const full = shown(await r.waitFor(/line 99/));
		assert.ok(full >= 6, `rows at the end: ${full}`);
		r.stdin.write('g');
		const top = await r.waitFor(f => /line 0\s*\n/.test(f));
		assert.equal(shown(top), full, top);
		r.stdin.write('j');
		const next = await r.changedFrom(top);
		assert.doesNotMatch(next, /line 0\s*\n/, 'j after g scrolls at once');
		assert.equal(shown(next), full);
		r.stdin.write('\u001B[6~');
		r.stdin.write('\u001B[5~');
		r.stdin.write('\u001B[5~');
		assert.equal(shown(await r.waitFor(f => /line 0\s*\n/.test(f))), full);
		r.stdin.write('/');
		for (const ch of 'line 2') r.stdin.write(ch);
		r.stdin.write('\r');
		const jumped = await r.waitFor(/match \d+ of 11/);
		assert.equal(shown(jumped), full, jumped);
		r.unmount();
	});

	test('search says "match k of n"', async () => {
		const r = view(ready(lines(100)));
		r.stdin.write('/');
		for (const ch of 'line 4') r.stdin.write(ch);
		r.stdin.write('\r');
		// line 4, 40…49: 11 matches; the jump lands on line 49, the 11th.
		assert.match(await r.waitFor(/match 11 of 11/), /match 11 of 11/);
		r.stdin.write('N');
		assert.match(await r.waitFor(/match 10 of 11/), /match 10 of 11/);
		r.unmount();
	});

	test('scroll keys move up (pausing) and G returns to the end; Esc goes back', async () => {
		const r = view(ready(lines(100)));
		r.stdin.write('k');
		r.stdin.write('k');
		const up = await r.waitFor(f => !/line 99/.test(f));
		assert.doesNotMatch(up, /line 99/);
		assert.match(up, /line 97/);
		r.stdin.write('G');
		const end = await r.waitFor(f => /line 99/.test(f) && /following/.test(f)).catch(() => r.lastFrame()!);
		assert.match(end, /line 99/);
		assert.match(end, /following/);
		r.stdin.write('\u001B');
		assert.equal(await waitFor(() => r.backs(), 'onBack'), 1);
		r.unmount();
	});

	test('escape sequences in log lines are shown, never sent to the terminal', () => {
		const r = view(ready([{time, stream: 'stdout', text: 'evil \u001B[2J\u001B]52;c;aGk=\u0007 done'}]));
		const frame = r.lastFrame()!;
		assert.ok(!frame.includes('\u001B[2J'));
		assert.match(frame, /evil \\x1b\[2J\\x1b\]52;c;aGk=\\x07 done/);
		r.unmount();
	});

	test('errors say why and where; a previous attempt is not "following"', () => {
		const r = view({phase: 'error', lines: [], path: '', dropped: 0, error: 'no log file at /var/log/pods/x/0.log (the runtime may run on another host or the container was removed)'});
		assert.match(r.lastFrame()!, /no log file at \/var\/log\/pods\/x\/0\.log/);
		r.unmount();
		const p = view(ready(lines(3)), 10, {live: false, crictl: 'crictl logs -p abc'});
		assert.match(p.lastFrame()!, /previous attempt/);
		assert.match(p.lastFrame()!, /crictl logs -p abc/);
		p.unmount();
	});
});

describe('log rows', () => {
	test('wide characters wrap by terminal columns', () => {
		assert.deepEqual(splitByWidth('日本語テキスト', 4), ['日本', '語テ', 'キス', 'ト']);
		assert.deepEqual(splitByWidth('abcdefg', 3), ['abc', 'def', 'g']);
	});

	test('visibleRows touches only what fits, bottom-aligned', () => {
		const rows = visibleRows(lines(1000), 500, 3, 40, {wrap: false, timestamps: false});
		assert.deepEqual(rows.map(r => r.text), ['line 498', 'line 499', 'line 500']);
	});

	test('markMatches is case-insensitive', () => {
		assert.deepEqual(markMatches('Error: error', 'ERROR'), [{text: 'Error', match: true}, {text: ': ', match: false}, {text: 'error', match: true}]);
	});
});
