// The patched ink Output (rows built from their writes and remembered, scripts/ink-quiet-patches.mjs)
// prints exactly what ink's own Output prints, for any writes, clips and transforms.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import fc from 'fast-check';
// @ts-expect-error plain .mjs build helper without types
import {patchInkSource} from '../../scripts/bundle-patches.mjs';

type Output = {write(x: number, y: number, text: string, options: {transformers: Array<(s: string, i: number) => string>}): void; clip(c: object): void; unclip(): void; get(): {output: string; height: number}};
type OutputClass = new (options: {width: number; height: number}) => Output;

const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const file = path.join(inkBuild, 'output.js');

/** ink's output.js with the bundle's patches, its imports pointed at the packages ink itself loads. */
async function patchedOutput(dir: string): Promise<OutputClass> {
	// ink's imports are hoisted packages of this project (ansi-tokenize exports only `import`).
	const resolve = (name: string) => import.meta.resolve(name);
	const source = (patchInkSource as (f: string, s: string) => string)(file, readFileSync(file, 'utf8'))
		.replaceAll(/from '([@\w/-]+)'/g, (_, name: string) => `from ${JSON.stringify(resolve(name))}`);
	writeFileSync(path.join(dir, 'output.mjs'), source);
	return (await import(pathToFileURL(path.join(dir, 'output.mjs')).href) as {default: OutputClass}).default;
}

const styles = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[7m', '\u001B[27m', '\u001B[2m'];
const text = fc.array(fc.oneof(fc.constantFrom(...styles), fc.constantFrom('a', 'bc', ' ', 'é', '漢字', '│', '\n', 'refreshed 12:00:01')), {maxLength: 12}).map(parts => parts.join(''));
const transform = fc.constantFrom<Array<(s: string, i: number) => string>>([], [s => `\u001B[1m${s}\u001B[22m`], [(s, i) => (i % 2 ? s : `\u001B[7m${s}\u001B[27m`)]);
const operation = fc.oneof(
	fc.record({type: fc.constant('write' as const), x: fc.integer({min: 0, max: 20}), y: fc.integer({min: 0, max: 6}), text, transformers: transform}),
	fc.record({type: fc.constant('clip' as const), x1: fc.integer({min: 0, max: 10}), x2: fc.integer({min: 5, max: 20}), y1: fc.integer({min: 0, max: 3}), y2: fc.integer({min: 2, max: 6})}),
	fc.constant({type: 'unclip' as const}),
);

test('the patched Output prints what ink prints, frame after frame (rows remembered across frames)', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'ink-output-'));
	try {
		const Patched = await patchedOutput(dir);
		const Original = (await import(pathToFileURL(file).href) as {default: OutputClass}).default;
		const run = (Kind: OutputClass, width: number, ops: Array<{type: 'write'; x: number; y: number; text: string; transformers: Array<(s: string, i: number) => string>} | {type: 'clip'; x1: number; x2: number; y1: number; y2: number} | {type: 'unclip'}>) => {
			const out = new Kind({width, height: 6});
			for (const op of ops) {
				if (op.type === 'write') out.write(op.x, op.y, op.text, {transformers: op.transformers});
				else if (op.type === 'clip') out.clip({x1: op.x1, x2: op.x2, y1: op.y1, y2: op.y2});
				else out.unclip();
			}
			return out.get();
		};
		fc.assert(fc.property(fc.integer({min: 1, max: 24}), fc.array(fc.array(operation, {maxLength: 10}), {minLength: 1, maxLength: 4}), (width, frames) => {
			for (const ops of frames) assert.deepEqual(run(Patched, width, ops), run(Original, width, ops));
		}), {numRuns: 500});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
