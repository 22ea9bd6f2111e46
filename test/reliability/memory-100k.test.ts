// Bounded memory, as a person would meet it: the real bin in tmux on a runtime that streams
// 100,000 containers and 100,000 pods (StreamContainers/StreamPodSandboxes, KEP 5825), each item
// shaped as the kubelet makes them (labels, annotations, 64-hex IDs). Each list is cut at the
// wire's cap; the panes say so, and the bin's peak RSS (VmHWM, read from /proc) stays under a
// named cap. The runtime is a small fake made here, not the simulated node: it makes each item as
// the client reads it (and stops when the client cancels), so the test costs the machine little
// besides the bin itself (a 100,000-container simulated node holds ~1 GB and, on a busy machine,
// answered Version only after 30 s).
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {startCriServer, versionHandler, type TestServer} from '../wire/cri-test-server.js';
import {waitFor} from '../support/wait.js';
import {recordFigure} from './figures.js';

/** The most the bin may hold at its peak with 100,000 containers and pods streamed (measured: see the readme). */
export const PEAK_RSS_CAP_MIB = 400;
const CONTAINERS = 100_000;
const PODS = 100_000;

const hex = (kind: number, i: number) => `${kind.toString(16)}${i.toString(16).padStart(63, '0')}`;
const nanos = (i: number) => String(1_760_000_000_000_000_000n - BigInt(i) * 1_000_000_000n);
const labels = (i: number, name: string) => ({
	'io.kubernetes.pod.name': `app-${i % 5000}-7c9d8f6b5-x2x4q`, 'io.kubernetes.pod.namespace': `team-${i % 50}`,
	'io.kubernetes.pod.uid': `0b7d4e2a-${String(i).padStart(4, '0').slice(-4)}-4c1e-9f3a-5d6e7f8a9b0c`, 'io.kubernetes.container.name': name,
});
const pod = (i: number) => ({
	id: hex(1, i), metadata: {name: `app-${i}-7c9d8f6b5-x2x4q`, uid: `uid-${i}`, namespace: `team-${i % 50}`, attempt: 0},
	state: 'SANDBOX_READY', createdAt: nanos(i), labels: {...labels(i, 'POD'), app: `app-${i}`, 'pod-template-hash': '7c9d8f6b5'},
	annotations: {'kubernetes.io/config.seen': '2026-11-20T10:00:00.000000000Z', 'kubernetes.io/config.source': 'api'}, runtimeHandler: '',
});
const container = (i: number) => ({
	id: hex(2, i), podSandboxId: hex(1, i % PODS), metadata: {name: `app-${i % 7}`, attempt: i % 3},
	image: {image: `registry.example.com/team-${i % 50}/app-${i % 7}:1.${i % 20}.0`}, imageRef: `sha256:${hex(3, i % 500)}`,
	state: i % 10 === 0 ? 'CONTAINER_EXITED' : 'CONTAINER_RUNNING', createdAt: nanos(i), labels: labels(i, `app-${i % 7}`),
	annotations: {
		'io.kubernetes.container.hash': (i * 2654435761 >>> 0).toString(16), 'io.kubernetes.container.restartCount': String(i % 3),
		'io.kubernetes.container.terminationMessagePath': '/dev/termination-log', 'io.kubernetes.container.terminationMessagePolicy': 'File',
		'io.kubernetes.pod.terminationGracePeriod': '30',
	},
});

/** Writes `count` items in messages of 1000, each made as the client reads (drain) and no more once it cancels. */
function streamLazily(call: {write(m: object): boolean; once(e: string, f: () => void): unknown; cancelled: boolean}, field: string, count: number, item: (i: number) => object): Promise<void> {
	return new Promise(resolve => {
		let next = 0;
		call.once('cancelled', () => resolve());
		const write = () => {
			while (!call.cancelled && next < count) {
				const piece = Array.from({length: Math.min(1000, count - next)}, (_, k) => item(next + k));
				next += piece.length;
				if (!call.write({[field]: piece})) {
					call.once('drain', write);
					return;
				}
			}
			resolve();
		};
		write();
	});
}

/** Peak resident set of a process, MiB (VmHWM: what the kernel saw at its highest). */
function peakRssMiB(pid: number): number {
	const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
	if (kb === undefined) throw new Error(`no VmHWM for process ${pid}`);
	return Math.round(Number(kb) / 1024);
}

describe('reliability: 100,000 streamed containers in the real bin', {timeout: 180_000}, () => {
	const dir = mkdtempSync('/tmp/crisock-100k-');
	let server: TestServer | undefined;
	let rig: Rig | undefined;
	after(async () => {
		rig?.kill();
		await server?.close();
		rmSync(dir, {recursive: true, force: true});
	});

	test(`the containers pane says the list was cut; peak RSS stays under ${PEAK_RSS_CAP_MIB} MiB`, async () => {
		server = await startCriServer(path.join(dir, 'cri.sock'), {
			Version: versionHandler('containerd', '2.1.0'),
			Status: () => ({status: {conditions: [{type: 'RuntimeReady', status: true, reason: '', message: ''}, {type: 'NetworkReady', status: true, reason: '', message: ''}]}, info: {}}),
			StreamContainers: async (_request, call) => {
				await streamLazily(call, 'containers', CONTAINERS, container);
				return [];
			},
			StreamPodSandboxes: async (_request, call) => {
				await streamLazily(call, 'podSandboxes', PODS, pod);
				return [];
			},
			ListImages: () => ({images: Array.from({length: 500}, (_, i) => ({id: `sha256:${hex(3, i)}`, repoTags: [`registry.example.com/team-${i % 50}/app-${i % 7}:1.${i % 20}.0`], repoDigests: [], size: '52428800', pinned: false}))}),
		});
		const started = Date.now();
		rig = await startRig({args: ['-r', `unix://${server.path}`, '-t', '30s'], cols: 160, rows: 30});
		const pid = await waitFor(() => rig!.appPid(), {timeoutMs: 10_000, what: 'the bin\'s process'});
		await rig.sendKeys('2');
		const cut = /the container list was cut at 20,000 \(crisock-tui brings in at most 20,000 containers per list, to bound its memory\); narrow it/;
		const screen = await rig.waitFor(s => cut.test(s) && /2 Containers 20000/.test(s) && /Running/.test(s), 120_000);
		const secondsToCut = Math.round((Date.now() - started) / 1000);
		// The pods list is cut the same way, in its own pane.
		await rig.sendKeys('1');
		await rig.waitFor(/the pod list was cut at 20,000/, 30_000);
		// Keys still answer on the cut lists: back to the containers pane.
		await rig.sendKeys('2');
		await rig.waitFor(s => cut.test(s) && /^CONTAINER\s+IMAGE/m.test(s));

		const peak = peakRssMiB(pid);
		recordFigure('streamed-100k', {containers: CONTAINERS, pods: PODS, kept: 20_000, peakRssMiB: peak, capMiB: PEAK_RSS_CAP_MIB, secondsToCut});
		assert.ok(peak < PEAK_RSS_CAP_MIB, `peak RSS ${peak} MiB with ${CONTAINERS} containers streamed (cap ${PEAK_RSS_CAP_MIB} MiB)\n${screen}`);
		await rig.sendKeys('q');
		assert.equal((await rig.exitStatus()).exitCode, 0);
	});
});
