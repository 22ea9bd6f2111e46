// The simulated node's data: what a pod, a container and an image are, the events the model
// emits, and the options it is made with. Plain data; model.ts holds and changes it.
import type {Flavor} from './flavours.js';
import type {Behaviour, ImageShell, WorkloadSeed} from './seed-data.js';
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

/** Nanoseconds since the epoch with sub-millisecond resolution. */
export function realClock(): () => bigint {
	const base = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
	return () => base + process.hrtime.bigint();
}
