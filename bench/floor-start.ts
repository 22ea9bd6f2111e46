// The start-up floor under the first-frame target (≤ 2× a node frame) for the bin on this Node.js:
// programs that do a part of what the bin does before its first live frame and nothing more, each
// run the way the bin runs its CLI (bin/crisock-tui.js → run-bundle.js): one CommonJS script made
// by esbuild (minified, production React), compiled by vm.Script with a V8 code cache trained
// after a run of the program in this same pane (the way scripts/code-cache.mjs trains the bin's),
// the built-in modules it loads required before the young-generation flag the bin sets at run
// time, then that flag. The programs:
//   - node -e console.log, the target's yardstick;
//   - an ink "hello" of 22 static rows (bench/floor.ts's, now with the code cache);
//   - the same, after grpc-js has made one Version call to the simulated node (raw bytes, nothing
//     decoded): the least a live frame needs;
//   - the bin itself (and any more bins given) to its first frame with live rows, against a
//     simulated node of 100 containers.
// All in turns in one 80×24 tmux pane (bench/pane.ts coldStart, as the bench times a first
// frame), medians; the CPU-ms is the pane process's user+system time (/proc, 10 ms ticks) read
// as soon as the frame is on tmux's screen (a hello is idle by then; a bin may still be working).
// Then each again under start-phases.cjs (a preload): its CPU-ms by phase up to the live frame.
//   node --import tsx bench/floor-start.ts [runs=15] [bin …]
// FLOOR_KEEP=1 keeps the bundles, caches and launchers (the path is printed) to profile them.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {build} from 'esbuild';
// @ts-expect-error plain .mjs build helper without types
import {sharedOptions} from '../scripts/build-options.mjs';
import {cpuSeconds, sleep} from './measure.js';
import {coldStart, openPane, panePid, stopPane} from './pane.js';
import {startProbeNode} from './sim-child.js';

const runs = Number(process.argv[2] ?? 15);
const root = path.resolve(import.meta.dirname, '..');
const bins = process.argv.length > 3 ? process.argv.slice(3).map(b => path.resolve(b)) : [path.join(root, 'bin', 'crisock-tui.js')];
const tmp = mkdtempSync('/tmp/crisock-floor-start-');
const cleanups: Array<() => void | Promise<void>> = [];
const median = (xs: number[]) => {
	const known = xs.filter(x => !Number.isNaN(x)).sort((a, b) => a - b);
	return known.length > 0 ? known[Math.floor(known.length / 2)]! : Number.NaN;
};

const ink = `import React from 'react';
import {render, Box, Text} from 'ink';
export function show(lines) {
	const rows = Array.from({length: 22}, (_, i) => 'row ' + i + ' ' + 'x'.repeat(60));
	return render(React.createElement(Box, {flexDirection: 'column'}, [...lines, ...rows].map((r, i) => React.createElement(Text, {key: i}, r))));
}
`;
const programs = {
	'ink hello': `import {show} from './ink-part.mjs'; show(['floor-ready']); setInterval(() => {}, 1000);`,
	'ink hello after grpc-js Version': `import * as grpc from '@grpc/grpc-js';
const client = new grpc.Client(process.argv[2], grpc.credentials.createInsecure());
const raw = b => b;
client.makeUnaryRequest('/runtime.v1.RuntimeService/Version', () => Buffer.alloc(0), raw, {}, (error, answer) => {
	const {show} = require('./ink-part.mjs');
	show([error ? 'floor-failed ' + error.message : 'floor-ready ' + answer.length + ' bytes']);
});
setInterval(() => {}, 1000);`,
};

/**
 * The launcher: bin/crisock-tui.js and run-bundle.js for one script. `builtins` are required before
 * the flag (as dashboard-builtins.js); FLOOR_TRAIN=ms writes the code cache after that long and
 * the public built-ins the program loaded, then exits.
 */
