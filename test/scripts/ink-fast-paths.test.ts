// The bundle's fast paths in ink's frame work (scripts/bundle-patches.mjs, part 4) give exactly
// what ink and ansi-tokenize give: the patched files are bundled here with the same plugin and
// compared with the installed, unpatched ones on every simple code point and on random lines
// and frames that mix simple text with SGR styles, links, wide, joining and control characters.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import * as plain from '@alcalzone/ansi-tokenize';
// @ts-expect-error plain .mjs build helper without types
import {bundlePatches} from '../../scripts/bundle-patches.mjs';
import {simpleRanges} from '../../source/format/fast-width.js';

type StyledChar = {value: string; styles: unknown[]};
type OutputLike = {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
};
type OutputClass = new (options: {width: number; height: number}) => OutputLike;
type Patched = {
	tokenize: typeof plain.tokenize;
	styledCharsFromTokens: typeof plain.styledCharsFromTokens;
	styledCharsToString: (chars: StyledChar[]) => string;
	Output: OutputClass;
};

const root = fileURLToPath(new URL('../../', import.meta.url));
const inkOutput = path.join(root, 'node_modules', 'ink', 'build', 'output.js');
let dir = '';
let patched: Patched;
let PlainOutput: OutputClass;

before(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'crisock-ink-fast-'));
	const outfile = path.join(dir, 'patched.mjs');
	await esbuild.build({
		stdin: {
			contents: `export {tokenize, styledCharsFromTokens, styledCharsToString} from '@alcalzone/ansi-tokenize'; export {default as Output} from ${JSON.stringify(inkOutput)};`,
			resolveDir: root, loader: 'js',
		},
		outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [bundlePatches],
	});
	patched = await import(pathToFileURL(outfile).href) as Patched;
	PlainOutput = (await import(pathToFileURL(inkOutput).href) as {default: OutputClass}).default;
});

after(() => rmSync(dir, {recursive: true, force: true}));

const covered = simpleRanges.flatMap(([from, to]) => Array.from({length: to - from + 1}, (_, i) => String.fromCharCode(from + i)));
const sgr = ['\u001B[7m', '\u001B[27m', '\u001B[32m', '\u001B[39m', '\u001B[2m', '\u001B[22m', '\u001B[1m', '\u001B[0m', '\u001B[1;31m', '\u001B[38;5;12m', '\u001B[38;2;1;2;3m', '\u001B[49m'];
const odd = ['\u001B[', '\u001B[x', '\u001B', '\u009B31m', '\u001B]8;;https://x\u0007', '\u001B]8;;\u0007', '\u0301', '\u200D', '\uFE0F', '\u4E00', '\u{1F600}', '\u{1F1FA}\u{1F1F8}', '\t', '\u0000', '\r\n', '\u2329', '\uD800'];
const piece = fc.oneof(
	{arbitrary: fc.constantFrom(...covered), weight: 6},
	{arbitrary: fc.constantFrom(...sgr), weight: 2},
	{arbitrary: fc.constantFrom(...odd), weight: 1},
);
const line = fc.array(piece, {maxLength: 40}).map(pieces => pieces.join(''));
const simpleLine = fc.array(fc.constantFrom(...covered), {maxLength: 40}).map(pieces => pieces.join(''));

test('tokenize: every simple code point, alone, styled and beside others, as the package gives it', () => {
	assert.ok(covered.length > 1500);
	for (const ch of covered) {
		for (const text of [ch, `a${ch}${ch}b`, `\u001B[7m${ch}\u001B[27m`, `\u001B[1;32m─${ch}\u001B[0m↓`]) {
			assert.deepEqual(patched.tokenize(text), plain.tokenize(text), `U+${ch.charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`);
		}
	}
});

test('tokenize and styled characters: random lines, with and without a visible-character limit', () => {
	fc.assert(fc.property(line, fc.option(fc.nat(45), {nil: undefined}), (text, end) => {
		const got = patched.tokenize(text, end);
		assert.deepEqual(got, plain.tokenize(text, end), JSON.stringify(text));
		const chars = plain.styledCharsFromTokens(plain.tokenize(text)) as StyledChar[];
		assert.equal(patched.styledCharsToString(chars), plain.styledCharsToString(chars as never), JSON.stringify(text));
	}), {numRuns: 3000});
});

test('Output frames: random writes, clips and colour transformers give the same bytes', () => {
	const color = (open: string, close: string) => (s: string) => `${open}${s}${close}`;
	const transformer = fc.constantFrom(color('\u001B[7m', '\u001B[27m'), color('\u001B[32m', '\u001B[39m'), color('\u001B[2m', '\u001B[22m'));
	const write = fc.record({
		x: fc.integer({min: -3, max: 30}), y: fc.integer({min: -2, max: 8}),
		text: fc.array(fc.oneof({arbitrary: simpleLine, weight: 3}, {arbitrary: line, weight: 1}), {minLength: 1, maxLength: 3}).map(lines => lines.join('\n')),
		transformers: fc.array(transformer, {maxLength: 2}),
	});
	const clip = fc.record({x1: fc.integer({min: 0, max: 10}), x2: fc.integer({min: 5, max: 30}), y1: fc.integer({min: 0, max: 3}), y2: fc.integer({min: 2, max: 8})});
	const op = fc.oneof(
		{arbitrary: write.map(w => ({type: 'write' as const, ...w})), weight: 4},
		{arbitrary: clip.map(c => ({type: 'clip' as const, clip: c})), weight: 1},
		{arbitrary: fc.constant({type: 'unclip' as const}), weight: 1},
	);
	fc.assert(fc.property(fc.integer({min: 1, max: 30}), fc.integer({min: 1, max: 8}), fc.array(op, {maxLength: 12}), (width, height, ops) => {
		const frames = [new patched.Output({width, height}), new PlainOutput({width, height})].map(output => {
			let clips = 0;
			for (const o of ops) {
				if (o.type === 'write') output.write(o.x, o.y, o.text, {transformers: o.transformers});
				else if (o.type === 'clip') {
					output.clip(o.clip);
					clips++;
				} else if (clips > 0) {
					output.unclip();
					clips--;
				}
			}
			return output.get();
		});
		assert.deepEqual(frames[0], frames[1]);
	}), {numRuns: 1500});
});
