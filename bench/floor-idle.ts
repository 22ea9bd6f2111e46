// The idle-CPU floor under the "≤ 1 % of a core at 1,000 containers" target: CPU of programs that do
// only the wire and the frame of an idle dashboard round, bundled as the product is (esbuild,
// production React, the bin's young-generation setting) and run in the bench's 80×24 tmux pane:
//   node, a 2 s timer and nothing else;
//   polling: every 2 s what the dashboard asks (Status, ListPodSandbox, ListContainers, ListImages,
//     ListContainerStats) taken from the simulated node as raw bytes (nothing decoded, nothing kept);
//   events: every 2 s ListContainerStats as raw bytes, a GetContainerEvents stream open;
//   each of those plus an ink frame of 22 rows whose text changes every round (the CPU % column).
// Whatever the dashboard adds (decoding, history, its own tree) sits on top: the bin (and the
// executable when built) are measured in the same turns, the same way (no keys pressed, a window
// from 4 s after the first frame; the bench's own window starts right after its timed refreshes).
// Polling against the containerd flavour, events against containerd-1.7 (the bench's nodes). CPU is
// the process's (/proc utime + stime, all threads), and the main thread's from /proc/PID/task/PID/stat.
//   node --import tsx bench/floor-idle.ts [N=1000] [windowMs=20000] [rounds=3]
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {bundleFloorProgram} from './floor-bundle.js';
import {cpuSeconds, settle, sleep} from './measure.js';
import {coldStart, openPane, panePid} from './pane.js';
import {startProbeNode} from './sim-child.js';

const n = Number(process.argv[2] ?? 1_000);
const windowMs = Number(process.argv[3] ?? 20_000);
const rounds = Number(process.argv[4] ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync('/tmp/crisock-floor-idle-');
const cleanups: Array<() => void | Promise<void>> = [];

const wire = `import * as grpc from '@grpc/grpc-js';
const client = new grpc.Client(process.argv[2], grpc.credentials.createInsecure(), {'grpc.max_receive_message_length': -1});
const raw = b => b;
export const ask = (service, method) => new Promise((resolve, reject) => client.makeUnaryRequest('/runtime.v1.' + service + '/' + method, () => Buffer.alloc(0), raw, {}, (e, a) => (e ? reject(e) : resolve(a.length))));
export function watchEvents() { client.makeServerStreamRequest('/runtime.v1.RuntimeService/GetContainerEvents', () => Buffer.alloc(0), raw, {}, {}).on('data', () => {}).on('error', () => {}); }
`;
const frame = `import React from 'react';
import {render, Box, Text} from 'ink';
let app;
export function paint(round) {
	const rows = Array.from({length: 22}, (_, i) => 'row ' + String(i).padStart(2) + '  ' + ((round * 7 + i) % 100).toFixed(1).padStart(5) + '%  ' + 'x'.repeat(50));
	const tree = React.createElement(Box, {flexDirection: 'column'}, ['floor-ready', ...rows].map((r, i) => React.createElement(Text, {key: i}, r)));
	if (app) app.rerender(tree); else app = render(tree);
}
`;
const polling = `const r = await Promise.all([ask('RuntimeService', 'Status'), ask('RuntimeService', 'ListPodSandbox'), ask('RuntimeService', 'ListContainers'), ask('ImageService', 'ListImages'), ask('RuntimeService', 'ListContainerStats')]);`;
const events = `const r = [await ask('RuntimeService', 'ListContainerStats')];`;
const loop = (body: string, paint: boolean) => `let round = 0;
async function tick() { ${body} round++; ${paint ? 'paint(round);' : ''} }
await tick();
${paint ? '' : `console.log('floor-ready');`}
setInterval(tick, 2000);`;
const programs: Record<string, string> = {
	'node, a 2 s timer': `setInterval(() => {}, 2000); console.log('floor-ready');`,
	'polling wire, raw bytes': `import {ask} from './wire-part.mjs';\n${loop(polling, false)}`,
	'polling wire + ink frame': `import {ask} from './wire-part.mjs'; import {paint} from './frame-part.mjs';\n${loop(polling, true)}`,
	'events wire, raw bytes': `import {ask, watchEvents} from './wire-part.mjs'; watchEvents();\n${loop(events, false)}`,
	'events wire + ink frame': `import {ask, watchEvents} from './wire-part.mjs'; import {paint} from './frame-part.mjs'; watchEvents();\n${loop(events, true)}`,
};

const bundle = (name: string, source: string) => bundleFloorProgram(tmp, name, source);

/** CPU seconds of the process's main thread (its task of the same id). */
function mainThreadSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
	mkdirSync(path.join(tmp, 'polling'));
	mkdirSync(path.join(tmp, 'events'));
	const polled = await startProbeNode(path.join(tmp, 'polling'), n, 'containerd', cleanups);
	const evented = await startProbeNode(path.join(tmp, 'events'), n, 'containerd-1.7', cleanups);
	const isLive = (tokens: Set<string>) => (screen: string) => screen.split(/[\s│|]+/).some(word => tokens.has(word));
	const pane = await openPane(`crisock-floor-idle-${process.pid}`, 'f', cleanups);
	writeFileSync(path.join(tmp, 'wire-part.mjs'), wire);
	writeFileSync(path.join(tmp, 'frame-part.mjs'), frame);
	type Run = {argv: string[]; ready: (screen: string) => boolean};
	const runs: Record<string, Run> = {};
	for (const [name, source] of Object.entries(programs)) {
		const endpoint = name.startsWith('events') ? evented.endpoint : polled.endpoint;
		runs[name] = {argv: [process.execPath, await bundle(name, source), endpoint], ready: screen => screen.includes('floor-ready')};
	}
	const exe = path.join(root, 'dist', 'crisock-tui');
	for (const [mode, node] of [['polling', polled], ['events', evented]] as const) {
		runs[`dashboard bin, ${mode}`] = {argv: [process.execPath, path.join(root, 'bin', 'crisock-tui.js'), '-r', node.endpoint], ready: isLive(node.tokens)};
		if (existsSync(exe)) runs[`dashboard executable, ${mode}`] = {argv: [exe, '-r', node.endpoint], ready: isLive(node.tokens)};
	}
	const seen: Record<string, {all: number[]; main: number[]}> = {};
	for (let round = 0; round < rounds; round++) {
		for (const [name, {argv, ready}] of Object.entries(runs)) {
			await coldStart(pane, argv, ready);
			await settle(pane.control, 500);
			const pid = await panePid(pane);
			await sleep(4_000); // past start-up's compiles and first collections
			const [all0, main0, t0] = [cpuSeconds(pid), mainThreadSeconds(pid), performance.now()];
			await sleep(windowMs);
			const seconds = (performance.now() - t0) / 1000;
			const entry = (seen[name] ??= {all: [], main: []});
			entry.all.push(((cpuSeconds(pid) - all0) / seconds) * 100);
			entry.main.push(((mainThreadSeconds(pid) - main0) / seconds) * 100);
		}
	}
	console.log(`idle CPU, % of a core, median of ${rounds} windows of ${windowMs / 1000} s; simulated node of ${n} containers; Node ${process.version}`);
	for (const [name, {all, main}] of Object.entries(seen)) console.log(`  ${name}: ${median(all).toFixed(2)} % (main thread ${median(main).toFixed(2)} %) [${all.map(x => x.toFixed(2)).join(', ')}]`);
} finally {
	for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
	rmSync(tmp, {recursive: true, force: true});
}