function launcher(bundle: string, builtins: string[]): string {
	return `'use strict';
const before = new Set(process.moduleLoadList);
const {setFlagsFromString} = require('node:v8');
for (const id of ${JSON.stringify(builtins)}) require('node:' + id);
setFlagsFromString('--semi-space-growth-factor=1');
delete process.env.CI;
const {readFileSync, writeFileSync, renameSync} = require('node:fs');
const {createRequire, Module, builtinModules} = require('node:module');
const vm = require('node:vm');
const file = ${JSON.stringify(bundle)};
const train = Number(process.env.FLOOR_TRAIN) || 0;
let cachedData;
if (!train) try { cachedData = readFileSync(file + '.cache'); } catch {}
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {filename: file, cachedData});
if (cachedData && script.cachedDataRejected) process.stderr.write('floor: code cache rejected\\n');
if (train) setTimeout(() => {
	writeFileSync(file + '.cache.partial', script.createCachedData());
	renameSync(file + '.cache.partial', file + '.cache');
	const loaded = process.moduleLoadList.filter(m => !before.has(m) && m.startsWith('NativeModule ')).map(m => m.slice(13)).filter(id => builtinModules.includes(id) && !['v8', 'fs', 'module', 'vm'].includes(id));
	writeFileSync(file + '.builtins.partial', JSON.stringify(loaded));
	renameSync(file + '.builtins.partial', file + '.builtins');
	process.exit(0);
}, train);
const mod = {exports: {}};
script.runInThisContext()(mod.exports, createRequire(file), mod, file, ${JSON.stringify(path.dirname(bundle))});
`;
}

/** The program bundled as the bin's CLI is (scripts/code-cache.mjs, build-options.mjs): one minified CommonJS script. */
async function bundle(name: string, source: string): Promise<string> {
	const slug = name.replace(/\W+/g, '-');
	writeFileSync(path.join(tmp, 'ink-part.mjs'), ink);
	const entry = path.join(tmp, `${slug}.mjs`);
	writeFileSync(entry, source);
	const out = path.join(tmp, `${slug}.cjs`);
	// The bin's own options and patches (ink's and yoga's top-level awaits, the devtools stub, the fast width).
	await build({...sharedOptions(), entryPoints: [entry], format: 'cjs', target: 'node20', outfile: out, logLevel: 'error', nodePaths: [path.join(root, 'node_modules')]});
	return out;
}

type Phases = {marks: Record<string, number>; gcMs: number; gcs: number; cache: string};
const phaseNames: Record<string, string> = {
	bootstrap: 'node bootstrap', read: 'launcher, built-ins, flag, reading script and cache', compiled: 'compile (cache)', evaluated: 'top level',
	firstWrite: 'to the first output', liveFrame: 'to the live frame',
};

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
	const t0 = performance.now();
	while (!condition()) {
		if (performance.now() - t0 > ms) throw new Error(`floor-start: ${what} not within ${ms} ms`);
		await sleep(20);
	}
}

