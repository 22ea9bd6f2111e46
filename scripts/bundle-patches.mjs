// Small, exact patches of dependencies, applied while bundling (esbuild plugin). Each
// replacement must match exactly: a changed dependency fails the build instead of silently
// losing the patch.
//
// 1. ink's per-frame text work cached ACROSS frames.
//
// ink 6.8 rebuilds the whole screen on every frame: each line is tokenised into styled
// characters, every character measured with string-width, each line clipped with slice-ansi
// (overflow="hidden") and every text node measured again with widest-line. Its caches live
// in one Output object, i.e. one frame. A key press changes two rows of a 24-row screen, yet
// that work was ~12 ms of CPU per frame on this 2-core machine (profile: stringWidth,
// tokenize, styledCharsFromTokens, slice-ansi) — most of the 16 ms key budget.
//
// Here the same caches are kept between frames (bounded: cleared when they grow past a limit,
// so a long session with changing text does not grow without end). The cached values are
// the ones ink computes from the same input strings, so frames are byte-identical.
//
// ink's own text caches (measure-text, wrap-text) are module-level and never emptied: every
// distinct line ever shown (a clock, a CPU %, an age) stays for the life of the process, a slow
// leak in a dashboard left open for hours. They are bounded the same way.
//
// 2. yoga-layout (ink's layout engine) decodes its inlined wasm itself instead of fetch()ing
// its data: URL. fetch() made Node load its internal undici (~25-40 ms of start-up, before the
// first frame). Its own fallback (atob, then a charCodeAt loop over the 72 KB) cost ~10 CPU-ms
// of the ~26 that loading yoga takes before the first frame; Node's native base64 decoder
// (Buffer.from) gives the same bytes (a test holds them equal) in well under 1 ms.
//
// 3. No top-level await in the bundle, so the single executable (a CommonJS script, as Node's
// SEA requires) can be built from the same sources: yoga instantiates its wasm synchronously
// (Node compiles an 88 KB module synchronously without complaint; the bytes are the ones its
// own decoder gives), and ink's React devtools hooks, which only run with DEV=true and which
// the bundle never ships, are dropped.
//
// 4. No frame for a commit that changed nothing on the screen (ink-quiet-patches.mjs).
//
// 5. Text work skipped where its answer is known without it (exact: the same tokens, styles and
// bytes; test/scripts/ink-fast-paths.test.ts holds patched and unpatched equal). A new page of
// rows at 10,000 containers spent most of a key's frame here:
// - ansi-tokenize's tokenize runs Intl.Segmenter over every line; a line of simple code points
//   (source/format/fast-width.ts: one column, each its own grapheme) and SGR escapes is
//   tokenised by a plain scan with the package's own SGR parsing;
// - ink's Output clips every line of an overflow="hidden" box with slice-ansi, even one that
//   fits: a line of simple code points inside the clip is its own slice;
// - slice-ansi's tokenizeAnsi (cli-truncate, i.e. ink's truncated text such as the header, and
//   ink's clip) segments the whole line into graphemes; the first call in a process builds
//   Intl.Segmenter's grapheme data, ~20-30 CPU-ms before the first frame (profile of the
//   executable, 100 containers). A line of simple code points and escape codes is tokenised by a
//   plain scan with the package's own escape parsing (the same tokens);
// - styledCharsFromTokens gave each character an object spread and its own copy of the styles;
//   the characters of one style run now share that run's array (nothing mutates one: ink's own
//   wide-character filler shares it too).
//
// 6. Work moved out of module evaluation to the first call that needs it (start-up-patches.mjs).
//
// 7. grpc-js copies a message's bytes as they arrive instead of keeping the socket's read
// buffers until it is whole (grpc-patches.mjs): memory at 10,000 containers.
import {fileURLToPath} from 'node:url';
import {grpcPatches} from './grpc-patches.mjs';
import {quietPatches} from './ink-quiet-patches.mjs';
import {startUpPatches} from './start-up-patches.mjs';

