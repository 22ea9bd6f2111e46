// Bundles the CLI into dist/cli.js (plus chunks for code loaded on demand, e.g. the simulated
// node behind --demo) so start-up reads a few modules, not hundreds, and inlines the CRI schema
// as a JSON descriptor so no .proto is parsed at run time. Minified: V8 parses every byte of a
// module before running it, and start-up is the budget that matters on a sick node.
import {readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import {root, sharedOptions} from './build-options.mjs';
import {buildCodeCache} from './code-cache.mjs';

const shared = sharedOptions();
const result = await esbuild.build({
	...shared,
	metafile: true,
	entryPoints: {cli: `${root}/source/cli.tsx`},
	outdir: `${root}/dist`,
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	format: 'esm',
	target: 'node20',
	sourcemap: 'linked',
	// grpc-js and friends are CommonJS and call require() at run time.
	banner: {
		js: "import {createRequire as __crisockRequire} from 'node:module'; const require = __crisockRequire(import.meta.url);",
	},
});

// Chunks are named by content hash: drop those of earlier builds only now, so a bin started
// while this build ran (a test, the bench) never finds dist/cli.js or its chunks missing.
const written = new Set(Object.keys(result.metafile.outputs).map(file => path.resolve(root, file)));
for (const name of readdirSync(`${root}/dist/chunks`)) {
	const file = path.join(root, 'dist', 'chunks', name);
	if (!written.has(file)) rmSync(file, {force: true});
}

// The bin runs this one-script bundle with a V8 code cache (bin/run-bundle.js, scripts/code-cache.mjs).
await buildCodeCache(root, shared);
