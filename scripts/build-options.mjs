// esbuild options shared by the bin's bundle (scripts/build.mjs) and the single executable's
// (scripts/build-exe.mjs): the CRI descriptor inlined, the version, the bundle patches.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundlePatches} from './bundle-patches.mjs';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');
const protoLoader = require('@grpc/proto-loader');
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

// ink, widest-line and cli-truncate measure text with string-width 8 (the package at the top of
// node_modules); in the bundle they get source/format/fast-width.ts, its fast path for simple text
// (exact: tested against string-width for every code point it covers). wrap-ansi's own older
// string-width is left alone.
const fastWidth = {
	name: 'fast-width',
	setup(build) {
		const wrapper = path.join(root, 'source', 'format', 'fast-width.ts');
		const real = path.join(root, 'node_modules', 'string-width', 'index.js');
		build.onResolve({filter: /^string-width$/}, async args => {
			if (args.importer === wrapper || args.pluginData?.fastWidth) return undefined;
			const resolved = await build.resolve('string-width', {resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: {fastWidth: true}});
			return resolved.path === real ? {path: wrapper} : resolved;
		});
	},
};

/**
 * The two services' methods as @grpc/proto-loader defines them, minus what only reflection reads
 * (a descriptor of every message, which proto-loader encodes at load: tens of ms of start-up).
 * source/wire/proto.ts rebuilds the definitions from this and the schema, with proto-loader's
 * own serialize/deserialize rule; a test holds the two equal.
 */
export function methodTable(descriptor) {
	const definition = protoLoader.fromJSON(descriptor, {keepCase: false, longs: String, enums: String, defaults: true, oneofs: true});
	const table = {};
	for (const service of ['runtime.v1.RuntimeService', 'runtime.v1.ImageService']) {
		table[service] = Object.fromEntries(Object.entries(definition[service]).map(([name, m]) => [name, {
			path: m.path, requestStream: m.requestStream, responseStream: m.responseStream, originalName: m.originalName,
			requestType: m.requestType.type.name, responseType: m.responseType.type.name,
		}]));
	}
	return table;
}

/** Options every bundle of the CLI shares; callers add entry, format and output. */
export function sharedOptions() {
	const schema = new protobuf.Root().loadSync(`${root}/proto/cri-runtime-v1.proto`);
	const descriptor = schema.toJSON();
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
			__CRI_DESCRIPTOR__: JSON.stringify(descriptor),
			__CRI_METHODS__: JSON.stringify(methodTable(descriptor)),
			__CRISOCK_VERSION__: JSON.stringify(pkg.version),
			// What meow reads of package.json (help text, process title), so it need not find and
			// parse the file at start-up.
			__CRISOCK_PACKAGE__: JSON.stringify({name: pkg.name, version: pkg.version, description: pkg.description, bin: pkg.bin}),
		},
		plugins: [bundlePatches, noDevtools, fastWidth],
		logLevel: 'warning',
	};
}
