// Bundles the CLI into one ESM file so start-up reads one module, not hundreds,
// and inlines the CRI schema as a JSON descriptor so no .proto is parsed at run time.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

const schema = new protobuf.Root().loadSync(`${root}/proto/cri-runtime-v1.proto`);
const descriptor = JSON.stringify(schema.toJSON());

await esbuild.build({
	entryPoints: [`${root}/source/cli.tsx`],
	outfile: `${root}/dist/cli.js`,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minifySyntax: true,
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
	plugins: [{
		name: 'no-devtools',
		setup(build) {
			build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'no-devtools'}));
			build.onLoad({filter: /.*/, namespace: 'no-devtools'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};'}));
		},
	}],
	logLevel: 'warning',
});