try {
	const {endpoint, tokens} = await startProbeNode(tmp, 100, 'containerd', cleanups);
	const pane = await openPane(`crisock-floor-start-${process.pid}`, 'f', cleanups);
	const hasReady = (screen: string) => screen.includes('floor-ready') || screen.includes('floor-failed');
	// Each hello: trained once in the pane (its cache and its built-ins), then given its built-ins up front.
	const rows: Array<{what: string; argv: string[]; isLive: (screen: string) => boolean}> = [
		{what: 'node -e console.log', argv: [process.execPath, '-e', `console.log('floor-ready')`], isLive: hasReady},
	];
	for (const [name, source] of Object.entries(programs)) {
		const file = await bundle(name, source);
		const start = `${file}.launch.cjs`;
		writeFileSync(start, launcher(file, []));
		await coldStart(pane, ['env', 'FLOOR_TRAIN=2000', process.execPath, start, endpoint], hasReady);
		await until(() => existsSync(`${file}.builtins`) && existsSync(`${file}.cache`), `the training run of ${name}`);
		const builtins = JSON.parse(readFileSync(`${file}.builtins`, 'utf8')) as string[];
		writeFileSync(start, launcher(file, builtins));
		console.log(`${name}: ${(readFileSync(file).length / 1024).toFixed(0)} KiB script, ${(readFileSync(`${file}.cache`).length / 1024).toFixed(0)} KiB cache; built-ins before the flag: ${builtins.join(' ') || 'none'}`);
		rows.push({what: `${name} (code cache)`, argv: [process.execPath, start, endpoint], isLive: screen => hasReady(screen) && !screen.includes('floor-failed')});
	}
	const isLive = (screen: string) => screen.split(/[\s│|]+/).some(word => tokens.has(word));
	for (const bin of bins) rows.push({what: `bin ${path.relative(process.cwd(), bin) || bin}`, argv: [process.execPath, bin, '-r', endpoint], isLive});
	// The node frame's start once more if its pane showed nothing, as the bench does (bench/size.ts:
	// a fast-exiting node -e has left tmux's screen empty for 60 s with its bytes written); named below.
	const retries: string[] = [];
	const timedStart = async (row: (typeof rows)[number], argv = row.argv) => {
		if (row !== rows[0]) return coldStart(pane, argv, row.isLive);
		try {
			return await coldStart(pane, argv, row.isLive, 15_000);
		} catch (error) {
			retries.push((error as Error).message.split('\n')[0]!);
			return coldStart(pane, argv, row.isLive, 15_000);
		}
	};
	// One untimed start of each, then `runs` rounds in turns.
	for (const row of rows) await timedStart(row);
	const figures = new Map(rows.map(row => [row.what, {ms: [] as number[], cpu: [] as number[]}]));
	const loads: number[] = [];
	for (let run = 0; run < runs; run++) {
		for (const row of rows) {
			const {ms} = await timedStart(row);
			// A node -e has exited by now and tmux may have reaped it: its CPU is in the phases table.
			const pid = await panePid(pane);
			let cpu = Number.NaN;
			try {
				cpu = cpuSeconds(pid) * 1000;
			} catch {}
			figures.get(row.what)!.ms.push(ms);
			figures.get(row.what)!.cpu.push(cpu);
		}
		loads.push(loadavg()[0]!);
	}
	// CPU-ms by phase (start-phases.cjs, a preload: no hook in the product), in turns again.
	const tokensFile = path.join(tmp, 'tokens.txt');
	const phasesFile = path.join(tmp, 'phases.jsonl');
	writeFileSync(tokensFile, [...tokens].join('\n'));
	const phases = new Map(rows.map(row => [row.what, [] as Phases[]]));
	for (let run = 0; run < Math.max(5, Math.ceil(runs / 2)); run++) {
		for (const row of rows) {
			rmSync(phasesFile, {force: true});
			const [node, ...rest] = row.argv;
			await timedStart(row, ['env', `FLOOR_TOKENS=${tokensFile}`, `FLOOR_PHASES=${phasesFile}`, node!, '-r', path.join(import.meta.dirname, 'start-phases.cjs'), ...rest]);
			await until(() => existsSync(phasesFile) && readFileSync(phasesFile, 'utf8').endsWith('\n'), `the phases of ${row.what}`);
			phases.get(row.what)!.push(JSON.parse(readFileSync(phasesFile, 'utf8')) as Phases);
		}
	}
	await stopPane(pane);
	const nodeMs = median(figures.get('node -e console.log')!.ms);
	console.log(`first frame in an 80×24 tmux pane, ${process.version}, median of ${runs} in turns (load ${median(loads).toFixed(1)}, ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)})`);
	for (const retry of retries) console.log(`  (a node frame showed nothing within 15 s and was started again: ${retry})`);
	console.log('  program | ms | × node frame | CPU-ms at the frame');
	for (const [what, f] of figures) console.log(`  ${what} | ${median(f.ms).toFixed(0)} | ${(median(f.ms) / nodeMs).toFixed(2)} | ${median(f.cpu).toFixed(0)}`);
	console.log(`CPU-ms by phase to the live frame, median of ${phases.values().next().value!.length} each (marks in the order they came; GC pauses are within the phases)`);
	for (const [what, list] of phases) {
		// Each phase named by the mark that ends it, in the order the marks came in that run.
		const byPhase = new Map<string, number[]>();
		for (const {marks} of list) {
			const order = Object.entries(marks).sort((a, b) => a[1] - b[1]);
			order.forEach(([name, at], i) => (byPhase.get(name) ?? byPhase.set(name, []).get(name)!).push(i === 0 ? at : at - order[i - 1]![1]));
		}
		const parts = [...byPhase].map(([name, ms]) => `${phaseNames[name] ?? name} ${median(ms).toFixed(1)}`);
		console.log(`  ${what}: ${parts.join(' · ')} | total ${median(list.map(p => p.marks.liveFrame!)).toFixed(0)} | GC ${median(list.map(p => p.gcMs)).toFixed(1)} ms in ${median(list.map(p => p.gcs))} | code cache ${list[0]!.cache}`);
	}
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	if (process.env.FLOOR_KEEP) console.log(`kept: ${tmp}`);
	else rmSync(tmp, {recursive: true, force: true});
}
