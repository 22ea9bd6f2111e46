// The bundle's fast path in slice-ansi's tokenizer (scripts/bundle-patches.mjs, part 5): slices
// and truncations of simple text with escape codes are exactly what the installed, unpatched
// slice-ansi and cli-truncate give, on every simple code point and on random lines that mix it
// with SGR styles, links, wide, joining and control characters; and simple text builds no
// Intl.Segmenter (the grapheme data it loads cost the first frame ~20-30 CPU-ms).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import plainSlice from 'slice-ansi';
import plainTruncate from 'cli-truncate';
// @ts-expect-error plain .mjs build helper without types
import {sharedOptions} from '../../scripts/build-options.mjs';
import {simpleRanges} from '../../source/format/fast-width.js';

type Patched = {sliceAnsi: typeof plainSlice; cliTruncate: typeof plainTruncate};

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir = '';
let patched: Patched;
let outfile = '';

before(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'crisock-slice-fast-'));
	outfile = path.join(dir, 'patched.mjs');
	await esbuild.build({
		stdin: {contents: "export {default as sliceAnsi} from 'slice-ansi'; export {default as cliTruncate} from 'cli-truncate';", resolveDir: root, loader: 'js'},
		// The product's plugins: the patches, and cli-truncate measuring with the fast width.
		outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent', plugins: (sharedOptions() as {plugins: esbuild.Plugin[]}).plugins,
	});
	patched = await import(pathToFileURL(outfile).href) as Patched;
});

after(() => rmSync(dir, {recursive: true, force: true}));

const covered = simpleRanges.flatMap(([from, to]) => Array.from({length: to - from + 1}, (_, i) => String.fromCharCode(from + i)));
const sgr = ['\u001B[7m', '\u001B[27m', '\u001B[32m', '\u001B[39m', '\u001B[2m', '\u001B[22m', '\u001B[1m', '\u001B[0m', '\u001B[1;31m', '\u001B[38;5;12m', '\u001B[38;2;1;2;3m', '\u001B[49m', '\u001B[m'];
const links = ['\u001B]8;;https://x\u0007', '\u001B]8;;\u0007', '\u001B]8;;https://é\u001B\\', '\u001B]8;;\u001B\\', '\u009D8;;u\u009C'];
const odd = ['\u001B[', '\u001B[x', '\u001B', '\u009B31m', '\u001B[2K', '\u0301', '\u200D', '\uFE0F', '\u4E00', '\u{1F600}', '\u{1F1FA}\u{1F1F8}', '\t', '\u0000', '\r\n', '\u2329', '\uD800', '\u0085'];
const piece = fc.oneof(
	{arbitrary: fc.constantFrom(...covered), weight: 8},
	{arbitrary: fc.constantFrom(...sgr), weight: 3},
	{arbitrary: fc.constantFrom(...links), weight: 1},
	{arbitrary: fc.constantFrom(...odd), weight: 1},
);
const line = fc.array(piece, {maxLength: 40}).map(pieces => pieces.join(''));
const simpleStyled = fc.array(fc.oneof({arbitrary: fc.constantFrom(...covered), weight: 4}, {arbitrary: fc.constantFrom(...sgr, ...links), weight: 1}), {maxLength: 40}).map(pieces => pieces.join(''));
const bound = fc.option(fc.integer({min: -2, max: 45}), {nil: undefined});

test('slice-ansi: every simple code point, alone, styled and beside others, sliced as the package slices it', () => {
	assert.ok(covered.length > 1500);
	for (const ch of covered) {
		for (const text of [ch, `a${ch}${ch}b`, `\u001B[7m${ch}\u001B[27m`, `\u001B[1;32m─${ch}\u001B[0m↓`, `\u001B]8;;u\u0007${ch}x\u001B]8;;\u0007`]) {
			for (const [start, end] of [[0, undefined], [0, 1], [1, 3], [2, undefined], [0, 2]] as const) {
				assert.equal(patched.sliceAnsi(text, start, end), plainSlice(text, start, end), `U+${ch.charCodeAt(0).toString(16)} in ${JSON.stringify(text)} [${start}, ${end})`);
			}
		}
	}
});

test('slice-ansi: random lines, any start and end', () => {
	fc.assert(fc.property(fc.oneof(line, simpleStyled), fc.integer({min: -2, max: 45}), bound, (text, start, end) => {
		assert.equal(patched.sliceAnsi(text, start, end), plainSlice(text, start, end), `${JSON.stringify(text)} [${start}, ${end})`);
	}), {numRuns: 4000});
});

test('cli-truncate: random lines at every position, as ink truncates text', () => {
	const position = fc.constantFrom('end' as const, 'middle' as const, 'start' as const);
	fc.assert(fc.property(fc.oneof(line, simpleStyled), fc.integer({min: 0, max: 45}), position, (text, columns, at) => {
		assert.equal(patched.cliTruncate(text, columns, {position: at}), plainTruncate(text, columns, {position: at}), `${JSON.stringify(text)} ${columns} ${at}`);
	}), {numRuns: 3000});
});

test('simple text with styles and links is sliced and truncated without building an Intl.Segmenter', async () => {
	const Original = Intl.Segmenter;
	let built = 0;
	const Counting = class extends Original {
		constructor(...args: ConstructorParameters<typeof Original>) {
			super(...args);
			built++;
		}
	};
	Object.defineProperty(Intl, 'Segmenter', {value: Counting, configurable: true, writable: true});
	try {
		// A fresh instance of the bundle: the other tests' segmenter is not built in this one.
		const fresh = await import(`${pathToFileURL(outfile).href}?segmenter`) as Patched;
		const header = '\u001B[1mcrisock-tui\u001B[22m containerd 1.6.20~ds1 (CRI v1) unix:///run/containerd/containerd.sock ✓ ↓ – …';
		fresh.cliTruncate(header, 40);
		fresh.sliceAnsi(header, 3, 30);
		assert.equal(built, 0, 'no segmenter for simple text');
		// The package's own path still runs for anything else (a joining mark): the count can move.
		fresh.sliceAnsi('e\u0301\u001B[31mx\u001B[39m', 0, 1);
		assert.equal(built, 1, 'a segmenter for a line that needs one');
	} finally {
		Object.defineProperty(Intl, 'Segmenter', {value: Original, configurable: true, writable: true});
	}
});
