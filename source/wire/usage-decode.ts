// Hand decoding of the two stats answers into only what the dashboard shows (UsageSample: ID, CPU
// counter, working set). protobufjs built every ContainerStats in full twice (message, then plain
// object) with each container's labels and annotations, every stats round: at 10,000 containers
// ~5 MB of answer and most of the idle CPU and garbage. Here labels, annotations, the writable
// layer, swap, network and a pod's per-container list are skipped without making a string.
// Values equal protobufjs decode + toObject ({longs: String, defaults: true}) of the same fields
// (the CPU reading as the doubles Number() makes of those strings: usageOfContainer/usageOfPod);
// anything unexpected throws Malformed and the caller decodes with protobufjs instead.
import type {ContainerStats, PodSandboxStats, UsageSample} from '../model/cri-types.js';
import {Malformed, Reader} from './proto-reader.js';

type Cpu = NonNullable<UsageSample['cpu']>;
type Memory = NonNullable<UsageSample['memory']>;

/** UInt64Value{uint64 value = 1}; merged into `into` when the field repeats, as protobufjs does. */
function uint64Value(r: Reader, into: {value: string} | null): {value: string} {
	const m = r.sub();
	const out = into ?? {value: '0'};
	while (m.pos < m.end) {
		const tag = m.varint();
		if (tag === 8) out.value = m.long(false);
		else if (tag >>> 3 === 1) throw new Malformed('UInt64Value wire type');
		else m.skip(tag & 7);
	}
	return out;
}

/** UInt64Value{uint64 value = 1} as a double (0 when unset); `into` is the value so far when the field repeats. */
function uint64Number(r: Reader, into: number | null): number {
	const m = r.sub();
	let out = into ?? 0;
	while (m.pos < m.end) {
		const tag = m.varint();
		if (tag === 8) out = m.longNumber(false);
		else if (tag >>> 3 === 1) throw new Malformed('UInt64Value wire type');
		else m.skip(tag & 7);
	}
	return out;
}

/** CpuUsage{int64 timestamp = 1; UInt64Value usage_core_nano_seconds = 2; …}, as doubles (UsageSample). */
function cpu(r: Reader, into: Cpu | null): Cpu {
	const m = r.sub();
	const out = into ?? {timestampNs: 0, coreNs: null};
	while (m.pos < m.end) {
		const tag = m.varint();
		switch (tag >>> 3) {
			case 1: m.expect(tag, 0); out.timestampNs = m.longNumber(true); break;
			case 2: m.expect(tag, 2); out.coreNs = uint64Number(m, out.coreNs); break;
			case 3: m.expect(tag, 2); m.skip(2); break;
			default: m.skip(tag & 7);
		}
	}
	return out;
}

/** MemoryUsage{int64 timestamp = 1; UInt64Value working_set_bytes = 2; …}. */
function memory(r: Reader, into: Memory | null): Memory {
	const m = r.sub();
	const out = into ?? {workingSetBytes: null};
	while (m.pos < m.end) {
		const tag = m.varint();
		const field = tag >>> 3;
		if (field === 1) {
			m.expect(tag, 0);
			// The memory timestamp is not shown: skipped without making its string.
			m.skip(0);
		} else if (field === 2) {
			m.expect(tag, 2);
			out.workingSetBytes = uint64Value(m, out.workingSetBytes);
		} else if (field >= 3 && field <= 7) {
			m.expect(tag, 2);
			m.skip(2);
		} else m.skip(tag & 7);
	}
	return out;
}

/** ContainerAttributes / PodSandboxAttributes: only `string id = 1` is read. */
function attributesId(r: Reader, id: string): string {
	const m = r.sub();
	while (m.pos < m.end) {
		const tag = m.varint();
		const field = tag >>> 3;
		if (field === 1) {
			m.expect(tag, 2);
			id = m.string();
		} else if (field >= 2 && field <= 4) {
			m.expect(tag, 2);
			m.skip(2);
		} else m.skip(tag & 7);
	}
	return id;
}

