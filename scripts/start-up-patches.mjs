// Exact patches of dependencies (applied by bundle-patches.mjs) that move work out of module
// evaluation into the first call that needs it. Start-up evaluates every module the CLI imports
// statically, the one-shot print included, so work done there is paid by every run.
//
// 1. Intl.Segmenter, built lazily. The first segmenter a process builds loads ICU's break
// iterator data: ~21 CPU-ms here (profile of `crisock-tui -r … | cat`, 100 containers), paid at
// import by string-width, slice-ansi and ansi-tokenize, though a print or a screen of simple text
// (source/format/fast-width.ts) never segments. The stand-in builds the same segmenter on its
// first segment() call, the only method these packages use.
//
// string-width 8's RGI emoji pattern is built lazily too: esbuild turns the /v literal into a
// new RegExp (node20 target), and V8 builds the \p{RGI_Emoji} set on construction, 29–38 CPU-ms at
// every start; only a cluster that is not simple text is ever tested against it.
//
// 2. meow's package.json normaliser (normalize-package-data with spdx-correct, semver, …)
// evaluated at import: 16–29 CPU-ms, though meow calls it only when a caller reads cli.pkg,
// which this CLI never does. Now its module is required on that first call. The same file
// imports child_process for a promisify(execFile) whose result it drops: 15 more built-in
// modules (~7 CPU-ms) loaded for nothing, so both lines go.
//
// meow's file also takes util's default export (for normalize-package-data's warnings, which this
// CLI never shows): the bundle's import helper then reads every property descriptor of util, and
// Node 24 loads a module behind each lazy one (parseArgs, diff, worker_threads, streams, …; about
// 30 modules). Now util is required where that code runs, and only `format` is imported.
//
// 3. ink's terminal-size imports child_process (and with it dgram, net's socket list, …) for a
// fallback that runs stty or tput only when the terminal's size is unknown: required on that
// first call instead of while the dashboard loads.

/** An object whose segment() is Intl.Segmenter's, with the segmenter built on the first call. */
const lazySegmenter = args => `{__s: undefined, segment(text) { return (this.__s ??= new Intl.Segmenter(${args})).segment(text); }}`;

export const startUpPatches = {
	// string-width 8 (ink, cli-truncate) and wrap-ansi's own string-width 7: the longest suffix applies.
	'wrap-ansi/node_modules/string-width/index.js': [
		['const segmenter = new Intl.Segmenter();', `const segmenter = ${lazySegmenter('')};`],
	],
	'string-width/index.js': [
		['const segmenter = new Intl.Segmenter();', `const segmenter = ${lazySegmenter('')};`],
		['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'const rgiEmojiRegex = {__r: undefined, test(text) { return (this.__r ??= /^\\p{RGI_Emoji}$/v).test(text); }};'],
	],
	'slice-ansi/tokenize-ansi.js': [
		["const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});", `const GRAPHEME_SEGMENTER = ${lazySegmenter("undefined, {granularity: 'grapheme'}")};`],
	],
	'@alcalzone/ansi-tokenize/build/tokenize.js': [
		['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', `const segmenter = ${lazySegmenter('undefined, {granularity: "grapheme"}')};`],
	],
	'terminal-size/index.js': [
		["import {execFileSync} from 'node:child_process';\n", "import {createRequire} from 'node:module';\n"],
		['\texecFileSync(command, arguments_, {', "\tcreateRequire(import.meta.url)('node:child_process').execFileSync(command, arguments_, {"],
	],
	'meow/build/dependencies.js': [
		["import require$$0$2, { format } from 'util';\n", "import { format } from 'util';\n"],
		['var util = require$$0$2;', "var util = createRequire(import.meta.url)('util');"],
		["import { execFile } from 'node:child_process';\n", ''],
		['promisify(execFile);\n', ''],
		['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);'],
	],
};
