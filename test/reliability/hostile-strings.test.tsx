// Property test: any string or byte sequence a runtime could put in a name, label, image, error
// or log line, through the real formatting (rows, fitCell) and the real panes rendered by ink,
// never reaches the terminal as a control (ESC, C0, C1, DEL, bidi) and never breaks alignment.
import './no-color.js';
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import React from 'react';
import {renderToString, Text} from 'ink';
import stringWidth from 'string-width';
import {containerColumns, POD_COLUMNS} from '../../source/format/columns.js';
import {fitTable} from '../../source/format/fit-table.js';
import {defaultSorts} from '../../source/state/ui-state.js';
import {markSorted} from '../../source/ui/sort-mark.js';
import {containerRow, podRow} from '../../source/format/rows.js';
import {hostileSamples} from '../../source/sim/index.js';
import {withoutPrepend} from '../support/prepend.js';
import type {PaneModel} from '../../source/state/use-pane-models.js';
import {ListPane} from '../../source/ui/list-pane.js';
import {containersSpec} from '../../source/ui/panes/containers.js';
import {podsSpec} from '../../source/ui/panes/pods.js';
import {LogsBody} from '../../source/ui/logs-view.js';
import {tableLine} from '../../source/ui/table.js';
import type {Container, PodSandbox} from '../../source/model/cri-types.js';
import {recordFigure} from './figures.js';

/** Anything a terminal could act on: C0 but newline, DEL, C1, bidi/isolate controls, separators, lone surrogates. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const ESC = '\x1b';
/** Pieces terminals obey or mis-measure, to be glued together at random. */
const FRAGMENTS = [
	...hostileSamples.filter(s => s.name !== 'long-10k').map(s => s.text),
	`${ESC}[2J`, `${ESC}[H`, `${ESC}[31m`, `${ESC}]0;title\x07`, `${ESC}]52;c;cm0gLXJm\x07`, `${ESC}]8;;http://x${ESC}\\`, `${ESC}P+q${ESC}\\`, `${ESC}_apc${ESC}\\`,
	'\u009b2J', '\u009d0;t\u009c', '\x07', '\x08', '\r', '\n', '\t', '\x00', '\x7f', '\u0085',
	'\u202e', '\u2066', '\u2069', '\u200f', '\u061c', '\u2028', '\u200b', '\u200d', '\ufeff', '\ufe0f', '\u0301',
	'👩‍👩‍👧‍👦', '🇩🇪', '✈️', '容器', 'ｱ', 'é', 'x', ' ', 'name', '\ud800', '\udfff',
];

const segmenter = new Intl.Segmenter();
const fragmentString = fc.array(fc.constantFrom(...FRAGMENTS), {maxLength: 12}).map(parts => parts.join(''));
/** Every byte value as one code point (so 0x80-0x9f arrive as C1 controls), or bytes decoded as UTF-8. */
const byteString = fc.uint8Array({maxLength: 80}).chain(bytes =>
	fc.constantFrom(Buffer.from(bytes).toString('latin1'), new TextDecoder().decode(bytes)));

// Prepend letters are left out: see test/support/prepend.ts.
const hostile = fc.oneof(
	{arbitrary: fragmentString, weight: 4},
	{arbitrary: fc.string({unit: 'binary', maxLength: 80}), weight: 3},
	{arbitrary: byteString, weight: 2},
	{arbitrary: fc.string({unit: 'grapheme', maxLength: 40}), weight: 1},
).map(withoutPrepend);

const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const NOW = 1_800_000_000_000;
const created = String((NOW - 3_600_000) * 1e6);

function model<T>(items: T[], keyOf: (t: T) => string): PaneModel<T> {
	return {pane: 'pods', items, selectedIndex: 0, keyOf, targetOf: () => ({kind: 'pod', id: '', name: ''})};
}

/** The display column where `needle` starts in a rendered line (ink trims trailing blanks: put them back), or -1. */
const columnOf = (line: string, needle: string) => {
	const at = `${line} `.indexOf(needle);
	return at < 0 ? -1 : stringWidth(line.slice(0, at));
};

/** The text at display columns [from, to) of a rendered line. */
function cellsAt(line: string, from: number, to: number): string {
	let column = 0;
	let out = '';
	for (const {segment} of segmenter.segment(line)) {
		if (column >= from && column < to) out += segment;
		column += stringWidth(segment);
	}
	return out;
}

/**
 * How a property runs: FC_SEED replays a failure (with FC_PATH, its shrink path), HUNT=1 runs ten
 * times the runs of before (7,000, 7,000, 6,000) to hunt for rare inputs, and FC_RUNS multiplies
 * either count. The seed is always chosen here and named in the failure, so a CI failure can be
 * replayed exactly.
 */
