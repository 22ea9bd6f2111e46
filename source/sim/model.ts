// The simulated node's state and what changes it: pods, containers and images, created, started,
// stopped and removed, each change an event for the feed. Plain data, no gRPC; messages.ts turns
// it into CRI messages for a flavour. What the node starts with is model-seed.ts, its life on each
// tick model-life.ts. The sequence of events depends only on the seed; timestamps come from the
// clock (real by default, injectable for tests).
import {flavours, type FlavourSpec} from './flavours.js';
import {tick} from './model-life.js';
import {findByPrefix, normaliseRef, safeSegment} from './model-refs.js';
import {populate} from './model-seed.js';
import {realClock, type EventType, type Given, type ModelEvent, type ModelOptions, type SimContainer, type SimImage, type SimPod} from './model-types.js';
import {createRng, shellOf, uuid, type Behaviour, type Rng, type WorkloadSeed} from './seed-data.js';

export * from './model-types.js';
export {normaliseRef, safeSegment} from './model-refs.js';

export class SimModel {
	readonly spec: FlavourSpec;
	readonly pods = new Map<string, SimPod>();
	readonly containers = new Map<string, SimContainer>();
	readonly images = new Map<string, SimImage>();
	/** Bumped on any change: list caches compare against it. */
	revision = 0;
	tickCount = 0;
	readonly now: () => bigint;
	/** The seeded generator (model-seed.ts and model-life.ts draw from it too). */
	readonly rng: Rng;
	private readonly listeners = new Set<(event: ModelEvent) => void>();
	readonly imageByRef = new Map<string, SimImage>();
	private nextPid = 1200;
	private nextIp = 2;
	/** The next Job pod's number (model-seed.ts names them). */
	jobSerial = 0;

	constructor(readonly options: ModelOptions) {
		this.spec = flavours[options.flavor];
		this.rng = createRng(options.seed);
		this.now = options.now ?? realClock();
		populate(this);
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

	/**
	 * The last changes, oldest first: the revision each made and, for a change to one listed
	 * container in place (its state, not its presence), that container. The list answers patch
	 * their last bytes from it instead of rebuilding 10,000 items (list-answer.ts).
	 */
	private readonly recent: Array<{revision: number; container?: SimContainer}> = [];

	private changed(container?: SimContainer, inPlace = container !== undefined) {
		this.revision++;
		if (container) container.rev++;
		this.recent.push({revision: this.revision, container: inPlace ? container : undefined});
		if (this.recent.length > 64) this.recent.shift();
	}

	/**
	 * What changed after `revision`: the containers changed in place, or undefined when anything
	 * else changed (added, removed, a pod, an image) or the change log no longer reaches back.
	 */
	changesSince(revision: number): SimContainer[] | undefined {
		if (revision === this.revision) return [];
		const first = this.recent.findIndex(change => change.revision === revision + 1);
		if (first < 0) return undefined;
		const out: SimContainer[] = [];
		for (let i = first; i < this.recent.length; i++) {
			const c = this.recent[i]!.container;
			if (!c) return undefined;
			out.push(c);
		}
		return out;
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
		this.changed(container, false);
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

	/** The container ends now with `exitCode` (`emit` false while seeding: no event for the past). */
	finish(container: SimContainer, at: bigint, exitCode: number, reason: string, emit = true) {
		if (container.state === 'CONTAINER_EXITED') return;
		container.state = 'CONTAINER_EXITED';
		container.finishedAt = at;
		container.exitCode = exitCode;
		container.reason = reason;
		container.pid = 0;
		this.changed(container);
		if (emit) this.emit('CONTAINER_STOPPED_EVENT', container);
	}

	/** One step of life (model-life.ts): what happened, as events. */
	tick(): ModelEvent[] {
		return tick(this);
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

