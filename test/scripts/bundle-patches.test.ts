import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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
