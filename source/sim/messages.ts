// Model objects → CRI messages (source/model/cri-types.ts shapes) for one flavour. List messages are
// cached per object revision so ListContainers at 10k containers only rebuilds what changed.
import path from 'node:path';
import type {Container, ContainerStats, ContainerStatus, Image, PodSandbox, PodSandboxStats, PodSandboxStatus} from '../model/cri-types.js';
import {encodeContainerItem, encodeImageItem, encodePodItem} from './fast-encode.js';
import {shortRef, type FlavourSpec} from './flavours.js';
import type {SimContainer, SimImage, SimModel, SimPod} from './model.js';

export class Messages {
	private readonly containerCache = new WeakMap<SimContainer, {rev: number; msg: Container}>();
	private readonly podCache = new WeakMap<SimPod, {state: string; msg: PodSandbox}>();
	private readonly imageCache = new WeakMap<SimImage, Image>();
	private readonly bytesCache = new WeakMap<object, Buffer>();
	private readonly spec: FlavourSpec;

	constructor(private readonly model: SimModel, private readonly logRoot: string) {
		this.spec = model.spec;
	}

	/** The wire bytes of a list item (a cached Container, PodSandbox or Image message). */
	bytes(msg: Container | PodSandbox | Image, kind: 'container' | 'pod' | 'image'): Buffer {
		const cached = this.bytesCache.get(msg);
		if (cached) return cached;
		const bytes = kind === 'container' ? encodeContainerItem(msg as Container) : kind === 'pod' ? encodePodItem(msg as PodSandbox) : encodeImageItem(msg as Image);
		this.bytesCache.set(msg, bytes);
		return bytes;
	}

	/** A time as the runtime sends it: cri-dockerd's list calls drop the nanoseconds. */
	time(ns: bigint, where: 'list' | 'status' = 'status'): string {
		return (where === 'list' && this.spec.wholeSecondsInLists ? ns - (ns % 1_000_000_000n) : ns).toString();
	}

	/** Container.imageId: empty on containerd 1.6 and cri-dockerd, the image's id on CRI-O. */
	containerImageId(image: SimImage): string {
		return this.spec.containerImageId === 'empty' ? '' : this.imageId(image);
	}

	/** Container.image.image and imageRef. CRI-O pairs them by how the container was made: by name →
	 * (name, bare hex); by ID, as the kubelet does → (hex ID, repo@sha256:digest). */
	private imagePair(c: SimContainer, where: 'list' | 'status'): {image: string; imageRef: string} {
		if (this.spec.imagePairing === 'crio') {
			return c.byName ? {image: c.image.ref, imageRef: c.image.hex} : {image: c.image.hex, imageRef: this.repoDigest(c.image)};
		}
		const image = where === 'list' ? this.imageId(c.image) : this.spec.statusImageShort ? shortRef(c.image.ref) : c.image.ref;
		return {image, imageRef: this.imageRef(c.image, where)};
	}

	imageId(image: SimImage): string {
		return this.spec.imageId === 'bare' ? image.hex : `sha256:${image.hex}`;
	}

	private repoDigest(image: SimImage): string {
		return `${image.ref.replace(/:[^/:]+$/, '')}@sha256:${image.digest}`;
	}

	private imageRef(image: SimImage, where: 'list' | 'status'): string {
		const form = where === 'list' ? this.spec.imageRefList : this.spec.imageRefStatus;
		if (form === 'digest') return this.repoDigest(image);
		return form === 'docker-id' ? `docker://sha256:${image.hex}` : `sha256:${image.hex}`;
	}

	private podLabels(pod: SimPod): Record<string, string> {
		if (!this.spec.addsPodLabels) return pod.labels;
		return {...pod.labels, 'io.kubernetes.container.name': 'POD', 'io.kubernetes.pod.name': pod.name, 'io.kubernetes.pod.namespace': pod.namespace, 'io.kubernetes.pod.uid': pod.uid};
	}

	pod(pod: SimPod): PodSandbox {
		const cached = this.podCache.get(pod);
		if (cached && cached.state === pod.state) return cached.msg;
		const msg: PodSandbox = {
			id: pod.id,
			metadata: {name: pod.name, uid: pod.uid, namespace: pod.namespace, attempt: pod.attempt},
			state: pod.state, createdAt: this.time(pod.createdAt, 'list'),
			labels: this.podLabels(pod), annotations: pod.annotations, runtimeHandler: '',
		};
		this.podCache.set(pod, {state: pod.state, msg});
		return msg;
	}

