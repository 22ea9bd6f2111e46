// CPU % and MEM per pod for the pods pane. The runtime's own pod stats
// (ListPodSandboxStats) where it gives numbers; otherwise the sum of the pod's
// running containers' usage, i.e. the sum of what `crictl stats` shows for
// them (containerd 1.6 fails the pod call, cri-dockerd has no stats at all,
// CRI-O may leave a pod's numbers null). The sum leaves out the pod's own
// overhead (pause container, cgroup), so the pane says when it shows sums.
import type {ContainerUsage} from '../format/rows.js';
import type {Container} from '../model/cri-types.js';
import type {StatsHistory} from './stats-history.js';

/** Where a pod's numbers came from, per pane: 'pod' all from pod stats, 'sum' all summed, 'mixed' both. */
export type PodUsageSource = 'pod' | 'sum' | 'mixed';

export type PodUsage = {usage: ReadonlyMap<string, ContainerUsage>; source: PodUsageSource | null};

/**
 * Usage per pod ID. `containerUsage` is per container ID (running ones only,
 * as the stats history keeps them); pods without any number are left out.
 */
export function podUsage(
	podStats: StatsHistory,
	containerUsage: ReadonlyMap<string, ContainerUsage> | undefined,
	containers: readonly Container[],
): PodUsage {
	const usage = new Map<string, ContainerUsage>();
	let fromPod = false;
	let summed = false;
	for (const [id, entry] of podStats) {
		if (entry.usage.cpuPercent === null && entry.usage.memoryBytes === null) continue;
		usage.set(id, entry.usage);
		fromPod = true;
	}

	if (containerUsage && containerUsage.size > 0) {
		const sums = new Map<string, {cpu: number | null; mem: bigint | null}>();
		for (const c of containers) {
			if (usage.has(c.podSandboxId)) continue;
			const u = containerUsage.get(c.id);
			if (!u) continue;
			const sum = sums.get(c.podSandboxId) ?? {cpu: null, mem: null};
			if (u.cpuPercent !== null) sum.cpu = (sum.cpu ?? 0) + u.cpuPercent;
			if (u.memoryBytes !== null && /^\d+$/.test(u.memoryBytes)) sum.mem = (sum.mem ?? 0n) + BigInt(u.memoryBytes);
			sums.set(c.podSandboxId, sum);
		}

		for (const [id, sum] of sums) {
			if (sum.cpu === null && sum.mem === null) continue;
			usage.set(id, {cpuPercent: sum.cpu, memoryBytes: sum.mem === null ? null : String(sum.mem)});
			summed = true;
		}
	}

	const source: PodUsageSource | null = fromPod && summed ? 'mixed' : fromPod ? 'pod' : summed ? 'sum' : null;
	return {usage, source};
}
