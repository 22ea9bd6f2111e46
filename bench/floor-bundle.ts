// How the floor programs (floor.ts, floor-idle.ts) are bundled: one ES module by esbuild as the
// product is (production React, no devtools), with the young-generation setting the bin makes for
// the dashboard set first, for parity. Files the program imports (its parts) are written to `dir`
// by the caller beforehand.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const flags = `import {setFlagsFromString} from 'node:v8'; setFlagsFromString('--semi-space-growth-factor=1');\n`;

/** Bundles `source` (an ES module in `dir`) as the program called `name`; returns the bundle's path. */
export async function bundleFloorProgram(dir: string, name: string, source: string): Promise<string> {
	writeFileSync(path.join(dir, 'devtools-stub.mjs'), 'export default {};');
	const entry = path.join(dir, `${name.replace(/\W+/g, '-')}.mjs`);
	writeFileSync(entry, flags + source);
	const out = `${entry}.bundle.mjs`;
	await build({
		entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error', nodePaths: [path.join(root, 'node_modules')],
		define: {'process.env.NODE_ENV': '"production"'}, alias: {'react-devtools-core': path.join(dir, 'devtools-stub.mjs')},
		banner: {js: `import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);`},
	});
	return out;
}