function runs(numRuns: number): fc.Parameters<unknown> {
	const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
	const scale = Number(process.env.FC_RUNS ?? 1);
	return {numRuns: Math.round(numRuns * scale), seed, path: process.env.FC_PATH};
}

const hunting = process.env.HUNT === '1';
/**
 * The runs of each property in a suite run, and when hunting. The panes' properties run 150 times
 * (were 700): what they guard, a control character reaching the terminal, fails them by run 20 at
 * the latest (60 random seeds, with C1 controls or the bidi controls let through the sanitiser).
 * The logs view keeps 600: the bug it found (49f154f, ink's cut one column too wide at a wide
 * character) first failed at runs 28-457 of 20 seeds, once not within 600.
 */
const RUNS = hunting ? {containers: 7000, pods: 7000, logs: 6000} : {containers: 150, pods: 150, logs: 600};
let runsDone = 0;

/** fc.assert, but the failure starts with the line that replays it. */
function check<T>(property: fc.IProperty<T>, numRuns: number, examples: T[] = []): void {
	const parameters = {...runs(numRuns), examples};
	runsDone += parameters.numRuns!;
	const details = fc.check(property, parameters as fc.Parameters<T>);
	if (details.failed) assert.fail(`replay with FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath}\n${fc.defaultReportMessage(details)}`);
}

let stringsTried = 0;
let rowsChecked = 0;

function assertClean(frame: string, what: string): void {
	const bad = CONTROL.exec(frame);
	assert.equal(bad, null, `${what}: control U+${bad?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} reached the terminal in:\n${JSON.stringify(frame)}`);
}

