// The product's own client code — the shell (runShell with the bash → sh fallback), stats
// (fetchStats), events (startEventFeed) and logs (tailLog) — run against each simulated flavour.
// Each test also pins the flavour's answer it depends on, so it fails if the flavour is changed
// back to the answer the sim gave before it was made faithful.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {PassThrough} from 'node:stream';
import type {Flavor} from '../../source/sim/index.js';
import {startEventFeed} from '../../source/state/use-events.js';
import type {NodeEvent} from '../../source/state/node-events.js';
import {emptyStats, fetchStats} from '../../source/state/use-stats.js';
import {runShell} from '../../source/wire/exec-shell.js';
import {logTimeMs} from '../../source/wire/log-parse.js';
import {tailLog} from '../../source/wire/log-reader.js';
import {criRaw} from '../testbed/cri-raw.js';
import {eachFlavor, FLAVORS, runningNamed, until, type Harness} from './helpers.js';




/** runShell on a container, answering the first prompt with `script`; returns the result and what was shown. */
async function shell(h: Harness, id: string, script: string, prompt: RegExp) {
	const input = new PassThrough();
	const output = Object.assign(new PassThrough(), {columns: 100, rows: 30});
	let shown = '';
	let sent = false;
	output.on('data', d => {
		shown += d.toString();
		if (!sent && prompt.test(shown)) {
			sent = true;
			input.write(script);
		}
	});
	const exec: string[][] = [];
	const client = {runtimeEndpoint: h.client.runtimeEndpoint, exec: (r: Parameters<Harness['client']['exec']>[0]) => (exec.push(r.cmd), h.client.exec(r))};
	const result = await runShell(client, id, input, output);
	return {result, shown, exec};
}

describe('the product\'s client against each flavour', () => {
	test('s in a bash-less image: bash is refused the runtime\'s way, /bin/sh opens without the error flashing, exit 3 comes back', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const busybox = await runningNamed(h, 'log-shipper');
			// The runtime's own refusal of bash, which the fallback must recognise.
			const {url} = await h.client.exec({containerId: busybox.id, cmd: ['bash'], tty: true, stdin: true, stdout: true, stderr: false});
			if (flavor === 'cri-dockerd') assert.match(url, /^\/\/127\.0\.0\.1:\d+\/cri\/exec\//, 'cri-dockerd hands out a scheme-less URL');
			const {result, shown, exec} = await shell(h, busybox.id, 'echo hi-$?\rexit 3\r', /\/ # /);
			assert.deepEqual(exec, [['bash'], ['/bin/sh']]);
			assert.deepEqual(result.command, ['/bin/sh']);
			assert.equal(result.code, 3);
			assert.equal(result.protocol, 'v4.channel.k8s.io');
			assert.match(shown, /hi-0/);
			assert.doesNotMatch(shown, /executable file not found|OCI runtime/, 'the failed bash attempt is not shown');
		});
	});

	test('s in a bash image opens bash at once', async () => {
		await eachFlavor(FLAVORS, async h => {
			const {result, exec} = await shell(h, (await runningNamed(h, 'nginx')).id, 'exit 0\r', /:\/# /);
			assert.deepEqual(exec, [['bash']]);
			assert.equal(result.code, 0);
		});
	});

	test('stats: exited containers never get numbers (containerd lists them with null cpu/memory, cri-dockerd with zeros); running ones get CPU %', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const containers = (await h.client.listContainers()).items;
			const exitedIds = new Set(containers.filter(c => c.state === 'CONTAINER_EXITED').map(c => c.id));
			const listed = (await h.client.listContainerStats()).filter(s => exitedIds.has(s.attributes?.id ?? ''));
			if (flavor === 'containerd') assert.ok(listed.length > 0 && listed.every(s => s.cpu === null && s.memory === null));
			if (flavor === 'cri-dockerd') assert.ok(listed.length > 0 && listed.every(s => s.cpu?.usageCoreNanoSeconds?.value === '0'));
			const first = await fetchStats(h.client, emptyStats, containers, flavor);
			// The second round must be sampled later than the first (the node's clock is hrtime).
			const sampled = Date.now();
			await until(() => Date.now() > sampled, 'the clock to move on');
			const second = await fetchStats(h.client, first, containers, flavor);
			assert.equal(second.error, null);
			for (const id of exitedIds) assert.equal(second.containers.has(id), false, 'no numbers for an exited container');
			assert.ok([...second.containers.values()].some(e => e.usage.cpuPercent !== null && e.usage.memoryBytes !== null));
		});
	});

	test('events: CRI-O\'s stream (no statuses, pod events with the pod ID) reaches the feed; containerd 1.7 names the container; 1.6 falls back to diffs', async () => {
		await eachFlavor(['containerd', 'containerd-1.7', 'cri-o'], async (h, flavor) => {
			const got: NodeEvent[] = [];
			const sources: string[] = [];
			const feed = startEventFeed({client: h.client, runtimeName: h.node.flavor, onEvent: e => got.push(e), onSource: s => sources.push(s), retryMs: 100});
			const raw = criRaw(h.node.socketPath);
			try {
				if (flavor === 'containerd') {
					await until(() => sources.includes('diff'), 'the fallback to diffs');
					return;
				}
				// The node's handler registers the listener in the turn it counts the call.
				await until(() => (h.node.calls.GetContainerEvents ?? 0) > 0, 'the subscription');
				const {podSandboxId} = await raw.call('RunPodSandbox', {config: {metadata: {name: 'feed', namespace: 'default', uid: 'u-feed'}}});
				const {containerId} = await raw.call('CreateContainer', {podSandboxId, config: {metadata: {name: 'app'}, image: {image: 'busybox:1.36'}}});
				await raw.call('StartContainer', {containerId});
				await until(() => got.some(e => e.containerId === containerId && e.kind === 'started'), 'the container start');
				assert.deepEqual(sources, ['stream']);
				assert.ok(got.every(e => e.podSandboxId === podSandboxId || e.containerId !== containerId));
				const pod = got.filter(e => e.containerId === podSandboxId);
				if (flavor === 'cri-o') {
					assert.ok(pod.some(e => e.kind === 'started'), 'the pod start arrives as a container event with the pod ID');
					assert.equal(got.find(e => e.containerId === containerId)?.name, '', 'CRI-O events carry no container status to name it');
				} else {
					assert.equal(pod.length, 0);
					assert.equal(got.find(e => e.containerId === containerId)?.name, 'app');
				}
			} finally {
				feed.stop();
				raw.close();
			}
		});
	});

	test('logs: the reader takes containerd\'s Z, CRI-O\'s +00:00 nine digits and cri-dockerd\'s json-file alike', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const c = await runningNamed(h, 'nginx');
			const logPath = (await h.client.containerStatus(c.id)).status!.logPath;
			const raw = readFileSync(logPath, 'utf8').split('\n')[0];
			if (flavor === 'cri-o') assert.match(raw, /^\S+\.\d{9}\+00:00 stdout F /);
			else if (flavor === 'cri-dockerd') assert.match(raw, /^\{"log":".*\\u003cpid/);
			else assert.match(raw, /^\S+Z stdout F /);
			const {lines} = await tailLog(logPath, {lines: 50});
			assert.ok(lines.length > 3);
			assert.ok(lines.every(l => l.stream === 'stdout' || l.stream === 'stderr'), 'every line parsed');
			assert.ok(lines.every(l => Math.abs(logTimeMs(l.time) - Date.now()) < 40 * 86_400_000), 'times parsed');
			assert.match(lines[0].text, /^nginx: starting <pid \d+> & ready\tlistening\u2028$/);
		});
	});
});
