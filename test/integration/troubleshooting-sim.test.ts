// The troubleshooting pieces over real gRPC against the simulated node, per
// runtime flavour: events streamed (containerd 1.7) vs inferred (containerd
// 1.6), logs in CRI format and behind cri-dockerd's json-file symlink,
// previous attempts, stats, and a shell through the exec WebSocket.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, lstatSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {startSimNode, type Flavor, type SimNode} from '../../source/sim/index.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import type {CriClient} from '../../source/wire/cri-client.js';
import {startEventFeed} from '../../source/state/use-events.js';
import {diffContainers, type NodeEvent} from '../../source/state/node-events.js';
import {emptyStats, fetchStats} from '../../source/state/use-stats.js';
import {locateCurrentLog, locatePreviousLog} from '../../source/state/use-logs.js';
import {tailFirst} from '../../source/wire/log-previous.js';
import {runShell} from '../../source/wire/exec-shell.js';
import type {Container} from '../../source/model/cri-types.js';
import {waitFor} from '../support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'crisock-trouble-sim-'));
after(() => rmSync(dir, {recursive: true, force: true}));

async function node(flavor: Flavor): Promise<{sim: SimNode; client: CriClient; stop(): Promise<void>}> {
	const sim = await startSimNode({socketPath: join(dir, `${flavor}.sock`), flavor, tickMs: 0});
	const client = createCriClient({runtimeEndpoint: sim.socketPath});
	return {sim, client, async stop() {
		client.close();
		await sim.stop();
	}};
}


const all = async (client: CriClient) => (await client.listContainers()).items;

describe('troubleshooting against the simulated node', {timeout: 180_000}, () => {
	test('containerd 1.7 streams events; containerd 1.6 is UNIMPLEMENTED and diffs between refreshes find the same changes', async () => {
		const streaming = await node('containerd-1.7');
		const polling = await node('containerd').catch(async (error: unknown) => {
			await streaming.stop();
			throw error;
		});
		// Stopped in finally: a feed left running keeps its retry timer, and so the process, alive.
		const feeds: Array<{stop(): void}> = [];
		try {
			const got: NodeEvent[] = [];
			const sources: string[] = [];
			feeds.push(startEventFeed({client: streaming.client, runtimeName: 'containerd', onEvent: e => got.push(e), onSource: s => sources.push(s)}));
			// The node holds the subscription (its handler registers the listener as it counts the call).
			await waitFor(() => (streaming.sim.calls.GetContainerEvents ?? 0) >= 1, {timeoutMs: 30_000, what: 'GetContainerEvents at the node'});
			for (let i = 0; i < 6; i++) streaming.sim.tick();
			await waitFor(() => got.length > 0, {timeoutMs: 30_000, what: 'a streamed event'});
			feeds.pop()!.stop();
			assert.deepEqual(sources, ['stream']);
			assert.ok(got.every(e => e.source === 'stream' && e.containerId !== ''));

			const fallback: string[] = [];
			feeds.push(startEventFeed({client: polling.client, runtimeName: 'containerd', onEvent() {}, onSource: (s, note) => fallback.push(`${s}: ${note}`)}));
			await waitFor(() => fallback.length === 2, {timeoutMs: 30_000, what: () => `the fallback to diffs; sources so far: ${fallback.join(' | ')}`});
			feeds.pop()!.stop();
			assert.match(fallback[1], /^diff: inferred from refreshes \(GetContainerEvents not supported by containerd\)/);
			const before = await all(polling.client);
			for (let i = 0; i < 6; i++) polling.sim.tick();
			const changes = diffContainers(before, await all(polling.client), Date.now());
			assert.ok(changes.length > 0, 'six ticks of a crash-looping node change something');
			assert.ok(changes.every(e => e.source === 'diff'));
		} finally {
			for (const feed of feeds) feed.stop();
			await streaming.stop();
			await polling.stop();
		}
	});

	for (const flavor of ['containerd', 'cri-dockerd'] as const) {
		test(`${flavor}: current and previous logs of the crash-looping container`, async () => {
			const n = await node(flavor);
			try {
				const containers = await all(n.client);
				const looping = containers.find(c => c.metadata?.name === 'payments-api' && c.state === 'CONTAINER_RUNNING')!;
				assert.ok(looping, 'the seed has a crash-looping payments-api');
				const current = await locateCurrentLog(n.client, looping.id, p => p);
				if (flavor === 'cri-dockerd') assert.ok(lstatSync(current[0]).isSymbolicLink(), 'cri-dockerd log path is a symlink');
				const tail = await tailFirst(current, {lines: 20}, false);
				assert.ok(tail.lines.length > 0);
				assert.ok(tail.lines.every(l => l.stream !== 'raw'), `${flavor} lines parse (${tail.lines[0]?.text})`);
				const previous = await tailFirst(await locatePreviousLog(n.client, looping, containers, p => p), {lines: 20});
				assert.notEqual(previous.path, tail.path);
				assert.ok(previous.lines.length > 0);
			} finally {
				await n.stop();
			}
		});
	}

	test('stats: CPU % from two rounds for running containers; cri-dockerd\'s exited zeros are dropped', async () => {
		const n = await node('cri-dockerd');
		try {
			let containers: Container[] = await all(n.client);
			const first = await fetchStats(n.client, emptyStats, containers, 'docker');
			assert.equal(first.podsUnsupported, 'not supported by docker');
			// The node's clock is hrtime, so the second round's samples are always later than the first's.
			n.sim.tick();
			containers = await all(n.client);
			const second = await fetchStats(n.client, first, containers, 'docker');
			const running = new Set(containers.filter(c => c.state === 'CONTAINER_RUNNING').map(c => c.id));
			assert.ok(second.containers.size > 0);
			for (const id of second.containers.keys()) assert.ok(running.has(id), 'only running containers have numbers');
			assert.ok([...second.containers.values()].some(e => e.usage.cpuPercent !== null && e.usage.memoryBytes !== null));
		} finally {
			await n.stop();
		}
	});

	test('shell: bash is tried first, the session runs, exit 3 comes back with the protocol', async () => {
		const n = await node('containerd');
		try {
			// nginx's image has bash (coredns's is distroless: no shell at all).
			const running = (await all(n.client)).find(c => c.state === 'CONTAINER_RUNNING' && c.metadata?.name === 'nginx')!;
			const input = new PassThrough();
			const output = Object.assign(new PassThrough(), {columns: 100, rows: 30});
			let shown = '';
			output.on('data', d => {
				shown += d.toString();
				if (shown.endsWith('# ')) input.write(shown.includes('hi-42') ? 'exit 3\r' : 'echo hi-42\r');
			});
			const result = await runShell(n.client, running.id, input, output);
			assert.equal(result.code, 3);
			assert.match(result.protocol, /^v[45]\.channel\.k8s\.io$/);
			assert.match(shown, /hi-42/);
		} finally {
			await n.stop();
		}
	});
});