describe('reliability', () => {
	describe('hostile strings through rows, fitCell and the rendered panes', () => {
		test('the harness paints no escape of its own (so any escape below came from data)', () => {
			assert.doesNotMatch(renderToString(<Text color="red" inverse>x</Text>), /\x1b/);
		});

		test('the oracle leaves out every Prepend letter, Unicode 16\'s U+113D1 too, and nothing else', () => {
			assert.equal(withoutPrepend('\u{113d1}x\u{11a84}y\u0600z'), 'xyz');
			assert.equal(withoutPrepend('e\u0301 容器 👩‍👩‍👧‍👦 \u200d'), 'e\u0301 容器 👩‍👩‍👧‍👦 \u200d');
		});

		test('property: containers pane, every hostile field: no control reaches the terminal, columns stay put', () => {
			check(fc.property(
				fc.array(fc.record({id: hex, podId: hex, name: hostile, image: hostile, podName: hostile, namespace: hostile, attempt: fc.nat(99)}), {minLength: 1, maxLength: 4}),
				hostile, fc.integer({min: 40, max: 200}),
				(specs, error, width) => {
					const containers: Container[] = specs.map(s => ({
						id: s.id, podSandboxId: s.podId, metadata: {name: s.name, attempt: s.attempt},
						image: {image: s.image, annotations: {}, userSpecifiedImage: '', runtimeHandler: '', imageRef: ''},
						imageRef: '', state: 'CONTAINER_RUNNING', createdAt: created, imageId: '', annotations: {},
						labels: {'io.kubernetes.pod.name': s.podName, 'io.kubernetes.pod.namespace': s.namespace},
					}));
					stringsTried += specs.length * 4 + 1;
					const frame = renderToString(
						<ListPane spec={containersSpec} context={{podsById: new Map(), now: NOW}} model={model(containers, c => c.id)} width={width} height={12} empty="none" error={error} />,
						{columns: width},
					);
					assertClean(frame, 'containers pane');
					const lines = frame.split('\n');
					// The columns as the pane fits them: as wide as the visible cells need (fit-table.ts).
					const fitted = fitTable(markSorted(containerColumns(false), 'containers', defaultSorts.containers), containers.map(c => containerRow(c, new Map(), NOW)), width);
					const columns = fitted.columns;
					const headerAt = lines.findIndex(l => l.startsWith('CONTAINER'));
					assert.ok(headerAt >= 0, `a header:\n${frame}`);
					const header = lines[headerAt];
					for (const [i, c] of containers.entries()) {
						const line = lines[headerAt + 1 + i];
						const expected = tableLine(columns, fitted.cells[i]);
						// The row is exactly the fitted cells (ink neither re-wrapped nor cut it) ...
						assert.equal(line, expected.trimEnd(), `row ${i} at width ${width}`);
						// ... whose width is exactly the table's, never more than the terminal's ...
						assert.equal(stringWidth(expected), columns.reduce((n, col) => n + col.width, 0) + columns.length - 1);
						assert.ok(stringWidth(line) <= width);
						// ... and the fixed columns after the hostile ones sit under their headers.
						assert.equal(columnOf(line, c.id.slice(0, 13)), 0);
						if (header.includes('POD ID')) assert.equal(columnOf(line, ` ${c.podSandboxId.slice(0, 13)} `) + 1, columnOf(header, 'POD ID'), `POD ID column of row ${i}:\n${header}\n${line}`);
						rowsChecked++;
					}
				},
			), RUNS.containers, [
				// The one failure seen (load, run 379): a Unicode 16 Prepend letter, then its padding space.
				[[{id: 'a'.repeat(64), podId: 'b'.repeat(64), name: withoutPrepend('\u{113d1}'), image: '', podName: '', namespace: '', attempt: 0}, {id: 'c'.repeat(64), podId: 'd'.repeat(64), name: '', image: '', podName: '', namespace: '', attempt: 0}], '', 40],
			]);
		});

		test('property: pods pane: names, namespaces and runtime handlers', () => {
			check(fc.property(
				fc.array(fc.record({id: hex, name: hostile, namespace: hostile, handler: hostile}), {minLength: 1, maxLength: 4}),
				fc.integer({min: 40, max: 200}),
				(specs, width) => {
					const pods: PodSandbox[] = specs.map(s => ({
						id: s.id, metadata: {name: s.name, uid: 'u', namespace: s.namespace, attempt: 3}, state: 'SANDBOX_READY',
						createdAt: created, labels: {}, annotations: {}, runtimeHandler: s.handler,
					}));
					stringsTried += specs.length * 3;
					const frame = renderToString(<ListPane spec={podsSpec} context={{now: NOW}} model={model(pods, p => p.id)} width={width} height={12} empty="none" />, {columns: width});
					assertClean(frame, 'pods pane');
					const lines = frame.split('\n');
					const headerAt = lines.findIndex(l => l.startsWith('POD ID'));
					const header = lines[headerAt];
					const fitted = fitTable(markSorted(POD_COLUMNS, 'pods', defaultSorts.pods), pods.map(p => podRow(p, NOW)), width);
					const columns = fitted.columns;
					for (const [i, p] of pods.entries()) {
						const line = lines[headerAt + 1 + i];
						const expected = tableLine(columns, fitted.cells[i]);
						assert.equal(line, expected.trimEnd());
						assert.ok(stringWidth(line) <= width);
						assert.equal(columnOf(line, p.id.slice(0, 13)), 0);
						assert.equal(columnOf(line, ' Ready '), columnOf(header, ' STATE '), 'STATE under its header');
						// ATTEMPT is right-aligned after the hostile NAME and NAMESPACE: its digit ends under the header's end.
						if (header.includes('ATTEMPT')) {
							const end = columnOf(header, 'ATTEMPT') + 'ATTEMPT'.length;
							assert.equal(cellsAt(line, end - 2, end), ' 3', `ATTEMPT column:\n${header}\n${line}`);
						}
						rowsChecked++;
					}
				},
			), RUNS.pods);
		});

		test('property: the logs view, lines wrapped or cut, with timestamps', () => {
			check(fc.property(
				fc.array(hostile, {minLength: 1, maxLength: 6}), fc.integer({min: 40, max: 160}), fc.boolean(),
				(texts, width, wrap) => {
					stringsTried += texts.length + 1;
					const lines = texts.map(text => ({time: '2026-11-23T02:24:59.123456789Z', stream: 'stdout' as const, text}));
					const frame = renderToString(
						<LogsBody title={texts[0]} data={{phase: 'ready', lines, path: '/var/log/pods/x/0.log', dropped: 0}} crictl="crictl logs x" width={width} height={14} onBack={() => {}} initial={{wrap}} />,
						{columns: width},
					);
					assertClean(frame, 'logs view');
					// Not the title line: ink cuts it itself (wrap="truncate"), and cli-truncate can give one
					// column too many around spacing combining marks (U+1D157 U+1D165); see docs/reliability.md.
					for (const line of frame.split('\n').slice(1)) assert.ok(stringWidth(line) <= width, `log line wider than ${width}: ${JSON.stringify(line)}`);
					rowsChecked += texts.length;
				},
			), RUNS.logs);
			recordFigure('hostile-strings-property', {stringsTried, rowsChecked, runs: runsDone, fragments: FRAGMENTS.length});
		});
	});
});