const shared = `
const __crisockLimit = (map, max) => { if (map.size > max) map.clear(); return map; };
let __crisockCaches;
function __crisockSharedCaches() {
	__crisockCaches ??= new OutputCaches();
	__crisockLimit(__crisockCaches.styledChars, 4000);
	__crisockLimit(__crisockCaches.widths, 20000);
	__crisockLimit(__crisockCaches.blockWidths, 4000);
	return __crisockCaches;
}
const __crisockSlices = new Map();
function __crisockSlice(line, from, to) {
	const key = from + ',' + to + ',' + line;
	let sliced = __crisockSlices.get(key);
	if (sliced === undefined) {
		sliced = sliceAnsi(line, from, to);
		__crisockLimit(__crisockSlices, 4000).set(key, sliced);
	}
	return sliced;
}
`;

const widest = `
const __crisockWidths = new Map();
function __crisockWidest(text) {
	let width = __crisockWidths.get(text);
	if (width === undefined) {
		width = widestLine(text);
		if (__crisockWidths.size > 4000) __crisockWidths.clear();
		__crisockWidths.set(text, width);
	}
	return width;
}
`;

// The simple code points' test, from the fast width path (bundled from source).
const simpleImport = `import {isSimpleCode as __crisockSimpleCode} from ${JSON.stringify(fileURLToPath(new URL('../source/format/fast-width.ts', import.meta.url)))};`;

const fastTokenize = `
${simpleImport}
// tokenize() for simple code points and SGR sequences; undefined for anything else.
function __crisockTokenize(str, endChar) {
	const ret = [];
	let visible = 0;
	for (let index = 0; index < str.length;) {
		const c = str.charCodeAt(index);
		if (c === 27) {
			if (str.charCodeAt(index + 1) !== CSI) return undefined;
			const code = parseSGRSequence(str, index);
			if (!code) return undefined;
			for (const individualCode of splitCompoundSGRSequences(code)) ret.push({type: 'ansi', code: individualCode, endCode: getEndCode(individualCode)});
			index += code.length;
			continue;
		}
		if (!__crisockSimpleCode(c)) return undefined;
		ret.push({type: 'char', value: str[index], fullWidth: false});
		index++;
		if (++visible >= endChar) {
			// The last character is whole only if what follows cannot join it.
			if (index < str.length && str.charCodeAt(index) !== 27 && !__crisockSimpleCode(str.charCodeAt(index))) return undefined;
			break;
		}
	}
	return ret;
}
`;

const plainSlice = `
${simpleImport}
// A line of simple code points that the clip does not cut: slice-ansi would return it as it is.
function __crisockWhole(line, from, to) {
	if (from !== 0 || to < line.length) return false;
	for (let i = 0; i < line.length; i++) if (!__crisockSimpleCode(line.charCodeAt(i))) return false;
	return true;
}
`;

const fastTokenizeAnsi = `
${simpleImport}
// tokenizeAnsi() when every visible character is a simple code point (one column, its own
// grapheme: nothing joins across an escape either) and every escape parses; undefined otherwise.
function __crisockTokenizeAnsi(string, endCharacter) {
	for (let index = 0; index < string.length;) {
		const codePoint = string.charCodeAt(index);
		if (ESCAPES.has(codePoint)) {
			const code = parseAnsiCode(string, index);
			if (!code) return undefined;
			index = code.endIndex;
		} else if (__crisockSimpleCode(codePoint)) {
			index++;
		} else {
			return undefined;
		}
	}
	const tokens = [];
	let visibleCount = 0;
	for (let index = 0; index < string.length;) {
		if (ESCAPES.has(string.charCodeAt(index))) {
			const code = parseAnsiCode(string, index);
			tokens.push(code.token);
			index = code.endIndex;
			continue;
		}
		tokens.push({type: 'character', value: string[index], visibleWidth: 1, isGraphemeContinuation: false});
		index++;
		if (++visibleCount >= endCharacter) {
			appendTrailingAnsiTokens(string, index, tokens);
			break;
		}
	}
	return tokens;
}
`;

