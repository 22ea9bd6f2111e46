// Per-container usage from successive ListContainerStats answers. CPU % is the
// change of usageCoreNanoSeconds over the change of its timestamp, × 100, as
// `crictl stats` computes it: every runtime fills that counter, while
// usageNanoCores is containerd-only. Memory is workingSetBytes (what the
// kubelet evicts on). A short history per container feeds the sparklines.
import type {ContainerUsage} from '../format/rows.js';
import type {ContainerState, UsageSample} from '../model/cri-types.js';

export type StatsSample = {
	/** ns since the epoch of the CPU reading, as a double (~256 ns steps today: nothing next to a 2 s round). */
	timestampNs: number;
	/** The CPU counter, ns (exact below 2^53 ns, i.e. 104 days of CPU). */
	cpuNs: number | null;
	memoryBytes: string | null;
};

export type StatsEntry = {
	usage: ContainerUsage;
	/** CPU % of the last samples, oldest first (no entry for the first sample). */
	cpu: number[];
	/** Working-set bytes of the last samples, oldest first. */
	memory: number[];
	last: StatsSample;
};

export type StatsHistory = ReadonlyMap<string, StatsEntry>;

/** Samples kept per container: two minutes at the default 2 s refresh. @default 60 */
export const historyLength = 60;

// Doubles, not BigInt: a CPU % needs no more than 15 digits of either figure, and the decoder
// gives them as doubles (UsageSample), so nothing is parsed here each round.
/** A sample from one ContainerStats (or a pod's); nowNs stands in for a missing CPU timestamp. */
export function sampleOf(stats: Pick<UsageSample, 'cpu' | 'memory'>, nowNs: number): StatsSample {
	return readInto({timestampNs: 0, cpuNs: null, memoryBytes: null}, stats, nowNs);
}

/** sampleOf written into `into`. */
function readInto(into: StatsSample, stats: Pick<UsageSample, 'cpu' | 'memory'>, nowNs: number): StatsSample {
	const timestamp = stats.cpu?.timestampNs;
	const cpuNs = stats.cpu?.coreNs;
	into.timestampNs = timestamp !== undefined && timestamp > 0 ? timestamp : nowNs;
	// A counter is never negative: as with a missing one, no CPU % (NaN: not a decimal number).
	into.cpuNs = cpuNs === undefined || cpuNs === null || !(cpuNs >= 0) ? null : cpuNs;
	into.memoryBytes = stats.memory?.workingSetBytes?.value ?? null;
	return into;
}

/** Where updateHistory reads a known container's sample before laying it over the entry's last. */
const scratch: StatsSample = {timestampNs: 0, cpuNs: null, memoryBytes: null};

/** CPU % between two samples; null when it cannot be known (first sample, no counter, clock or counter went back). */
export function cpuPercent(previous: StatsSample | undefined, current: StatsSample): number | null {
	if (!previous || previous.cpuNs === null || current.cpuNs === null) return null;
	const dt = current.timestampNs - previous.timestampNs;
	const used = current.cpuNs - previous.cpuNs;
	if (dt <= 0 || used < 0) return null;
	return (used / dt) * 100;
}

/**
 * Appends in place, dropping the oldest past `max`: a round used to copy both 60-value lists of
 * every container, garbage that survived (it is the new history) and made each young-generation
 * collection copy it — most of the idle GC at 1,000 containers. The lists are shared with the
 * previous round's entry, which nothing keeps (the StatsView is replaced each round).
 */
const push = (list: number[], value: number, max: number) => {
	list.push(value);
	// shift(), not splice(): splice made an array of what it removed, per list per round.
	while (list.length > max) list.shift();
	return list;
};

/** One container's (or pod's) reading: what the client's ListContainerUsage gives. */
export type StatsInput = UsageSample;

/**
 * The next history from one answer. Only containers in `states` as running get
 * numbers: cri-dockerd lists exited containers with zeros, which would read as
 * "idle" rather than "not running". Containers absent from the answer drop out.
 *
 * A container already in `history` keeps its entry, updated in place (its usage, last sample and
 * lists): a new entry, usage and sample per container per round all outlived the next young
 * collection (they are the new history), so each round copied ~200 KB at 1,000 containers and
 * moved it to the old generation. The Map is new each round, so whatever compares histories or
 * usage views (sort-memo.ts) still sees a round as a change; the previous round's history is
 * not kept by anything (the StatsView is replaced each round).
 */
export function updateHistory(
	history: StatsHistory,
	answer: readonly StatsInput[],
	states: ReadonlyMap<string, ContainerState | string>,
	nowNs: number,
	max = historyLength,
): Map<string, StatsEntry> {
	const next = new Map<string, StatsEntry>();
	for (const item of answer) {
		if (!item.id) continue;
		const state = states.get(item.id);
		if (state !== undefined && state !== 'CONTAINER_RUNNING') continue;
		// A second reading of one ID in the same answer counts against the first.
		const before = next.get(item.id) ?? history.get(item.id);
		const sample = before ? readInto(scratch, item, nowNs) : sampleOf(item, nowNs);
		const cpu = cpuPercent(before?.last, sample);
		const memory = sample.memoryBytes === null ? null : Number(sample.memoryBytes);
		if (before) {
			before.usage.cpuPercent = cpu;
			before.usage.memoryBytes = sample.memoryBytes;
			if (cpu !== null) push(before.cpu, cpu, max);
			if (memory !== null) push(before.memory, memory, max);
			before.last.timestampNs = sample.timestampNs;
			before.last.cpuNs = sample.cpuNs;
			before.last.memoryBytes = sample.memoryBytes;
			next.set(item.id, before);
		} else {
			next.set(item.id, {
				usage: {cpuPercent: cpu, memoryBytes: sample.memoryBytes},
				cpu: cpu === null ? [] : [cpu],
				memory: memory === null ? [] : [memory],
				last: sample,
			});
		}
	}

	return next;
}

/**
 * The usage of each entry, by ID, read through to the history: what a pane and a sort look up.
 * Built in O(1) per round instead of a new 1,000-entry Map of the same objects.
 */
export class UsageView implements ReadonlyMap<string, ContainerUsage> {
	constructor(private readonly history: StatsHistory) {}

	get size(): number {
		return this.history.size;
	}

	get(id: string): ContainerUsage | undefined {
		return this.history.get(id)?.usage;
	}

	has(id: string): boolean {
		return this.history.has(id);
	}

	forEach(fn: (value: ContainerUsage, key: string, map: ReadonlyMap<string, ContainerUsage>) => void, thisArg?: unknown): void {
		for (const [id, entry] of this.history) fn.call(thisArg, entry.usage, id, this);
	}

	* entries(): MapIterator<[string, ContainerUsage]> {
		for (const [id, entry] of this.history) yield [id, entry.usage];
	}

	keys(): MapIterator<string> {
		return this.history.keys();
	}

	* values(): MapIterator<ContainerUsage> {
		for (const entry of this.history.values()) yield entry.usage;
	}

	[Symbol.iterator](): MapIterator<[string, ContainerUsage]> {
		return this.entries();
	}
}

/** Pods whose runtime left CPU and memory null (CRI-O) are skipped. */
export function podInputs(samples: readonly UsageSample[]): UsageSample[] {
	return samples.filter(s => s.cpu || s.memory);
}
