// The fast path gives string-width's answer: for every code point it covers, alone and beside
// ASCII, box drawing and itself, and for random strings mixing them with anything else.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import fastStringWidth, {simpleRanges} from '../../source/format/fast-width.js';

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
		fc.string({unit: 'binary', maxLength: 3}),
	);
	fc.assert(fc.property(fc.array(piece, {maxLength: 30}), pieces => {
		const text = pieces.join('');
		assert.equal(fastStringWidth(text), stringWidth(text), JSON.stringify(text));
	}), {numRuns: 3000});
});

test('options other than the default go to string-width', () => {
	assert.equal(fastStringWidth('↓─', {ambiguousIsNarrow: false}), stringWidth('↓─', {ambiguousIsNarrow: false}));
	assert.equal(fastStringWidth('↓─', {ambiguousIsNarrow: false}), 4);
});
