// The simulated node's state and its life: pods, containers, images, and what happens on each
// tick (crash loops, jobs coming and going). Plain data, no gRPC; messages.ts turns it into CRI
// messages for a flavour. The sequence of events depends only on the seed; timestamps come from
// the clock (real by default, injectable for tests).
import {flavours, type Flavor, type FlavourSpec} from './flavours.js';
import {createRng, k8sSuffix, shellOf, syntheticImage, syntheticWorkload, storyWorkloads, baseImages, uuid, type Behaviour, type ImageShell, type Rng, type WorkloadSeed} from './seed-data.js';
import {hostileText} from './hostile.js';

/** `shell`: what an exec finds in the image: bash and sh, only sh (busybox, alpine), or none (distroless). */
export type SimImage = {hex: string; digest: string; ref: string; size: number; extraRefs: string[]; shell: ImageShell};
export type SimPod = {
	id: string; name: string; namespace: string; uid: string; attempt: number;
	state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY'; createdAt: bigint;
	labels: Record<string, string>; annotations: Record<string, string>;
	ip: string; hostNetwork: boolean; logDir: string; stubborn: boolean; pid: number; workload: WorkloadSeed;
};
export type SimContainer = {
	id: string; podId: string; name: string; attempt: number; image: SimImage;
	state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
	createdAt: bigint; startedAt: bigint; finishedAt: bigint; exitCode: number; reason: string; message: string;
	labels: Record<string, string>; annotations: Record<string, string>;
	/** Path relative to the pod's log dir, e.g. `nginx/0.log`. */
	logPath: string; behaviour: Behaviour; pid: number;
	/** CPU in nanocores while running; memory baseline in bytes. */
	cpuRate: number; memBase: number; memLimit: number;
	/** Ticks until the next life step (crash, restart, completion). */
	countdown: number; hostile: boolean;
	/** Bumped on every change so cached messages know they are stale. */
	rev: number;
	/** Created with an image name (crictl create) rather than the image ID (the kubelet). */
	byName?: boolean;
};
export type EventType = 'CONTAINER_CREATED_EVENT' | 'CONTAINER_STARTED_EVENT' | 'CONTAINER_STOPPED_EVENT' | 'CONTAINER_DELETED_EVENT';
/** A container's event, or (container absent) the pod sandbox's own. */
export type ModelEvent = {type: EventType; container?: SimContainer; pod: SimPod; at: bigint};

export type ModelOptions = {flavor: Flavor; seed: number; containers: number; hostile: boolean; now?: () => bigint};

/** What a CRI write request sets itself (RunPodSandbox, CreateContainer). */
export type Given = {uid?: string; attempt?: number; labels: Record<string, string>; annotations: Record<string, string>};

const sec = 1_000_000_000n;

/** Nanoseconds since the epoch with sub-millisecond resolution. */
export function realClock(): () => bigint {
	const base = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
	return () => base + process.hrtime.bigint();
}

export class SimModel {
	readonly spec: FlavourSpec;
	readonly pods = new Map<string, SimPod>();
	readonly containers = new Map<string, SimContainer>();
	readonly images = new Map<string, SimImage>();
	/** Bumped on any change: list caches compare against it. */
	revision = 0;
	tickCount = 0;
	readonly now: () => bigint;
	private readonly rng: Rng;
	private readonly listeners = new Set<(event: ModelEvent) => void>();
	private readonly imageByRef = new Map<string, SimImage>();
	private nextPid = 1200;
	private nextIp = 2;
	private jobSerial = 0;

	constructor(readonly options: ModelOptions) {
		this.spec = flavours[options.flavor];
		this.rng = createRng(options.seed);
		this.now = options.now ?? realClock();
		this.populate();
	}

