import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSimNode} from '../../source/sim/index.js';
import {CriError} from '../../source/wire/errors.js';
import {connectExec} from '../../source/wire/exec-session.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import {simHarness} from './helpers.js';
import {busyFactor, waitFor} from '../support/wait.js';

describe('sim node', () => {
	test('stats: CPU seconds rise at a steady rate, working set moves', async () => {
		const h = await simHarness();
		try {
			// CPU is a pure function of the node's (hrtime) clock, so any two samples give the true rate.
			const first = await h.client.listContainerStats();
			const second = await h.client.listContainerStats();
			const a = first.find(s => s.attributes?.metadata?.name === 'prometheus')!;
			const b = second.find(s => s.attributes?.id === a.attributes?.id)!;
			const cpu = (s: typeof a) => BigInt(s.cpu!.usageCoreNanoSeconds!.value);
			const cores = Number(cpu(b) - cpu(a)) / Number(BigInt(b.cpu!.timestamp) - BigInt(a.cpu!.timestamp));
			assert.ok(cores > 0.05 && cores < 0.2, `prometheus uses ~0.12 cores, got ${cores}`);
			assert.ok(Number(a.memory!.workingSetBytes!.value) > 100 * 1_048_576);
			const one = await h.client.listContainerStats();
			assert.equal(one.length, first.length, 'running containers only');
		} finally {
			await h.close();
		}
	});

	test('filters: unique id prefix, state, pod, label selector', async () => {
		const h = await simHarness({containers: 60});
		try {
			const all = (await h.client.listContainers()).items;
			const c = all[10];
			assert.deepEqual((await h.client.listContainers({id: c.id.slice(0, 10)})).items.map(x => x.id), [c.id]);
			const running = (await h.client.listContainers({state: {state: 'CONTAINER_RUNNING'}})).items;
			assert.ok(running.length > 0 && running.length < all.length && running.every(x => x.state === 'CONTAINER_RUNNING'));
			const inPod = (await h.client.listContainers({podSandboxId: c.podSandboxId})).items;
			assert.deepEqual(inPod.map(x => x.id), all.filter(x => x.podSandboxId === c.podSandboxId).map(x => x.id));
			const byLabel = (await h.client.listContainers({labelSelector: {'io.kubernetes.container.name': 'envoy'}})).items;
			assert.ok(byLabel.length > 0 && byLabel.every(x => x.metadata?.name === 'envoy'));
			const ready = (await h.client.listPodSandbox({state: {state: 'SANDBOX_NOTREADY'}})).items;
			assert.ok(ready.every(p => p.state === 'SANDBOX_NOTREADY'));
			await assert.rejects(h.client.containerStatus('f'.repeat(64)), (e: unknown) => e instanceof CriError && e.code === 'not-found');
		} finally {
			await h.close();
		}
	});

	test('mutations: stop pod stops its containers; read-only use makes no mutating call', async () => {
		const h = await simHarness();
		try {
			await h.client.listContainers();
			await h.client.listPodSandbox();
			await h.client.listImages();
			const mutating = ['StopContainer', 'StopPodSandbox', 'RemoveContainer', 'RemovePodSandbox', 'RemoveImage', 'ExecSync', 'Exec'];
			assert.deepEqual(mutating.filter(rpc => h.node.calls[rpc]), []);
			const pod = (await h.client.listPodSandbox()).items.find(p => p.metadata?.name.startsWith('web-'))!;
			await h.client.stopPodSandbox(pod.id);
			const after = (await h.client.listContainers({podSandboxId: pod.id})).items;
			assert.ok(after.every(c => c.state === 'CONTAINER_EXITED'));
			assert.equal((await h.client.podSandboxStatus(pod.id)).status?.state, 'SANDBOX_NOTREADY');
			await h.client.removePodSandbox(pod.id);
			assert.equal((await h.client.listContainers({podSandboxId: pod.id})).items.length, 0);
			assert.equal(h.node.calls.StopPodSandbox, 1);
		} finally {
			await h.close();
		}
	});

	test('a process ignoring SIGTERM holds StopContainer for the grace period, then exits 137', async () => {
		const h = await simHarness({containers: 40}, 3000);
		try {
			const c = (await h.client.listContainers()).items.find(x => x.metadata?.name === 'postgres')!;
			const t = performance.now();
			await h.client.stopContainer(c.id, 1);
			assert.ok(performance.now() - t >= 950, `waited ${performance.now() - t} ms`);
			const st = (await h.client.containerStatus(c.id)).status!;
			assert.deepEqual([st.state, st.exitCode], ['CONTAINER_EXITED', 137]);
		} finally {
			await h.close();
		}
	});

	test('ExecSync: echo, hostname, exit codes, unknown command', async () => {
		const h = await simHarness();
		try {
			// nginx's image has bash and the usual programs (coredns's is distroless: nothing to run).
			const c = (await h.client.listContainers({state: {state: 'CONTAINER_RUNNING'}})).items.find(x => x.metadata?.name === 'nginx')!;
			const run = async (cmd: string[]) => {
				const r = await h.client.execSync(c.id, cmd, 5);
				return `${r.exitCode}|${Buffer.from(r.stdout).toString()}|${Buffer.from(r.stderr).toString()}`;
			};
			assert.equal(await run(['echo', 'hi', 'there']), '0|hi there\n|');
			assert.match(await run(['cat', '/etc/hostname']), /^0\|web-/);
			assert.equal(await run(['sh', '-c', 'exit 3']), '3||');
			// containerd fails the RPC itself for a program that is not there.
			await assert.rejects(run(['nope']), /executable file not found in \$PATH/);
		} finally {
			await h.close();
		}
	});

	test('Exec: WebSocket shell with prompt, echo, exit code', async () => {
		const h = await simHarness();
		try {
			const c = (await h.client.listContainers({state: {state: 'CONTAINER_RUNNING'}})).items.find(x => x.metadata?.name === 'nginx')!;
			const {url} = await h.client.exec({containerId: c.id, cmd: ['/bin/sh'], tty: true, stdin: true, stdout: true, stderr: false});
			assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/exec\/[\w-]{8}$/);
			let out = '';
			const session = await connectExec(url, {onStdout: data => (out += data.toString())});
			session.write('echo hello\r');
			await waitFor(() => /hello\r\n/.test(out), () => `the echo; output so far: ${JSON.stringify(out)}`);
			session.write('exit 4\r');
			const exit = await session.exited;
			assert.equal(exit.code, 4);
			assert.match(out, /:\/# echo hello\r\nhello\r\n/);
		} finally {
			await h.close();
		}
	});

	test('faults: delay hits the deadline, fail answers the code, oversize is too large, clear restores', async () => {
		// Only the delayed call gets a short deadline: a 20 MiB answer may take longer than 300 ms on a busy machine.
		const h = await simHarness({}, 30_000);
		const hasty = createCriClient({runtimeEndpoint: `unix://${h.node.socketPath}`, timeoutMs: 300});
		try {
			h.node.faults.delayMs('Version', 1000);
			await assert.rejects(hasty.version(), (e: unknown) => e instanceof CriError && e.code === 'deadline');
			h.node.faults.clear();
			h.node.faults.fail('ListImages', 13, 'disk on fire');
			await assert.rejects(h.client.listImages(), (e: unknown) => e instanceof CriError && e.grpcCode === 13);
			h.node.faults.clear();
			h.node.faults.oversize('ListContainers', 20 * 1024 * 1024);
			const list = await h.client.listContainers();
			assert.ok(list.truncated, 'the client says the list was cut');
			h.node.faults.clear();
			assert.equal((await h.client.listContainers()).items.length, 12);
			h.node.faults.conditionFalse('NetworkReady', 'NetworkPluginNotReady', 'Network plugin returns error: cni plugin not initialized');
			const network = (await h.client.status()).status!.conditions.find(c => c.type === 'NetworkReady')!;
			assert.deepEqual([network.status, network.reason], [false, 'NetworkPluginNotReady']);
		} finally {
			hasty.close();
			await h.close();
		}
	});

	test('restart: the socket goes away and comes back; cri-dockerd pods come back NotReady', async () => {
		for (const flavor of ['containerd', 'cri-dockerd'] as const) {
			const h = await simHarness({flavor});
			try {
				const before = (await h.client.listPodSandbox()).items;
				await h.node.restart();
				// As after a real daemon restart, the first call on the old connection may be refused.
				const after = (await h.client.listPodSandbox().catch(async (error: unknown) => {
					assert.ok(error instanceof CriError && error.code === 'unavailable');
					return waitFor(async () => h.client.listPodSandbox().catch(() => undefined), 'ListPodSandbox to answer again');
				})).items;
				assert.deepEqual(after.map(p => p.id), before.map(p => p.id));
				const ready = after.filter(p => p.state === 'SANDBOX_READY').length;
				if (flavor === 'cri-dockerd') assert.equal(ready, 0);
				else assert.equal(ready, before.filter(p => p.state === 'SANDBOX_READY').length);
			} finally {
				await h.close();
			}
		}
	});

	test('defaults: a temp log root and a live tick; stop() removes socket and log root', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-simdef-'));
		const node = await startSimNode({socketPath: path.join(dir, 'a', 'b', 'cri.sock')});
		try {
			assert.equal(node.flavor, 'containerd');
			assert.ok(existsSync(node.socketPath) && existsSync(node.logRoot));
		} finally {
			await node.stop();
		}
		assert.equal(existsSync(node.socketPath), false);
		assert.equal(existsSync(node.logRoot), false);
		rmSync(dir, {recursive: true, force: true});
	});

	test('10k containers: starts fast, lists fast and whole', async () => {
		const slack = busyFactor();
		const started = performance.now();
		const h = await simHarness({containers: 10_000}, 10_000 * slack);
		try {
			assert.ok(performance.now() - started < 1500 * slack, `start took ${performance.now() - started} ms (ceiling 1500 ms × ${slack.toFixed(1)} for the load)`);
			await h.client.listContainers();
			const t = performance.now();
			const list = await h.client.listContainers();
			assert.equal(list.items.length, 10_000);
			assert.equal(new Set(list.items.map(c => c.id)).size, 10_000);
			assert.ok(performance.now() - t < 3000 * slack, `second list took ${performance.now() - t} ms (ceiling 3000 ms × ${slack.toFixed(1)} for the load)`);
			assert.ok((await h.client.listPodSandbox()).items.length > 3000);
		} finally {
			await h.close();
		}
	});
});
