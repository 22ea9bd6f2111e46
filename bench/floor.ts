// The memory floor under the 90 MiB target: peak RSS (VmHWM) of programs that do a part of what the
// dashboard does and nothing more, each bundled as the product is (esbuild, production React) and
// run in an 80×24 tmux pane like the bench's: Node idle; an ink "hello" of 22 static rows; the same
// plus grpc-js taking ListContainers from a simulated node of N containers as raw bytes (no decoding,
// nothing kept but the byte count); and the time to the first frame of the ink hello beside a
// `node -e console.log`, timed as the bench does (no code cache: a floor of what loading ink costs).
// Whatever the dashboard adds sits on top of these. Each runs with
// the young-generation setting the bin makes for the dashboard.
//   node --import tsx bench/floor.ts [N=10000]
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {bundleFloorProgram} from './floor-bundle.js';
import {peakRssMiB, settle} from './measure.js';
import {coldStart, openPane, panePid} from './pane.js';
import {startProbeNode} from './sim-child.js';

const n = Number(process.argv[2] ?? 10_000);
const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync('/tmp/crisock-floor-');
const cleanups: Array<() => void | Promise<void>> = [];

const ink = `import React from 'react';
import {render, Box, Text} from 'ink';
export function show(lines) {
	const rows = Array.from({length: 22}, (_, i) => 'row ' + i + ' ' + 'x'.repeat(60));
	const app = render(React.createElement(Box, {flexDirection: 'column'}, [...lines, ...rows].map((r, i) => React.createElement(Text, {key: i}, r))));
	return app;
}
`;
const programs: Record<string, string> = {
	'node, idle': `setInterval(() => {}, 1000); console.log('floor-ready');`,
	'ink, 22 static rows': `import {show} from './ink-part.mjs'; show(['floor-ready']); setInterval(() => {}, 1000);`,
	[`ink + grpc-js, ListContainers of ${n.toLocaleString('en')} as raw bytes ×3`]: `import {show} from './ink-part.mjs';
import * as grpc from '@grpc/grpc-js';
const client = new grpc.Client(process.argv[2], grpc.credentials.createInsecure(), {'grpc.max_receive_message_length': -1});
const raw = b => b;
let bytes = 0;
for (let i = 0; i < 3; i++) {
	bytes = await new Promise((resolve, reject) => client.makeUnaryRequest('/runtime.v1.RuntimeService/ListContainers', () => Buffer.alloc(0), raw, {}, (error, answer) => (error ? reject(error) : resolve(answer.length))));
}
show(['floor-ready ' + bytes + ' bytes']);
setInterval(() => {}, 1000);`,
};

async function bundle(name: string, source: string): Promise<string> {
	writeFileSync(path.join(tmp, 'ink-part.mjs'), ink);
	return bundleFloorProgram(tmp, name, source);
}

try {
	const {endpoint} = await startProbeNode(tmp, n, 'containerd', cleanups);
	const pane = await openPane(`crisock-floor-${process.pid}`, 'f', cleanups);
	const exeCache = path.join(root, 'node_modules', '.cache', 'crisock-exe');
	const node24 = existsSync(exeCache) ? readdirSync(exeCache).find(f => /^node-v\d+/.test(f)) : undefined;
	const nodes = [process.execPath, ...(node24 ? [path.join(exeCache, node24)] : [])];
	// Time to the first frame, the bench's way (spawn in the pane → text on tmux's screen), in turns.
	const inkFile = await bundle('ink, 22 static rows', programs['ink, 22 static rows']!);
	const framed: Record<string, number[]> = {};
	for (let run = 0; run < 7; run++) {
		for (const node of nodes) {
			const tag = path.basename(node).replace(/-linux.*/, '');
			for (const [what, argv] of [['node -e console.log', [node, '-e', `console.log('floor-ready')`]], ['ink hello', [node, inkFile]]] as const) {
				(framed[`${what}, ${tag}`] ??= []).push((await coldStart(pane, [...argv], screen => screen.includes('floor-ready'))).ms);
			}
		}
	}
	console.log('first frame in the pane, ms, median of 7 in turns');
	for (const [what, ms] of Object.entries(framed)) console.log(`  ${what}: ${ms.sort((a, b) => a - b)[3]!.toFixed(0)}`);
	console.log(`peak RSS (VmHWM), MiB, median of 3 starts; simulated node of ${n} containers`);
	for (const [name, source] of Object.entries(programs)) {
		const file = await bundle(name, source);
		const figures = [];
		for (const node of nodes) {
			const peaks: number[] = [];
			for (let run = 0; run < 3; run++) {
				await coldStart(pane, [node, file, endpoint], screen => screen.includes('floor-ready'));
				await settle(pane.control, 500);
				peaks.push(peakRssMiB(await panePid(pane)));
			}
			figures.push(`${path.basename(node).replace(/-linux.*/, '')} ${peaks.sort((a, b) => a - b)[1]!.toFixed(1)}`);
		}
		console.log(`  ${name}: ${figures.join(' · ')}`);
	}
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	rmSync(tmp, {recursive: true, force: true});
}
