// The fast path gives string-width's answer: for every code point it covers, alone and beside
// ASCII, box drawing and itself, and for random strings mixing them with anything else.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import fastStringWidth, {simpleRanges} from '../../source/format/fast-width.js';

const sgrLike = ['\u001B[m', '\u001B[0m', '\u001B[1;36m', '\u001B[38;5;196m', '\u001B[38;2;255;0;0m', '\u001B[1;m', '\u001B[;1m', '\u001B[12345m', '\u001B[1234;12345m', '\u001B[1', '\u001B[', '\u001B', '\u001B[1;2', '\u001B[?25l', '\u001B]0;t\u0007', '\u009B1m', '\u001B[1x', '\u001B[1:2m'];
const covered = simpleRanges.flatMap(([from, to]) => Array.from({length: to - from + 1}, (_, i) => String.fromCharCode(from + i)));

test('every covered code point: alone, beside ASCII, box drawing, an arrow and itself', () => {
	assert.ok(covered.length > 1500, `${covered.length} code points`);
	for (const ch of covered) {
		for (const text of [ch, `a${ch}`, `${ch}a`, `${ch}${ch}`, `${ch}─`, `↓${ch}`, `${ch} ${ch}x`]) {
			assert.equal(fastStringWidth(text), stringWidth(text), `U+${ch.charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`);
		}
	}
});

test('every covered code point before each character that string-width treats specially', () => {
	const special = ['\u0301', '\u200D', '\uFE0F', '\u00AD', '\u1100', '\u4E00', '\u{1F600}', '\u001B[31m', '\t', '\u0483'];
	for (const ch of covered) {
		for (const s of special) {
			assert.equal(fastStringWidth(ch + s), stringWidth(ch + s), `U+${ch.charCodeAt(0).toString(16)} + ${JSON.stringify(s)}`);
		}
	}
});

test('random strings of covered and other code points measure the same', () => {
	const piece = fc.oneof(
		fc.constantFrom(...covered),
		fc.constantFrom('\u0301', '\u200D', '\uFE0F', '\u4E00', '\u{1F600}', '\u{1F1FA}\u{1F1F8}', '\u001B[1m', '\n', '\u0000', '\uD800'),
		// SGR sequences (the fast path skips these) and near misses of them (string-width's call).
		fc.constantFrom(...sgrLike),
		fc.string({unit: 'binary', maxLength: 3}),
	);
	fc.assert(fc.property(fc.array(piece, {maxLength: 30}), pieces => {
		const text = pieces.join('');
		assert.equal(fastStringWidth(text), stringWidth(text), JSON.stringify(text));
	}), {numRuns: 3000});
});

test('SGR sequences and near misses of them, around each covered code point', () => {
	for (const ch of covered) {
		for (const sgr of sgrLike) {
			for (const text of [`${sgr}${ch}`, `a${ch}${sgr}${sgr}${ch}1m`]) {
				assert.equal(fastStringWidth(text), stringWidth(text), `U+${ch.charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`);
			}
		}
	}
	const header = '\u001B[1m\u001B[36mcrisock-tui\u001B[39m\u001B[22m connecting …';
	assert.equal(fastStringWidth(header), 24);
	assert.equal(stringWidth(header), 24);
});

test('options other than the default go to string-width', () => {
	assert.equal(fastStringWidth('↓─', {ambiguousIsNarrow: false}), stringWidth('↓─', {ambiguousIsNarrow: false}));
	assert.equal(fastStringWidth('↓─', {ambiguousIsNarrow: false}), 4);
});
