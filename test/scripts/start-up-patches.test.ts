// scripts/start-up-patches.mjs: module evaluation no longer builds an Intl.Segmenter or meow's
// package normaliser, and the patched modules give the same answers as the packages do.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
// @ts-expect-error plain .mjs build helper without types
import {patchInkSource} from '../../scripts/bundle-patches.mjs';

const patch = patchInkSource as (file: string, source: string) => string | undefined;
const nodeModules = path.join(path.dirname(createRequire(import.meta.url).resolve('meow')), '..', '..');

/** The patched file, written beside the original (so its imports resolve), imported, then removed. */
async function importPatched<T>(file: string): Promise<{patched: T; original: T; source: string}> {
	const source = patch(file, readFileSync(file, 'utf8'));
	assert.ok(source !== undefined, `${file} is patched`);
	const copy = path.join(path.dirname(file), `.start-up-patch-test-${process.pid}.js`);
	writeFileSync(copy, source);
	try {
		return {patched: await import(pathToFileURL(copy).href) as T, original: await import(pathToFileURL(file).href) as T, source};
	} finally {
		rmSync(copy, {force: true});
	}
}

const samples = ['', 'plain ascii', 'naïve café', '漢字とかな', '👩‍👩‍👧 family', '🇩🇪 flag', 'e\u0301 combining', '\u001B[31mred\u001B[39m', 'tab\there', '\u200Bzero', '한국어', 'x\u{1F3FD}'];

for (const dir of ['string-width', 'wrap-ansi/node_modules/string-width']) {
	test(`${dir}: no segmenter is built at import, and every width is the package's`, async () => {
		type Width = {default: (s: string, o?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number};
		const {patched, original, source} = await importPatched<Width>(path.join(nodeModules, dir, 'index.js'));
		assert.doesNotMatch(source, /^const segmenter = new Intl\.Segmenter/m);
		assert.doesNotMatch(source, /^const rgiEmojiRegex = \//m);
		for (const s of samples) {
			assert.equal(patched.default(s), original.default(s), JSON.stringify(s));
			assert.equal(patched.default(s, {ambiguousIsNarrow: false, countAnsiEscapeCodes: true}), original.default(s, {ambiguousIsNarrow: false, countAnsiEscapeCodes: true}), JSON.stringify(s));
		}
	});
}

test('slice-ansi and ansi-tokenize: no segmenter at import, the same slices and tokens', async () => {
	const slice = await importPatched<{tokenizeAnsi?: unknown}>(path.join(nodeModules, 'slice-ansi', 'tokenize-ansi.js'));
	assert.doesNotMatch(slice.source, /^const GRAPHEME_SEGMENTER = new Intl\.Segmenter/m);
	const file = path.join(nodeModules, '@alcalzone', 'ansi-tokenize', 'build', 'tokenize.js');
	const source = patch(file, readFileSync(file, 'utf8'))!;
	assert.doesNotMatch(source, /^const segmenter = new Intl\.Segmenter/m);
	assert.match(source, /const segmenter = \{__s: undefined, segment\(text\) \{ return \(this\.__s \?\?= new Intl\.Segmenter\(undefined, \{granularity: "grapheme"\}\)\)\.segment\(text\); \}\};/);
	for (const [name, value] of Object.entries(slice.patched)) {
		if (typeof value !== 'function' || typeof (slice.original as Record<string, unknown>)[name] !== 'function') continue;
		for (const s of samples) {
			let want: unknown;
			let got: unknown;
			try {
				want = ((slice.original as Record<string, (s: string) => unknown>)[name]!)(s);
			} catch (error) {
				want = (error as Error).message;
			}
			try {
				got = (value as (s: string) => unknown)(s);
			} catch (error) {
				got = (error as Error).message;
			}
			assert.deepEqual(got, want, `${name}(${JSON.stringify(s)})`);
		}
	}
});

test("meow: no child_process, no default import of util, the package normaliser is required on its first call and normalises and warns as the package's", async () => {
	type Deps = {n: (pkg: Record<string, unknown>, warn?: (message: string) => void) => void};
	const {patched, original, source} = await importPatched<Deps>(path.join(nodeModules, 'meow', 'build', 'dependencies.js'));
	assert.doesNotMatch(source, /^var normalizeExports = requireNormalize\(\);/m);
	assert.doesNotMatch(source, /child_process|execFile/);
	// A default import makes the bundle read every property descriptor of util (Node 24 then loads ~30 modules).
	assert.doesNotMatch(source, /^import [\w$]+, \{ format \} from 'util';/m);
	const pkg = (): Record<string, unknown> => ({name: 'x', version: '1.0.0', license: 'apache 2', repository: 'github:a/b', bin: 'cli.js'});
	const a = pkg();
	const b = pkg();
	patched.n(a);
	original.n(b);
	assert.deepEqual(a, b);
	assert.equal(a._id, 'x@1.0.0');
	// The warnings go through util.format, now required where they are made.
	const warned: string[][] = [[], []];
	patched.n({name: 'x', version: '1.0.0', repository: 'not a url', bin: 5}, message => warned[0]!.push(message));
	original.n({name: 'x', version: '1.0.0', repository: 'not a url', bin: 5}, message => warned[1]!.push(message));
	assert.ok(warned[1]!.length > 0, 'the package warns');
	assert.deepEqual(warned[0], warned[1]);
});

test('terminal-size: child_process is required on the first fallback call, not at import; the same size as the package\'s', async () => {
	type Size = {default: () => {columns: number; rows: number}};
	const file = path.join(nodeModules, 'terminal-size', 'index.js');
	const {patched, original, source} = await importPatched<Size>(file);
	assert.doesNotMatch(source, /^import .*child_process/m);
	assert.match(source, /createRequire\(import\.meta\.url\)\('node:child_process'\)\.execFileSync\(/);
	// No terminal and no COLUMNS/LINES here: the fallbacks (stty, tput via child_process) run.
	const env = {COLUMNS: process.env.COLUMNS, LINES: process.env.LINES};
	delete process.env.COLUMNS;
	delete process.env.LINES;
	try {
		assert.deepEqual(patched.default(), original.default());
	} finally {
		if (env.COLUMNS !== undefined) process.env.COLUMNS = env.COLUMNS;
		if (env.LINES !== undefined) process.env.LINES = env.LINES;
	}
});
