// esbuild options shared by the bin's bundle (scripts/build.mjs) and the single executable's
// (scripts/build-exe.mjs): the CRI descriptor inlined, the version, the bundle patches.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {bundlePatches} from './bundle-patches.mjs';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');
export const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

// ink loads its devtools bridge only when DEV=true; the bundle never ships it,
// so that import resolves to an empty module instead of a missing package.
const noDevtools = {
	name: 'no-devtools',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'no-devtools'}));
		build.onLoad({filter: /.*/, namespace: 'no-devtools'}, () => ({contents: 'export default {initialize() {}, connectToDevTools() {}};'}));
	},
};

/** Options every bundle of the CLI shares; callers add entry, format and output. */
export function sharedOptions() {
	const schema = new protobuf.Root().loadSync(`${root}/proto/cri-runtime-v1.proto`);
	return {
		absWorkingDir: root,
		bundle: true,
		platform: 'node',
		minify: true,
		// Kept so stack traces (--debug) and ink's component names stay readable.
		keepNames: true,
		legalComments: 'none',
		define: {
			'process.env.NODE_ENV': '"production"',
			__CRI_DESCRIPTOR__: JSON.stringify(schema.toJSON()),
			__CRISOCK_VERSION__: JSON.stringify(pkg.version),
		},
		plugins: [bundlePatches, noDevtools],
		logLevel: 'warning',
	};
}