	onEvent(listener: (event: ModelEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private emit(type: EventType, container: SimContainer) {
		const pod = this.pods.get(container.podId);
		if (!pod) return;
		for (const listener of this.listeners) listener({type, container, pod, at: this.now()});
	}

	private emitPod(type: EventType, pod: SimPod) {
		for (const listener of this.listeners) listener({type, pod, at: this.now()});
	}

	private changed(container?: SimContainer) {
		this.revision++;
		if (container) container.rev++;
	}

	// ---------- building the node ----------

	addImage(ref: string, size: number): SimImage {
		const existing = this.imageByRef.get(ref);
		if (existing) return existing;
		const image: SimImage = {hex: this.rng.hex(64), digest: this.rng.hex(64), ref, size, extraRefs: [], shell: shellOf(ref)};
		this.changed();
		this.images.set(image.hex, image);
		this.imageByRef.set(ref, image);
		return image;
	}

	private populate() {
		const target = Math.max(0, this.options.containers);
		const now = this.now();
		this.addImage(this.spec.pauseImage, 301_463 + this.rng.int(0, 4000));
		for (const seed of Object.values(baseImages)) this.addImage(seed.ref, seed.size + this.rng.int(0, 9000));
		const wantImages = Math.max(5, Math.round(target / 20));
		const synthetic: SimImage[] = [];
		for (let i = this.images.size; i < wantImages; i++) {
			const seed = syntheticImage(this.rng, i);
			synthetic.push(this.addImage(seed.ref, seed.size));
		}
		if (this.options.hostile) {
			this.addImage(`docker.io/evil/${hostileText('emoji')}-${hostileText('csi-red')}:latest`, 666_000);
			this.addImage(`ghcr.io/${hostileText('rtl-override')}/app:1`, 1_234_567);
		}
		let count = 0;
		let index = 0;
		while (count < target) {
			const workload = index < storyWorkloads.length
				? storyWorkloads[index]
				: synthetic.length > 0 ? syntheticWorkload(this.rng, this.rng.pick(synthetic).ref) : storyWorkloads[index % storyWorkloads.length];
			const budget = target - count;
			count += this.seedPod(workload, now - BigInt(this.rng.int(600, 30 * 86_400)) * sec - BigInt(this.rng.int(0, 999_999_999)), budget);
			index++;
		}
		if (this.options.hostile) this.seedHostilePod(now);
	}

	private podName(workload: WorkloadSeed): string {
		switch (workload.kind) {
			case 'Deployment': return `${workload.name}-${k8sSuffix(this.rng, 10)}-${k8sSuffix(this.rng, 5)}`;
			case 'DaemonSet': return `${workload.name}-${k8sSuffix(this.rng, 5)}`;
			case 'StatefulSet': return `${workload.name}-${this.rng.int(0, 2)}`;
			case 'Job': return `${workload.name}-${28_900_000 + this.jobSerial++}-${k8sSuffix(this.rng, 5)}`;
			default: return `${workload.name}-node-1`;
		}
	}

	/** Creates a pod and up to `budget` of its containers as the kubelet would have; returns how many containers. */
	private seedPod(workload: WorkloadSeed, createdAt: bigint, budget: number, name = this.podName(workload)): number {
		const pod = this.createPod(workload, name, createdAt);
		let made = 0;
		let at = createdAt + sec + BigInt(this.rng.int(0, 999_999_999));
		for (const seed of workload.containers) {
			if (made >= budget) break;
			const image = this.imageByRef.get(seed.image) ?? this.imageByRef.get(baseImages[seed.image]?.ref ?? '') ?? this.addImage(seed.image, 10_000_000);
			const container = this.createContainer(pod, seed.name, 0, image, seed.behaviour, at, seed.cpuMilli, seed.memMiB);
			made++;
			at += BigInt(this.rng.int(1, 3)) * sec + BigInt(this.rng.int(0, 999_999_999));
			if (seed.behaviour === 'init' || (seed.behaviour === 'job' && pod.workload.kind === 'Job')) {
				this.finish(container, at, 0, 'Completed', false);
				if (seed.behaviour === 'job') pod.state = 'SANDBOX_NOTREADY';
			} else if (seed.behaviour === 'oom') {
				this.finish(container, at + 3600n * sec, 137, 'OOMKilled', false);
				if (made < budget) {
					this.createContainer(pod, seed.name, 1, image, 'steady', at + 3601n * sec, seed.cpuMilli, seed.memMiB);
					made++;
				}
			} else if (seed.behaviour === 'crashloop') {
				// Attempt 3 died; attempt 4 runs until its next crash.
				this.finish(container, at, 1, 'Error', false);
				container.attempt = 3;
				container.logPath = `${seed.name}/3.log`;
				container.annotations['io.kubernetes.container.restartCount'] = '3';
				if (made < budget) {
					const next = this.createContainer(pod, seed.name, 4, image, 'crashloop', at + 20n * sec, seed.cpuMilli, seed.memMiB);
					next.countdown = 2;
					made++;
				}
			}
		}
		return made;
	}

	private seedHostilePod(now: bigint) {
		const workload: WorkloadSeed = {namespace: `evil-${hostileText('csi-clear')}`, name: `pwn${hostileText('osc0-title')}`, kind: 'static', containers: []};
		const pod = this.createPod(workload, `pwn${hostileText('osc0-title')}${hostileText('csi-red')}`, now - 120n * sec);
		pod.labels['evil.example/clipboard'] = hostileText('osc52-clipboard');
		pod.labels['evil.example/link'] = hostileText('osc8-link');
		pod.annotations['evil.example/long'] = hostileText('long-10k');
		pod.annotations['evil.example/dcs'] = hostileText('dcs');
		pod.annotations['evil.example/c1'] = hostileText('c1-controls');
		const image = [...this.images.values()].find(i => i.ref.startsWith('docker.io/evil/'))!;
		const names = [`rtl-${hostileText('rtl-override')}`, `wide-${hostileText('wide-cjk')}${hostileText('emoji')}`, `zw-${hostileText('zero-width')}${hostileText('c0-controls')}`];
		for (const [i, name] of names.entries()) {
			const c = this.createContainer(pod, name, 0, image, 'steady', now - BigInt(100 - i) * sec, 10, 20);
			c.hostile = true;
			c.labels['evil.example/title'] = hostileText('osc0-title');
			c.annotations['evil.example/long'] = hostileText('long-10k');
		}
	}

	/** `given`: what RunPodSandbox's config says (labels as given, no kubelet labels added). */
	createPod(workload: WorkloadSeed, name: string, createdAt: bigint, given?: Given): SimPod {
		const uid = given?.uid || uuid(this.rng);
		const labels: Record<string, string> = given ? {...given.labels} : {
			app: workload.name,
			'io.kubernetes.pod.name': name,
			'io.kubernetes.pod.namespace': workload.namespace,
			'io.kubernetes.pod.uid': uid,
		};
		if (workload.kind === 'Deployment') labels['pod-template-hash'] = name.split('-').at(-2) ?? '';
		if (workload.kind === 'Job') labels['batch.kubernetes.io/job-name'] = name.split('-').slice(0, -1).join('-');
		const pod: SimPod = {
			id: this.rng.hex(64), name, namespace: workload.namespace, uid, attempt: given?.attempt ?? 0,
			state: 'SANDBOX_READY', createdAt, labels,
			annotations: given ? {...given.annotations} : {'kubernetes.io/config.seen': new Date(Number(createdAt / 1_000_000n)).toISOString(), 'kubernetes.io/config.source': 'api'},
			ip: workload.hostNetwork ? '192.168.49.2' : `10.244.${(this.nextIp >> 8) & 255}.${this.nextIp++ & 255}`,
			hostNetwork: Boolean(workload.hostNetwork),
			logDir: `${safeSegment(workload.namespace)}_${safeSegment(name)}_${uid}`,
			stubborn: Boolean(workload.stubborn), pid: this.nextPid++, workload,
		};
		this.pods.set(pod.id, pod);
		this.changed();
		this.emitPod('CONTAINER_CREATED_EVENT', pod);
		this.emitPod('CONTAINER_STARTED_EVENT', pod);
		return pod;
	}

	/** `state` CONTAINER_CREATED: made but not started (CreateContainer without StartContainer). */
	createContainer(pod: SimPod, name: string, attempt: number, image: SimImage, behaviour: Behaviour, createdAt: bigint, cpuMilli: number, memMiB: number, state: 'CONTAINER_RUNNING' | 'CONTAINER_CREATED' = 'CONTAINER_RUNNING', given?: Given & {logPath: string; byName: boolean}): SimContainer {
		const container: SimContainer = {
			id: this.rng.hex(64), podId: pod.id, name, attempt, image, state,
			createdAt, startedAt: createdAt + BigInt(this.rng.int(30, 900)) * 1_000_000n, finishedAt: 0n, exitCode: 0, reason: '', message: '',
			labels: {
				'io.kubernetes.container.name': name,
				'io.kubernetes.pod.name': pod.name,
				'io.kubernetes.pod.namespace': pod.namespace,
				'io.kubernetes.pod.uid': pod.uid,
			},
			annotations: {
				'io.kubernetes.container.hash': this.rng.hex(8),
				'io.kubernetes.container.restartCount': String(attempt),
				'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
				'io.kubernetes.container.terminationMessagePolicy': 'File',
				'io.kubernetes.pod.terminationGracePeriod': '30',
			},
			logPath: `${safeSegment(name)}/${attempt}.log`, behaviour, pid: this.nextPid++,
			cpuRate: cpuMilli * 1_000_000 * (0.7 + this.rng.next() * 0.6), memBase: memMiB * 1_048_576 * (0.8 + this.rng.next() * 0.3),
			memLimit: memMiB * 2 * 1_048_576, countdown: 0, hostile: false, rev: 0,
		};
		if (given) Object.assign(container, {labels: {...given.labels}, annotations: {...given.annotations}, logPath: given.logPath, byName: given.byName});
		this.containers.set(container.id, container);
		this.changed(container);
		this.emit('CONTAINER_CREATED_EVENT', container);
		if (state === 'CONTAINER_RUNNING') this.emit('CONTAINER_STARTED_EVENT', container);
		else container.startedAt = 0n;
		return container;
	}

	/** StartContainer: a created container runs from now. */
	startContainer(container: SimContainer) {
		container.state = 'CONTAINER_RUNNING';
		container.startedAt = this.now();
		container.pid = this.nextPid++;
		this.changed(container);
		this.emit('CONTAINER_STARTED_EVENT', container);
	}

	private finish(container: SimContainer, at: bigint, exitCode: number, reason: string, emit = true) {
		if (container.state === 'CONTAINER_EXITED') return;
		container.state = 'CONTAINER_EXITED';
		container.finishedAt = at;
		container.exitCode = exitCode;
		container.reason = reason;
		container.pid = 0;
		this.changed(container);
		if (emit) this.emit('CONTAINER_STOPPED_EVENT', container);
	}

	// ---------- life ----------

	/** One step of life: crash-loopers crash and come back as attempt n+1, jobs come and go. */
	tick(): ModelEvent[] {
		const seen: ModelEvent[] = [];
		const off = this.onEvent(e => seen.push(e));
		this.tickCount++;
		const now = this.now();
		for (const container of [...this.containers.values()]) {
			if (container.behaviour === 'crashloop' && container.attempt === this.latestAttempt(container)) this.stepCrashLoop(container, now);
			else if (container.behaviour === 'job' && container.state === 'CONTAINER_RUNNING' && --container.countdown <= 0) {
				this.finish(container, now, 0, 'Completed');
				const pod = this.pods.get(container.podId);
				if (pod) this.setPodState(pod, 'SANDBOX_NOTREADY');
			}
		}
		if (this.options.containers > 0 && this.tickCount % 5 === 0) this.jobLife(now);
		off();
		return seen;
	}

	private latestAttempt(container: SimContainer): number {
		let latest = -1;
		for (const c of this.containers.values()) if (c.podId === container.podId && c.name === container.name) latest = Math.max(latest, c.attempt);
		return latest;
	}

	private stepCrashLoop(container: SimContainer, now: bigint) {
		const pod = this.pods.get(container.podId);
		if (!pod || pod.state !== 'SANDBOX_READY' || --container.countdown > 0) return;
		if (container.state === 'CONTAINER_RUNNING') {
			container.message = 'panic: dial tcp 10.96.0.10:5432: connect: connection refused';
			this.finish(container, now, 1, 'Error');
			container.countdown = 2; // back-off before the kubelet's next attempt
			return;
		}
		// The kubelet creates attempt n+1 and garbage-collects all but the last dead one.
		for (const old of [...this.containers.values()]) {
			if (old.podId === container.podId && old.name === container.name && old.attempt < container.attempt) this.removeContainer(old.id);
		}
		const next = this.createContainer(pod, container.name, container.attempt + 1, container.image, 'crashloop', now, 80, 160);
		next.countdown = 2;
	}

	private jobLife(now: bigint) {
		const job = storyWorkloads.find(w => w.kind === 'Job')!;
		const jobs = [...this.pods.values()].filter(p => p.workload === job);
		// Tear down the oldest finished job pod once more than two are kept (as the Job's history limit does).
		const finished = jobs.filter(p => p.state === 'SANDBOX_NOTREADY');
		if (finished.length >= 2) {
			const oldest = finished.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
			this.removePod(oldest.id);
		}
		const pod = this.createPod(job, this.podName(job), now);
		const c = this.createContainer(pod, 'report', 0, this.imageByRef.get(baseImages.busybox.ref)!, 'job', now + 500_000_000n, 200, 20);
		c.countdown = this.rng.int(1, 3);
	}

	// ---------- operations (the mutating RPCs) ----------

	setPodState(pod: SimPod, state: SimPod['state']) {
		if (pod.state === state) return;
		pod.state = state;
		this.changed();
	}

	stopContainer(id: string) {
		const container = this.containers.get(id);
		if (!container || container.state === 'CONTAINER_EXITED') return;
		const pod = this.pods.get(container.podId);
		const stubborn = pod?.stubborn ?? false;
		this.finish(container, this.now(), stubborn ? 137 : 0, stubborn ? 'Error' : 'Completed');
	}

	/** StopPodSandbox: containerd SIGKILLs the app containers (137), CRI-O stops them after SIGTERM
	 * (143); cri-dockerd leaves them running in the NotReady pod. */
	stopPod(id: string) {
		const pod = this.pods.get(id);
		if (!pod) return;
		const how = this.spec.stopPodContainers;
		if (how !== 'leave-running') {
			for (const c of this.containers.values()) if (c.podId === id && c.state !== 'CONTAINER_EXITED') this.finish(c, this.now(), how, 'Error');
		}
		if (pod.state !== 'SANDBOX_NOTREADY') {
			this.setPodState(pod, 'SANDBOX_NOTREADY');
			this.emitPod('CONTAINER_STOPPED_EVENT', pod);
		}
	}

	removeContainer(id: string): SimContainer | undefined {
		const container = this.containers.get(id);
		if (!container) return undefined;
		this.finish(container, this.now(), 137, 'Error');
		this.containers.delete(id);
		this.changed();
		this.emit('CONTAINER_DELETED_EVENT', container);
		return container;
	}

	removePod(id: string): SimContainer[] {
		const removed: SimContainer[] = [];
		for (const c of [...this.containers.values()]) if (c.podId === id) removed.push(this.removeContainer(c.id)!);
		const pod = this.pods.get(id);
		if (pod && this.pods.delete(id)) {
			this.changed();
			this.emitPod('CONTAINER_DELETED_EVENT', pod);
		}
		return removed;
	}

	/** Containers whose image is `image`, for RemoveImage's in-use check. */
	imageUsers(image: SimImage): SimContainer[] {
		return [...this.containers.values()].filter(c => c.image === image);
	}

	removeImage(image: SimImage) {
		this.images.delete(image.hex);
		for (const ref of [image.ref, ...image.extraRefs]) this.imageByRef.delete(ref);
		this.changed();
	}

	/** After a daemon restart cri-dockerd's pods come back NotReady with their containers exited. */
	daemonRestarted() {
		if (this.spec.restartKeepsPods) return;
		const now = this.now();
		for (const c of this.containers.values()) this.finish(c, now, 255, 'Error');
		for (const pod of this.pods.values()) this.setPodState(pod, 'SANDBOX_NOTREADY');
	}

	// ---------- lookups ----------

	/** Exact id or unique prefix (as containerd's truncindex); undefined when absent or ambiguous. */
	findContainer(idOrPrefix: string): SimContainer | undefined {
		return findByPrefix(this.containers, idOrPrefix);
	}

	findPod(idOrPrefix: string): SimPod | undefined {
		return findByPrefix(this.pods, idOrPrefix);
	}

	/** By image id (with or without sha256:, or a unique prefix), full or short reference, or repo digest. */
	findImage(ref: string): SimImage | undefined {
		const byRef = this.imageByRef.get(ref) ?? this.imageByRef.get(normaliseRef(ref));
		if (byRef) return byRef;
		const hex = ref.replace(/^sha256:/, '').replace(/^.*@sha256:/, '');
		for (const image of this.images.values()) if (image.digest === hex && ref.includes('@')) return image;
		return /^[0-9a-f]{6,64}$/.test(hex) ? findByPrefix(this.images, hex) : undefined;
	}
}

function findByPrefix<T>(map: Map<string, T>, key: string): T | undefined {
	if (!key) return undefined;
	const exact = map.get(key);
	if (exact || key.length >= 64) return exact;
	let found: T | undefined;
	for (const [id, value] of map) {
		if (!id.startsWith(key)) continue;
		if (found) return undefined;
		found = value;
	}
	return found;
}

/** `busybox:1.36` → `docker.io/library/busybox:1.36`; a missing tag means `latest`. */
export function normaliseRef(ref: string): string {
	let name = ref;
	if (!/^[^/]+[.:][^/]*\//.test(name) && !name.startsWith('localhost/')) name = `docker.io/${name.includes('/') ? '' : 'library/'}${name}`;
	if (!/:[^/]+$/.test(name) && !name.includes('@')) name += ':latest';
	return name;
}

/** A path segment that is safe on disk: no slash or NUL, at most 200 bytes. */
export function safeSegment(text: string): string {
	const clean = text.replace(/[/\0]/g, '_');
	return Buffer.byteLength(clean) <= 200 ? clean : Buffer.from(clean).subarray(0, 200).toString('utf8').replace(/\uFFFD+$/, '');
}
