// One test per flavour-specific fact of ../shared/notes/runtime-differences.md ("Seen side by side on
// the real daemons" and the corrected lines), each asked of the simulated node through gRPC: the
// project's client where it has the call, else a plain client over the upstream proto (criRaw).
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Flavor} from '../../source/sim/index.js';
import {CriError} from '../../source/wire/errors.js';
import type {ContainerEventResponse} from '../../source/model/cri-types.js';
import {criRaw} from '../testbed/cri-raw.js';
import {eachFlavor, FLAVORS, until, type Harness} from './helpers.js';



const rejectsWith = (promise: Promise<unknown>, grpcCode: number, text?: RegExp) => assert.rejects(promise, (error: any) => {
	const got = error instanceof CriError ? error.grpcCode : error.code;
	assert.equal(got, grpcCode, `gRPC code of: ${error.message}`);
	if (text) assert.match(error.message, text);
	return true;
});

const running = async (h: Harness, name?: string) => (await h.client.listContainers({state: {state: 'CONTAINER_RUNNING'}})).items.find(c => !name || c.metadata?.name === name)!;
const exited = async (h: Harness) => (await h.client.listContainers({state: {state: 'CONTAINER_EXITED'}})).items;

describe('runtime facts, per flavour, over gRPC', () => {
	test('stats of exited containers: containerd 1.6 lists them with cpu and memory null, cri-dockerd with zeros, CRI-O leaves them out', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const dead = new Set((await exited(h)).map(c => c.id));
			assert.ok(dead.size > 0);
			const stats = (await h.client.listContainerStats()).filter(s => dead.has(s.attributes?.id ?? ''));
			if (flavor === 'cri-o') return assert.equal(stats.length, 0);
			assert.equal(stats.length, dead.size);
			for (const s of stats) {
				if (flavor === 'containerd') {
					assert.equal(s.cpu, null);
					assert.equal(s.memory, null);
					assert.ok(s.writableLayer, 'attributes and the writable layer stay');
				} else {
					assert.equal(s.cpu?.usageCoreNanoSeconds?.value, '0');
					assert.equal(s.memory?.workingSetBytes?.value, '0');
				}
			}
		});
	});

	test('CRI-O events: no containersStatuses, the pod start is a container event with the pod ID; containerd 1.7 names the container', async () => {
		await eachFlavor(['cri-o', 'containerd-1.7'], async (h, flavor) => {
			const events: ContainerEventResponse[] = [];
			const sub = h.client.containerEvents(e => events.push(e), () => undefined);
			const raw = criRaw(h.node.socketPath);
			try {
				// The stream is open once the server counted it (its handler registers the listener in the
				// same turn): a pod made now is seen.
				await until(() => h.node.calls.GetContainerEvents === 1, 'the subscription');
				const {podSandboxId} = await raw.call('RunPodSandbox', {config: {metadata: {name: 'ev', namespace: 'default', uid: 'u-ev', attempt: 0}}});
				const {containerId} = await raw.call('CreateContainer', {podSandboxId, config: {metadata: {name: 'app'}, image: {image: 'docker.io/library/busybox:1.36'}}});
				await raw.call('StartContainer', {containerId});
				await until(() => events.some(e => e.containerId === containerId && e.containerEventType === 'CONTAINER_STARTED_EVENT'), 'the container start event');
				const podEvents = events.filter(e => e.containerId === podSandboxId);
				if (flavor === 'cri-o') {
					assert.ok(events.every(e => e.containersStatuses.length === 0), 'no containersStatuses on any event');
					assert.ok(podEvents.some(e => e.containerEventType === 'CONTAINER_STARTED_EVENT'), 'pod start as a container event');
					assert.ok(events.every(e => e.podSandboxStatus?.metadata?.name === 'ev'));
				} else {
					assert.equal(podEvents.length, 0);
					assert.equal(events.find(e => e.containerId === containerId)?.containersStatuses[0]?.metadata?.name, 'app');
				}
			} finally {
				sub.cancel();
				raw.close();
			}
		});
	});

	test('logs: CRI-O writes +00:00 with nine digits, files 0600 and <sandboxID>.log; containerd trims to Z', async () => {
		await eachFlavor(['containerd', 'cri-o'], async (h, flavor) => {
			const c = await running(h, 'nginx');
			const status = (await h.client.containerStatus(c.id)).status!;
			const text = readFileSync(status.logPath, 'utf8');
			const first = text.split('\n')[0];
			const mode = statSync(status.logPath).mode & 0o777;
			const podDir = path.dirname(path.dirname(status.logPath));
			if (flavor === 'cri-o') {
				assert.match(first, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+00:00 stdout F /);
				assert.equal(mode, 0o600);
				assert.ok(readdirSync(podDir).includes(`${c.podSandboxId}.log`));
			} else {
				assert.match(first, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z stdout F /);
				assert.notEqual(mode, 0o600);
				assert.ok(!readdirSync(podDir).includes(`${c.podSandboxId}.log`));
			}
		});
	});

	test('logs: cri-dockerd json-file escapes <, >, &, tabs and U+2028 and splits lines over 16 KiB; containerd splits into P pieces', async () => {
		await eachFlavor(['cri-dockerd', 'containerd'], async (h, flavor) => {
			const c = (await h.client.listContainers()).items.find(x => x.metadata?.name.startsWith('rtl-'))!;
			const file = readFileSync((await h.client.containerStatus(c.id)).status!.logPath, 'utf8');
			const lines = file.trimEnd().split('\n');
			if (flavor === 'cri-dockerd') {
				assert.match(file, /"log":"rtl-\S*: starting \\u003cpid \d+\\u003e \\u0026 ready\\u0009listening\\u2028\\n"/);
				const long = lines.filter(l => l.includes('MMMM')).map(l => JSON.parse(l).log as string);
				assert.ok(long.length >= 2 && !long[0].endsWith('\n') && long.at(-1)!.endsWith('\n'), 'a 20 KiB line is several entries');
				assert.ok(long.every(l => Buffer.byteLength(l) <= 16 * 1024 + 1));
			} else {
				const long = lines.filter(l => l.includes('MMMM'));
				assert.deepEqual(long.map(l => l.split(' ')[2]), ['P', 'F']);
			}
		}, {hostile: true});
	});

	test('cri-dockerd: a running container finishedAt is Go\'s zero time (-6795364578871345152); the others 0', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const status = (await h.client.containerStatus((await running(h)).id)).status!;
			assert.equal(status.finishedAt, flavor === 'cri-dockerd' ? '-6795364578871345152' : '0');
		});
	});

	test('StopPodSandbox: cri-dockerd leaves the app containers running (a second stopp returns at once, rmp removes them); CRI-O 143, containerd 137', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const pod = (await h.client.listPodSandbox()).items.find(p => p.metadata?.name.startsWith('web-'))!;
			const apps = () => h.client.listContainers({podSandboxId: pod.id});
			const before = (await apps()).items.filter(c => c.state === 'CONTAINER_RUNNING').map(c => c.id);
			assert.ok(before.length > 0);
			await h.client.stopPodSandbox(pod.id);
			assert.equal((await h.client.podSandboxStatus(pod.id)).status?.state, 'SANDBOX_NOTREADY');
			const after = (await apps()).items.filter(c => before.includes(c.id));
			if (flavor === 'cri-dockerd') {
				assert.ok(after.every(c => c.state === 'CONTAINER_RUNNING'), 'still running in a NotReady pod');
				const t = Date.now();
				await h.client.stopPodSandbox(pod.id);
				assert.ok(Date.now() - t < 2000, 'second stopp at once');
				assert.ok((await apps()).items.filter(c => before.includes(c.id)).every(c => c.state === 'CONTAINER_RUNNING'));
				await h.client.removePodSandbox(pod.id);
				assert.equal((await apps()).items.length, 0);
			} else {
				assert.ok(after.every(c => c.state === 'CONTAINER_EXITED'));
				for (const c of after) assert.equal((await h.client.containerStatus(c.id)).status?.exitCode, flavor === 'cri-o' ? 143 : 137);
			}
		});
	});

	test('cri-dockerd: whole seconds in the list calls\' createdAt, nanoseconds in the Status calls', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const containers = (await h.client.listContainers()).items;
			const pods = (await h.client.listPodSandbox()).items;
			const whole = [...containers, ...pods].every(x => x.createdAt.endsWith('000000000'));
			assert.equal(whole, flavor === 'cri-dockerd');
			const statuses = await Promise.all(containers.slice(0, 5).map(c => h.client.containerStatus(c.id)));
			assert.ok(statuses.some(s => !s.status!.createdAt.endsWith('000000000')), 'Status has nanoseconds');
			const podStatus = await h.client.podSandboxStatus(pods[0].id);
			assert.equal(podStatus.status!.createdAt.slice(0, -9), pods[0].createdAt.slice(0, -9));
		});
	});

	test('RuntimeConfig: cri-dockerd answers cgroupDriver CGROUPFS, CRI-O SYSTEMD, containerd 1.6 UNIMPLEMENTED', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const raw = criRaw(h.node.socketPath);
			try {
				if (flavor === 'containerd') await rejectsWith(raw.call('RuntimeConfig'), 12);
				else assert.deepEqual(await raw.call('RuntimeConfig'), {linux: {cgroupDriver: flavor === 'cri-dockerd' ? 'CGROUPFS' : 'SYSTEMD'}});
			} finally {
				raw.close();
			}
		});
	});

	test('pinned pause image on CRI-O and cri-dockerd, not on containerd 1.6', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const pinned = (await h.client.listImages()).items.filter(i => i.pinned).map(i => i.repoTags[0]);
			const expected = {containerd: [], 'cri-o': ['registry.k8s.io/pause:3.10'], 'cri-dockerd': ['registry.k8s.io/pause:3.9']}[flavor as 'containerd'];
			assert.deepEqual(pinned, expected);
		});
	});

	test('unknown IDs: cri-dockerd rm code 2 and stop NotFound; CRI-O stop {} and stats code 2; containerd stopp NotFound', async () => {
		const ghost = 'f'.repeat(64);
		await eachFlavor(FLAVORS, async (h, flavor) => {
			if (flavor === 'cri-dockerd') {
				await rejectsWith(h.client.removeContainer(ghost), 2, /No such container/);
				await rejectsWith(h.client.stopContainer(ghost, 0), 5);
				await h.client.stopPodSandbox(ghost);
			} else if (flavor === 'cri-o') {
				await h.client.stopContainer(ghost, 0);
				const raw = criRaw(h.node.socketPath);
				try {
					await rejectsWith(raw.call('ContainerStats', {containerId: ghost}), 2);
					await rejectsWith(raw.call('PodSandboxStats', {podSandboxId: ghost}), 2);
				} finally {
					raw.close();
				}
			} else {
				await rejectsWith(h.client.stopPodSandbox(ghost), 5);
				await rejectsWith(h.client.stopContainer(ghost, 0), 5);
				await h.client.removeContainer(ghost);
			}
		});
	});

	test('imageId of a container: empty on containerd 1.6 and cri-dockerd, bare hex on CRI-O', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const c = await running(h);
			const status = (await h.client.containerStatus(c.id)).status!;
			for (const id of [c.imageId, status.imageId]) {
				if (flavor === 'cri-o') assert.match(id, /^[0-9a-f]{64}$/);
				else assert.equal(id, '');
			}
		});
	});

	test('resources on containerd and CRI-O (user on CRI-O only), null on cri-dockerd; userSpecifiedImage empty on all', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const raw = criRaw(h.node.socketPath);
			try {
				const {status} = await raw.call('ContainerStatus', {containerId: (await running(h, 'nginx')).id});
				if (flavor === 'cri-dockerd') assert.equal(status.resources, null);
				else assert.ok(status.resources.linux.memoryLimitInBytes > 0);
				if (flavor === 'cri-o') assert.equal(status.user.linux.uid, 0);
				else assert.equal(status.user, null);
				assert.equal(status.image.userSpecifiedImage, '');
			} finally {
				raw.close();
			}
		});
	});

	test('CRI-O image/imageRef: made by ID (the kubelet) → (hex ID, repo@sha256:digest); by name (crictl) → (name, bare hex)', async () => {
		await eachFlavor(['cri-o', 'containerd'], async (h, flavor) => {
			const raw = criRaw(h.node.socketPath);
			try {
				const kubelet = await running(h, 'nginx');
				const {podSandboxId} = await raw.call('RunPodSandbox', {config: {metadata: {name: 'byname', namespace: 'default', uid: 'u1'}}});
				const {containerId} = await raw.call('CreateContainer', {podSandboxId, config: {metadata: {name: 'c'}, image: {image: 'nginx:1.27'}}});
				const byName = (await h.client.listContainers({id: containerId})).items[0];
				const byNameStatus = (await h.client.containerStatus(containerId)).status!;
				if (flavor === 'cri-o') {
					assert.match(kubelet.image!.image, /^[0-9a-f]{64}$/);
					assert.match(kubelet.imageRef, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
					for (const x of [byName, byNameStatus]) {
						assert.equal(x.image!.image, 'docker.io/library/nginx:1.27');
						assert.match(x.imageRef, /^[0-9a-f]{64}$/);
					}
				} else {
					assert.match(kubelet.image!.image, /^sha256:/);
					assert.equal(byName.imageRef, kubelet.imageRef, 'containerd: the same pair whichever way');
				}
			} finally {
				raw.close();
			}
		});
	});

	test('Status: CRI-O has runtimeHandlers, features and its Go config dump; the others neither', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const status = await h.client.status(true);
			if (flavor === 'cri-o') {
				assert.deepEqual(status.runtimeHandlers?.map(r => r.name), ['crun', 'runc', 'default']);
				assert.equal(status.features?.supplementalGroupsPolicy, true);
				const config = JSON.parse(status.info.config);
				assert.equal(config.DefaultRuntime, 'crun');
				assert.equal(config.EnablePodEvents, true);
			} else {
				assert.deepEqual(status.runtimeHandlers ?? [], []);
				assert.equal(status.features ?? null, null);
			}
		});
	});

	test('ImageFsInfo: CRI-O and cri-dockerd fill containerFilesystems (one entry), containerd 1.6 none', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const fs = await h.client.imageFsInfo();
			assert.equal(fs.imageFilesystems.length, 1);
			assert.equal(fs.containerFilesystems.length, flavor === 'containerd' ? 0 : 1);
		});
	});

	test('ExecSync of a missing program: CRI-O and containerd fail the RPC (code 2), cri-dockerd exit 126 with no output', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const c = await running(h, 'nginx');
			if (flavor === 'cri-dockerd') {
				const r = await h.client.execSync(c.id, ['nope'], 5);
				assert.deepEqual([r.exitCode, Buffer.from(r.stdout).length, Buffer.from(r.stderr).length], [126, 0, 0]);
			} else {
				await rejectsWith(h.client.execSync(c.id, ['nope'], 5), 2, /executable file not found in \$PATH/);
			}
			// sh -c runs its script: lists, exit codes, redirections.
			const r = await h.client.execSync(c.id, ['sh', '-c', 'echo out; echo err >&2; false || echo fell; exit 7'], 5);
			assert.deepEqual([r.exitCode, Buffer.from(r.stdout).toString(), Buffer.from(r.stderr).toString()], [7, 'out\nfell\n', 'err\n']);
		});
	});

	test('Exec URL: containerd and CRI-O http://127.0.0.1:PORT/exec/TOKEN, cri-dockerd scheme-less //127.0.0.1:PORT/cri/exec/TOKEN; 8-character tokens', async () => {
		await eachFlavor(FLAVORS, async (h, flavor) => {
			const {url} = await h.client.exec({containerId: (await running(h, 'nginx')).id, cmd: ['echo'], tty: false, stdin: false, stdout: true, stderr: true});
			const form = flavor === 'cri-dockerd' ? /^\/\/127\.0\.0\.1:\d+\/cri\/exec\/[\w-]{8}$/ : /^http:\/\/127\.0\.0\.1:\d+\/exec\/[\w-]{8}$/;
			assert.match(url, form);
		});
	});
});