const patches = {
	'slice-ansi/tokenize-ansi.js': [
		['export default function tokenizeAnsi(string, {endCharacter = Number.POSITIVE_INFINITY} = {}) {\n', 'export default function tokenizeAnsi(string, {endCharacter = Number.POSITIVE_INFINITY} = {}) {\n\tconst __crisockFast = __crisockTokenizeAnsi(string, endCharacter);\n\tif (__crisockFast !== undefined) return __crisockFast;\n'],
		[/$/, fastTokenizeAnsi],
	],
	'ink/build/output.js': [
		['caches = new OutputCaches();', 'caches = __crisockSharedCaches();'],
		['return sliceAnsi(line, from, to);', 'return __crisockWhole(line, from, to) ? line : __crisockSlice(line, from, to);'],
		[/$/, shared + plainSlice],
	],
	'@alcalzone/ansi-tokenize/build/tokenize.js': [
		['export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {', 'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {\n    const __crisockFast = __crisockTokenize(str, endChar);\n    if (__crisockFast !== undefined)\n        return __crisockFast;'],
		[/$/, fastTokenize],
	],
	'@alcalzone/ansi-tokenize/build/styledChars.js': [
		[`ret.push({
                ...token,
                styles: [...codes],
            });`, 'ret.push({type: token.type, value: token.value, fullWidth: token.fullWidth, styles: codes});'],
	],
	'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js': [
		['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return true?'],
		['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c}', 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))}'],
		['h.monitorRunDependencies&&h.monitorRunDependencies(F);if(h.instantiateWasm)', 'h.monitorRunDependencies&&h.monitorRunDependencies(F);if(h.__crisockSync){var __crisockInstance=new WebAssembly.Instance(new WebAssembly.Module(wa()),d);a(__crisockInstance);return __crisockInstance.exports}if(h.instantiateWasm)'],
	],
	'yoga-layout/dist/src/index.js': [
		['const Yoga = wrapAssembly(await loadYoga());', 'const __crisockYoga = {__crisockSync: true};\nloadYoga(__crisockYoga).catch(() => {});\nconst Yoga = wrapAssembly(__crisockYoga);'],
	],
	'ink/build/reconciler.js': [
		["await import('./devtools.js');", '// devtools: not shipped'],
		['? await loadPackageJson()', "? {name: 'ink', version: undefined}"],
	],
	'ink/build/measure-text.js': [
		['cache.set(text, dimensions);', 'if (cache.size > 4000) cache.clear();\n    cache.set(text, dimensions);'],
	],
	'ink/build/wrap-text.js': [
		['const cache = {};', 'let cache = {};\nlet cacheSize = 0;'],
		['cache[cacheKey] = wrappedText;', 'if (++cacheSize > 4000) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;'],
	],
	'ink/build/render-node-to-output.js': [
		['const currentWidth = widestLine(text);', 'const currentWidth = __crisockWidest(text);'],
		[/$/, widest],
	],
};

for (const extra of [quietPatches, startUpPatches, grpcPatches]) {
	for (const [file, list] of Object.entries(extra)) patches[file] = [...(patches[file] ?? []), ...list];
}

/** The patched source of one dependency file, or undefined when the file is not patched. Throws when a pattern is missing. */
export function patchInkSource(file, source) {
	const normal = file.replaceAll('\\', '/');
	// The longest suffix wins (a package nested under another's node_modules has its own entry).
	const entry = Object.entries(patches).filter(([suffix]) => normal.endsWith(`/node_modules/${suffix}`)).sort((a, b) => b[0].length - a[0].length)[0];
	if (!entry) return undefined;
	let out = source;
	for (const [from, to] of entry[1]) {
		if (typeof from === 'string' && !out.includes(from)) throw new Error(`bundle-patches: "${from}" not found in ${entry[0]}; the dependency changed, review the patch`);
		out = out.replace(from, to);
	}
	return out;
}

export const bundlePatches = {
	name: 'bundle-patches',
	setup(build) {
		build.onLoad({filter: /([\\/]ink[\\/]build[\\/](output|render-node-to-output|measure-text|wrap-text|reconciler|components[\\/]Text)|ansi-tokenize[\\/]build[\\/](styledChars|tokenize)|yoga-wasm-base64-esm|[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index|[\\/]string-width[\\/]index|[\\/]slice-ansi[\\/]tokenize-ansi|[\\/]meow[\\/]build[\\/]dependencies|[\\/]terminal-size[\\/]index|[\\/]grpc-js[\\/]build[\\/]src[\\/]stream-decoder)\.js$/}, async args => {
			const {readFile} = await import('node:fs/promises');
			const contents = patchInkSource(args.path, await readFile(args.path, 'utf8'));
			return contents === undefined ? undefined : {contents, loader: 'js'};
		});
	},
};
