import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import fc from 'fast-check';
// @ts-expect-error plain .mjs build helper without types
import {patchInkSource} from '../../scripts/bundle-patches.mjs';

const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const patch = patchInkSource as (file: string, source: string) => string | undefined;

test('the installed ink still has every line the patches replace (frame caches, bounded text caches)', () => {
	for (const name of ['output.js', 'render-node-to-output.js', 'measure-text.js', 'wrap-text.js']) {
		const file = path.join(inkBuild, name);
		const source = readFileSync(file, 'utf8');
		const patched = patch(file, source);
		assert.ok(patched !== undefined && patched !== source, `${name} patched`);
	}
	assert.match(patch(path.join(inkBuild, 'output.js'), readFileSync(path.join(inkBuild, 'output.js'), 'utf8'))!, /caches = __crisockSharedCaches\(\);/);
});

test("ink's module-level text caches are bounded", () => {
	const measure = patch(path.join(inkBuild, 'measure-text.js'), readFileSync(path.join(inkBuild, 'measure-text.js'), 'utf8'))!;
	assert.match(measure, /if \(cache\.size > 4000\) cache\.clear\(\);/);
	const wrap = patch(path.join(inkBuild, 'wrap-text.js'), readFileSync(path.join(inkBuild, 'wrap-text.js'), 'utf8'))!;
	assert.match(wrap, /let cache = \{\};/);
	assert.match(wrap, /if \(\+\+cacheSize > 4000\)/);
});

test('yoga decodes its wasm without fetch (no undici at start-up)', () => {
	const file = fileURLToPath(new URL('../../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', import.meta.url));
	const patched = patch(file, readFileSync(file, 'utf8'))!;
	assert.ok(patched.includes('function ya(){return true?'));
});

test("yoga's wasm is decoded by Node's base64 decoder, to the bytes its own atob + charCodeAt loop gave", async () => {
	const file = fileURLToPath(new URL('../../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', import.meta.url));
	const source = readFileSync(file, 'utf8');
	const patched = patch(file, source)!;
	assert.ok(patched.includes('var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))}'));
	assert.doesNotMatch(patched, /charCodeAt\(a\);var d=c/);
	const url = /H="(data:application\/octet-stream;base64,[^"]+)"/.exec(source)?.[1];
	assert.ok(url, 'the inlined data: URL is where the patch expects it');
	const payload = url.slice(37);
	const viaAtob = Uint8Array.from(atob(payload), c => c.charCodeAt(0));
	const viaBuffer = new Uint8Array(Buffer.from(payload, 'base64'));
	assert.ok(viaAtob.length > 50_000, `${viaAtob.length} bytes`);
	assert.deepEqual(viaBuffer, viaAtob);
	assert.ok(WebAssembly.validate(viaBuffer), 'a valid WebAssembly module');
	// The patched loader, run as the bundle runs it: yoga lays out a node.
	const dir = mkdtempSync(path.join(tmpdir(), 'yoga-patched-'));
	try {
		const loader = path.join(dir, 'yoga-wasm-base64-esm.js');
		writeFileSync(loader, patched);
		const {default: loadYoga} = await import(pathToFileURL(loader).href) as {default: (m: object) => Promise<unknown>};
		const module: {__crisockSync?: boolean; Node?: {createDefault(): {setWidth(w: number): void; calculateLayout(w: number, h: number, d: number): void; getComputedWidth(): number}}} = {__crisockSync: true};
		await loadYoga(module);
		const node = module.Node!.createDefault();
		node.setWidth(42);
		node.calculateLayout(Number.NaN, Number.NaN, 1);
		assert.equal(node.getComputedWidth(), 42);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a changed dependency fails loudly, other files pass through', () => {
	assert.throws(() => patch('/x/node_modules/ink/build/output.js', 'export {}'), /dependency changed/);
	assert.equal(patch('/x/node_modules/ink/build/dom.js', 'export {}'), undefined);
});

