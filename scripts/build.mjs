// Bundles the CLI into dist/cli.js (plus chunks for code loaded on demand, e.g. the simulated
// node behind --demo) so start-up reads a few modules, not hundreds, and inlines the CRI schema
// as a JSON descriptor so no .proto is parsed at run time. Minified: V8 parses every byte of a
// module before running it, and start-up is the budget that matters on a sick node.
import {readdirSync, rmSync} from 'node:fs';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';
import * as esbuild from 'esbuild';
import {bundlePatches} from './bundle-patches.mjs';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

const schema = new protobuf.Root().loadSync(`${root}/proto/cri-runtime-v1.proto`);
const descriptor = JSON.stringify(schema.toJSON());

const result = await esbuild.build({
	metafile: true,
	absWorkingDir: root,
	entryPoints: {cli: `${root}/source/cli.tsx`},
	outdir: `${root}/dist`,
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	// Kept so stack traces (--debug) and ink's component names stay readable.
	keepNames: true,
	legalComments: 'none',
	sourcemap: 'linked',
	// grpc-js and friends are CommonJS and call require() at run time.
	banner: {
		js: "import {createRequire as __crisockRequire} from 'node:module'; const require = __crisockRequire(import.meta.url);",
	},
	define: {
		'process.env.NODE_ENV': '"production"',
		__CRI_DESCRIPTOR__: descriptor,
		__CRISOCK_VERSION__: JSON.stringify(pkg.version),
	},
	// ink loads its devtools bridge only when DEV=true; the bundle never ships it,
	// so that import resolves to an empty module instead of a missing package.
	plugins: [bundlePatches, {
		name: 'no-devtools',
		setup(build) {
			build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'no-devtools'}));
			build.onLoad({filter: /.*/, namespace: 'no-devtools'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};'}));
		},
	}],
	logLevel: 'warning',
});

// Chunks are named by content hash: drop those of earlier builds only now, so a bin started
// while this build ran (a test, the bench) never finds dist/cli.js or its chunks missing.
const written = new Set(Object.keys(result.metafile.outputs).map(file => path.resolve(root, file)));
for (const name of readdirSync(`${root}/dist/chunks`)) {
	const file = path.join(root, 'dist', 'chunks', name);
	if (!written.has(file)) rmSync(file, {force: true});
}