	podStatus(pod: SimPod): PodSandboxStatus {
		return {
			...this.pod(pod),
			createdAt: this.time(pod.createdAt),
			network: {ip: pod.ip, additionalIps: []},
			linux: {namespaces: {options: {network: pod.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', ipc: 'POD', targetId: ''}}},
		};
	}

	podInfo(pod: SimPod): Record<string, string> {
		if (!this.spec.podInfo) return {};
		const info = this.spec.containerInfo === 'containerd'
			? {pid: pod.pid, processStatus: pod.state === 'SANDBOX_READY' ? 'running' : 'stopped', netNamespaceClosed: pod.state !== 'SANDBOX_READY', image: this.spec.pauseImage, snapshotKey: pod.id, snapshotter: 'overlayfs', runtimeHandler: '', runtimeType: 'io.containerd.runc.v2', runtimeOptions: {systemd_cgroup: true}, config: {metadata: {name: pod.name, uid: pod.uid, namespace: pod.namespace}, log_directory: path.join(this.logRoot, pod.logDir), labels: pod.labels}, runtimeSpec: runtimeSpec(['/pause'], pod.name)}
			: {image: this.spec.pauseImage, pid: pod.pid, runtimeSpec: runtimeSpec(['/pause'], pod.name)};
		return {info: JSON.stringify(info)};
	}

	container(c: SimContainer): Container {
		const cached = this.containerCache.get(c);
		if (cached && cached.rev === c.rev) return cached.msg;
		const pair = this.imagePair(c, 'list');
		const msg: Container = {
			id: c.id, podSandboxId: c.podId,
			metadata: {name: c.name, attempt: c.attempt},
			image: imageSpec(pair.image),
			imageRef: pair.imageRef,
			state: c.state, createdAt: this.time(c.createdAt, 'list'),
			labels: c.labels, annotations: c.annotations,
			imageId: this.containerImageId(c.image),
		};
		this.containerCache.set(c, {rev: c.rev, msg});
		return msg;
	}

	logPath(c: SimContainer): string {
		const pod = this.model.pods.get(c.podId);
		return path.join(this.logRoot, pod?.logDir ?? 'gone', c.logPath);
	}

	containerStatus(c: SimContainer): ContainerStatus {
		const pair = this.imagePair(c, 'status');
		const finished = c.state === 'CONTAINER_EXITED' ? c.finishedAt : this.spec.runningFinishedAt;
		return {
			id: c.id, metadata: {name: c.name, attempt: c.attempt}, state: c.state,
			createdAt: this.time(c.createdAt),
			startedAt: c.state === 'CONTAINER_CREATED' ? '0' : this.time(c.startedAt),
			finishedAt: this.time(finished),
			// userSpecifiedImage came back empty on all three runtimes.
			exitCode: c.exitCode, image: imageSpec(pair.image),
			imageRef: pair.imageRef, reason: c.reason, message: c.message,
			labels: c.labels, annotations: c.annotations,
			mounts: [{containerPath: '/var/run/secrets/kubernetes.io/serviceaccount', hostPath: `/var/lib/kubelet/pods/${c.labels['io.kubernetes.pod.uid']}/volumes/kubernetes.io~projected/kube-api-access`, readonly: true}],
			logPath: this.logPath(c), imageId: this.containerImageId(c.image),
			resources: this.spec.containerResources ? {linux: {cpuPeriod: '100000', cpuQuota: String(Math.round(c.cpuRate / 10_000) || 0), cpuShares: '2', memoryLimitInBytes: String(c.memLimit), oomScoreAdj: '1000', cpusetCpus: '', cpusetMems: '', unified: {}, memorySwapLimitInBytes: String(c.memLimit)}} : null,
			user: this.spec.containerUser ? {linux: {uid: '0', gid: '0', supplementalGroups: ['0', '1', '2', '3', '4', '6', '10', '11', '20', '26', '27']}} : null,
		};
	}

	containerInfo(c: SimContainer): Record<string, string> {
		const spec = runtimeSpec(['/bin/sh', '-c', c.name], c.name);
		const info = this.spec.containerInfo === 'containerd'
			? {sandboxID: c.podId, pid: c.pid, removing: false, snapshotKey: c.id, snapshotter: 'overlayfs', runtimeType: 'io.containerd.runc.v2', runtimeOptions: {systemd_cgroup: true}, config: {metadata: {name: c.name, attempt: c.attempt}, image: {image: this.imageId(c.image)}, labels: c.labels, annotations: c.annotations, log_path: c.logPath}, runtimeSpec: spec}
			: this.spec.containerInfo === 'cri-o'
				? {sandboxID: c.podId, pid: c.pid, privileged: false, runtimeSpec: spec}
				: {sandboxID: c.podId, pid: c.pid};
		return {info: JSON.stringify(info)};
	}

	image(image: SimImage): Image {
		const cached = this.imageCache.get(image);
		if (cached) return cached;
		const refs = [image.ref, ...image.extraRefs];
		const msg: Image = {
			id: this.imageId(image),
			repoTags: refs.map(ref => (this.spec.repoTags === 'short' ? shortRef(ref) : ref)),
			repoDigests: this.spec.repoDigests ? refs.map(() => this.repoDigest(image)).slice(0, 1) : [],
			size: String(image.size), uid: null, username: '', spec: null,
			pinned: this.spec.pinsPause && image.ref === this.spec.pauseImage,
		};
		this.imageCache.set(image, msg);
		return msg;
	}

	imageInfo(image: SimImage): Record<string, string> {
		return {info: JSON.stringify({chainID: `sha256:${image.digest}`, imageSpec: {architecture: 'amd64', os: 'linux', config: {Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']}}})};
	}

	/** Stats at this instant: CPU is a pure function of time so any two samples give a true rate. */
	containerStats(c: SimContainer, now: bigint): ContainerStats {
		const ts = now.toString();
		const running = c.state === 'CONTAINER_RUNNING';
		const end = running ? now : c.finishedAt;
		const seconds = Number(end - c.startedAt) / 1e9;
		const cpuTotal = BigInt(Math.max(0, Math.floor(c.cpuRate * seconds)));
		const wave = 1 + 0.15 * Math.sin(Number(now / 1_000_000n) / 7000 + c.pid);
		const workingSet = Math.floor(c.memBase * wave);
		const zero = !running && this.spec.stats.exited === 'zeros';
		const value = (n: number | bigint) => ({value: String(zero ? 0 : n)});
		const attributes = {id: c.id, metadata: {name: c.name, attempt: c.attempt}, labels: c.labels, annotations: c.annotations};
		const writableLayer = {timestamp: ts, fsId: {mountpoint: '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs'}, usedBytes: value(32_768 + (c.pid % 97) * 4096), inodesUsed: value(12 + (c.pid % 13))};
		// containerd 1.6 lists an exited container with only its attributes and writable layer.
		if (!running && this.spec.stats.exited === 'null') return {attributes, cpu: null, memory: null, writableLayer};
		return {
			attributes,
			cpu: {timestamp: ts, usageCoreNanoSeconds: value(cpuTotal), usageNanoCores: this.spec.stats.usageNanoCores ? value(Math.floor(c.cpuRate * wave)) : null},
			memory: this.spec.stats.fullMemory
				? {timestamp: ts, workingSetBytes: value(workingSet), availableBytes: value(Math.max(0, c.memLimit - workingSet)), usageBytes: value(Math.floor(workingSet * 1.2)), rssBytes: value(Math.floor(workingSet * 0.8)), pageFaults: value(Math.floor(seconds * 31)), majorPageFaults: value(3)} as ContainerStats['memory']
				: {timestamp: ts, workingSetBytes: value(workingSet), availableBytes: null, usageBytes: null, rssBytes: null},
			writableLayer,
		};
	}

	podStats(pod: SimPod, containers: SimContainer[], now: bigint, nullable: boolean): PodSandboxStats {
		const stats = containers.map(c => this.containerStats(c, now));
		const sum = (pick: (s: ContainerStats) => string | undefined) => String(stats.reduce((n, s) => n + BigInt(pick(s) ?? '0'), 0n));
		const ts = now.toString();
		// CRI-O leaves pod-level cpu/memory null on some pods; which ones is fixed by the id.
		const blank = nullable && parseInt(pod.id[0], 16) % 2 === 0;
		return {
			attributes: {id: pod.id, metadata: {name: pod.name, uid: pod.uid, namespace: pod.namespace, attempt: pod.attempt}, labels: this.podLabels(pod), annotations: pod.annotations},
			linux: {
				cpu: blank ? null : {timestamp: ts, usageCoreNanoSeconds: {value: sum(s => s.cpu?.usageCoreNanoSeconds?.value)}, usageNanoCores: this.spec.stats.usageNanoCores ? {value: sum(s => s.cpu?.usageNanoCores?.value)} : null},
				memory: blank ? null : {timestamp: ts, workingSetBytes: {value: sum(s => s.memory?.workingSetBytes?.value)}, availableBytes: null, usageBytes: null, rssBytes: null},
				containers: stats,
			},
		};
	}
}

function imageSpec(image: string) {
	return {image, annotations: {}, userSpecifiedImage: '', runtimeHandler: '', imageRef: ''};
}

function runtimeSpec(args: string[], hostname: string) {
	return {ociVersion: '1.0.2-dev', process: {user: {uid: 0, gid: 0}, args, env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HOSTNAME=${hostname}`], cwd: '/'}, root: {path: 'rootfs'}, hostname, linux: {namespaces: [{type: 'pid'}, {type: 'ipc'}, {type: 'uts'}, {type: 'mount'}, {type: 'network'}]}};
}
