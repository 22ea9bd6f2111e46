// Runs the CLI from dist/cli.cjs (the whole CLI as one CommonJS script) with the V8 code cache
// the build made for it, dist/cli.cjs.cache: Node 20 has no compile cache for modules, and a
// script's cachedData is how V8 skips compiling. The build makes the cache after a run of the
// dashboard (scripts/code-cache.mjs), so it holds the functions start-up compiles, not only the
// top level. A cache V8 rejects (another Node.js version, other flags) only costs its read: the
// script compiles as without one. Without dist/cli.cjs the ES module bundle runs.
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createRequire, Module} from 'node:module';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';

export async function runBundle() {
	const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
	let source;
	try {
		source = readFileSync(file, 'utf8');
	} catch {
		await import('../dist/cli.js');
		return;
	}

	const cacheFile = `${file}.cache`;
	// Set only by the build's training run (scripts/code-cache.mjs): after this many ms, write the cache.
	const trainMs = Number(process.env.CRISOCK_CODE_CACHE_AFTER_MS) || 0;
	let cachedData;
	if (!trainMs) {
		try {
			cachedData = readFileSync(cacheFile);
		} catch {}
	}

	const script = new vm.Script(Module.wrap(source), {filename: file, cachedData});
	if (trainMs) {
		setTimeout(() => {
			const partial = `${cacheFile}.partial-${process.pid}`;
			writeFileSync(partial, script.createCachedData());
			renameSync(partial, cacheFile);
			process.kill(process.pid, 'SIGTERM');
		}, trainMs).unref();
	}

	const module = {exports: {}};
	script.runInThisContext()(module.exports, createRequire(file), module, file, fileURLToPath(new URL('../dist/', import.meta.url)));
}