test('no top-level await is left in ink and yoga (the single executable is one CommonJS script)', () => {
	const reconciler = patch(path.join(inkBuild, 'reconciler.js'), readFileSync(path.join(inkBuild, 'reconciler.js'), 'utf8'))!;
	assert.doesNotMatch(reconciler, /await (import\('\.\/devtools\.js'\)|loadPackageJson\(\))/);
	const yogaDir = path.dirname(createRequire(import.meta.url).resolve('yoga-layout'));
	const index = path.join(yogaDir, 'index.js');
	const yoga = patch(index, readFileSync(index, 'utf8'))!;
	assert.doesNotMatch(yoga, /\bawait\b/);
	const wasm = path.join(yogaDir, '..', 'binaries', 'yoga-wasm-base64-esm.js');
	assert.match(patch(wasm, readFileSync(wasm, 'utf8'))!, /if\(h\.__crisockSync\)\{var __crisockInstance=new WebAssembly\.Instance/);
});

test('ink skips the frame of a commit that changed no host node, and marks every host mutation', () => {
	const reconciler = patch(path.join(inkBuild, 'reconciler.js'), readFileSync(path.join(inkBuild, 'reconciler.js'), 'utf8'))!;
	assert.match(reconciler, /resetAfterCommit\(rootNode\) \{\n {8}if \(!__crisockHostChanged && !rootNode\.isStaticDirty\) \{\n {12}return;/);
	for (const hook of ['hideTextInstance(node) {', 'unhideTextInstance(node, text) {', 'hideInstance(node) {', 'unhideInstance(node) {', 'removeChildFromContainer(node, removeNode) {', 'commitTextUpdate(node, _oldText, newText) {', 'removeChild(node, removeNode) {']) {
		assert.ok(reconciler.includes(`${hook}\n        __crisockHostChanged = true;`), hook);
	}
	assert.match(reconciler, /appendChild: __crisockTouch\(appendChildNode\),\n {4}insertBefore: __crisockTouch\(insertBeforeNode\),/);
	assert.match(reconciler, /if \(__crisockPropsChanged\(props, style, oldProps, newProps\)\)/);
	const text = patch(path.join(inkBuild, 'components', 'Text.js'), readFileSync(path.join(inkBuild, 'components', 'Text.js'), 'utf8'))!;
	assert.match(text, /const transform = __crisockTransformFor\(/);
});

test('the patched styledCharsToString gives the same string as ansi-tokenize for any styled text', async () => {
	const build = path.join(inkBuild, '..', '..', '@alcalzone', 'ansi-tokenize', 'build');
	const file = path.join(build, 'styledChars.js');
	// The patched module, with its relative imports pointed back at the package.
	const source = patch(file, readFileSync(file, 'utf8'))!.replaceAll(/from "\.\/([\w-]+\.js)"/g, (_, name: string) => `from ${JSON.stringify(pathToFileURL(path.join(build, name)).href)}`);
	const dir = mkdtempSync(path.join(tmpdir(), 'styled-chars-'));
	try {
		writeFileSync(path.join(dir, 'patched.mjs'), source);
		type Chars = (chars: unknown[]) => string;
		const patched = await import(pathToFileURL(path.join(dir, 'patched.mjs')).href) as {styledCharsToString: Chars};
		const original = await import(pathToFileURL(path.join(build, 'index.js')).href) as {styledCharsToString: Chars; styledCharsFromTokens: (t: unknown[]) => unknown[]; tokenize: (s: string) => unknown[]};
		const codes = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[2m', '\u001B[22m', '\u001B[7m', '\u001B[27m', '\u001B[42m', '\u001B[49m', '\u001B[0m', '\u001B[4m', '\u001B[24m'];
		const piece = fc.oneof(fc.constantFrom(...codes), fc.constantFrom('a', ' ', 'é', '漢', '│', 'x y'));
		fc.assert(fc.property(fc.array(piece, {maxLength: 40}), pieces => {
			const chars = original.styledCharsFromTokens(original.tokenize(pieces.join('')));
			assert.equal(patched.styledCharsToString(chars), original.styledCharsToString(chars));
		}), {numRuns: 2000});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