/** ContainerStats{attributes = 1; cpu = 2; memory = 3; writable_layer = 4; swap = 5}. */
function containerStats(r: Reader): UsageSample {
	const m = r.sub();
	const s: UsageSample = {id: '', cpu: null, memory: null};
	while (m.pos < m.end) {
		const tag = m.varint();
		switch (tag >>> 3) {
			case 1: m.expect(tag, 2); s.id = attributesId(m, s.id); break;
			case 2: m.expect(tag, 2); s.cpu = cpu(m, s.cpu); break;
			case 3: m.expect(tag, 2); s.memory = memory(m, s.memory); break;
			case 4: case 5: m.expect(tag, 2); m.skip(2); break;
			default: m.skip(tag & 7);
		}
	}
	return s;
}

/** PodSandboxStats{attributes = 1; LinuxPodSandboxStats linux = 2 {cpu = 1; memory = 2; …}; windows = 3}. */
function podStats(r: Reader): UsageSample {
	const m = r.sub();
	const s: UsageSample = {id: '', cpu: null, memory: null};
	while (m.pos < m.end) {
		const tag = m.varint();
		const field = tag >>> 3;
		if (field === 1) {
			m.expect(tag, 2);
			s.id = attributesId(m, s.id);
		} else if (field === 2) {
			m.expect(tag, 2);
			const l = m.sub();
			while (l.pos < l.end) {
				const t = l.varint();
				switch (t >>> 3) {
					case 1: l.expect(t, 2); s.cpu = cpu(l, s.cpu); break;
					case 2: l.expect(t, 2); s.memory = memory(l, s.memory); break;
					case 3: case 4: case 5: l.expect(t, 2); l.skip(2); break;
					default: l.skip(t & 7);
				}
			}
		} else if (field === 3) {
			m.expect(tag, 2);
			m.skip(2);
		} else m.skip(tag & 7);
	}
	return s;
}

/** `repeated … stats = 1` of a stats answer, each item read by `item`. */
function each<T>(buf: Buffer, item: (r: Reader) => T): T[] {
	const r = new Reader(buf, 0, buf.length);
	const out: T[] = [];
	while (r.pos < r.end) {
		const tag = r.varint();
		if (tag >>> 3 !== 1) {
			r.skip(tag & 7);
			continue;
		}
		r.expect(tag, 2);
		out.push(item(r));
	}
	return out;
}

/** ListContainerStatsResponse → one sample per container, in answer order. */
export function decodeContainerUsage(buf: Buffer): UsageSample[] {
	return each(buf, containerStats);
}

/** ListPodSandboxStatsResponse → one sample per pod, in answer order (cpu and memory null without linux stats). */
export function decodePodUsage(buf: Buffer): UsageSample[] {
	return each(buf, podStats);
}

/** A decimal int64/uint64 string (protobufjs, longs: String) as the nearest double; not one: NaN. */
const decimalNumber = (value: string | undefined): number => (value !== undefined && /^-?\d+$/.test(value) ? Number(value) : Number.NaN);

/** The CPU reading of a ContainerStats or a pod's linux stats decoded in full, as the hand decoder gives it. */
function cpuOf(c: ContainerStats['cpu']): Cpu | null {
	if (!c) return null;
	return {timestampNs: decimalNumber(c.timestamp), coreNs: c.usageCoreNanoSeconds ? decimalNumber(c.usageCoreNanoSeconds.value) : null};
}

/** The same sample from a ContainerStats decoded in full (protobufjs fallback, or a traced call). */
export function usageOfContainer(s: ContainerStats): UsageSample {
	return {
		id: s.attributes?.id ?? '',
		cpu: cpuOf(s.cpu),
		memory: s.memory ? {workingSetBytes: s.memory.workingSetBytes} : null,
	};
}

/** The same sample from a PodSandboxStats decoded in full. */
export function usageOfPod(s: PodSandboxStats): UsageSample {
	const {cpu, memory} = s.linux ?? {cpu: null, memory: null};
	return {
		id: s.attributes?.id ?? '',
		cpu: cpuOf(cpu),
		memory: memory ? {workingSetBytes: memory.workingSetBytes} : null,
	};
}
