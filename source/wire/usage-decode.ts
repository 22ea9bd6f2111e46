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

// Every nested message is read by entering it on the one Reader (enter/leave), not through a Reader
// of its own: six per container were most of a round's garbage.

/** UInt64Value{uint64 value = 1}; merged into `into` when the field repeats, as protobufjs does. */
function uint64Value(r: Reader, into: {value: string} | null): {value: string} {
	const outer = r.enter();
	const out = into ?? {value: '0'};
	while (r.pos < r.end) {
		const tag = r.varint();
		if (tag === 8) out.value = r.long(false);
		else if (tag >>> 3 === 1) throw new Malformed('UInt64Value wire type');
		else r.skip(tag & 7);
	}
	r.leave(outer);
	return out;
}

/** UInt64Value{uint64 value = 1} as a double (0 when unset); `into` is the value so far when the field repeats. */
function uint64Number(r: Reader, into: number | null): number {
	const outer = r.enter();
	let out = into ?? 0;
	while (r.pos < r.end) {
		const tag = r.varint();
		if (tag === 8) out = r.longNumber(false);
		else if (tag >>> 3 === 1) throw new Malformed('UInt64Value wire type');
		else r.skip(tag & 7);
	}
	r.leave(outer);
	return out;
}

/** CpuUsage{int64 timestamp = 1; UInt64Value usage_core_nano_seconds = 2; …}, as doubles (UsageSample). */
function cpu(r: Reader, into: Cpu | null): Cpu {
	const outer = r.enter();
	const out = into ?? {timestampNs: 0, coreNs: null};
	while (r.pos < r.end) {
		const tag = r.varint();
		switch (tag >>> 3) {
			case 1: r.expect(tag, 0); out.timestampNs = r.longNumber(true); break;
			case 2: r.expect(tag, 2); out.coreNs = uint64Number(r, out.coreNs); break;
			case 3: r.expect(tag, 2); r.skip(2); break;
			default: r.skip(tag & 7);
		}
	}
	r.leave(outer);
	return out;
}

/** MemoryUsage{int64 timestamp = 1; UInt64Value working_set_bytes = 2; …}. */
function memory(r: Reader, into: Memory | null): Memory {
	const outer = r.enter();
	const out = into ?? {workingSetBytes: null};
	while (r.pos < r.end) {
		const tag = r.varint();
		const field = tag >>> 3;
		if (field === 1) {
			r.expect(tag, 0);
			// The memory timestamp is not shown: skipped without making its string.
			r.skip(0);
		} else if (field === 2) {
			r.expect(tag, 2);
			out.workingSetBytes = uint64Value(r, out.workingSetBytes);
		} else if (field >= 3 && field <= 7) {
			r.expect(tag, 2);
			r.skip(2);
		} else r.skip(tag & 7);
	}
	r.leave(outer);
	return out;
}

/**
 * The IDs of the last answer of one kind, by position: an ID whose bytes equal the one at the same
 * place last round (the usual case: runtimes list in a stable order) is that string again, not a
 * new one. The history's lookups then hit the same string, whose hash is already known.
 */
type IdMemo = {last: string[]; next: string[]};

/** The string `id` stands for when the bytes at [start, end) are its UTF-8 (one-byte characters only). */
function sameId(buf: Buffer, start: number, end: number, id: string | undefined): boolean {
	if (id === undefined || id.length !== end - start) return false;
	for (let i = 0; i < id.length; i++) if (buf[start + i] !== id.charCodeAt(i) || id.charCodeAt(i) > 127) return false;
	return true;
}

/** ContainerAttributes / PodSandboxAttributes: only `string id = 1` is read. */
function attributesId(r: Reader, id: string, ids: IdMemo): string {
	const outer = r.enter();
	while (r.pos < r.end) {
		const tag = r.varint();
		const field = tag >>> 3;
		if (field === 1) {
			r.expect(tag, 2);
			const end = r.span();
			const known = ids.last[ids.next.length];
			id = sameId(r.buf, r.pos, end, known) ? known! : r.buf.toString('utf8', r.pos, end);
			r.pos = end;
		} else if (field >= 2 && field <= 4) {
			r.expect(tag, 2);
			r.skip(2);
		} else r.skip(tag & 7);
	}
	r.leave(outer);
	return id;
}

/** ContainerStats{attributes = 1; cpu = 2; memory = 3; writable_layer = 4; swap = 5}. */
function containerStats(r: Reader, ids: IdMemo): UsageSample {
	const outer = r.enter();
	const s: UsageSample = {id: '', cpu: null, memory: null};
	while (r.pos < r.end) {
		const tag = r.varint();
		switch (tag >>> 3) {
			case 1: r.expect(tag, 2); s.id = attributesId(r, s.id, ids); break;
			case 2: r.expect(tag, 2); s.cpu = cpu(r, s.cpu); break;
			case 3: r.expect(tag, 2); s.memory = memory(r, s.memory); break;
			case 4: case 5: r.expect(tag, 2); r.skip(2); break;
			default: r.skip(tag & 7);
		}
	}
	r.leave(outer);
	return s;
}

/** PodSandboxStats{attributes = 1; LinuxPodSandboxStats linux = 2 {cpu = 1; memory = 2; …}; windows = 3}. */
function podStats(r: Reader, ids: IdMemo): UsageSample {
	const outer = r.enter();
	const s: UsageSample = {id: '', cpu: null, memory: null};
	while (r.pos < r.end) {
		const tag = r.varint();
		const field = tag >>> 3;
		if (field === 1) {
			r.expect(tag, 2);
			s.id = attributesId(r, s.id, ids);
		} else if (field === 2) {
			r.expect(tag, 2);
			const linux = r.enter();
			while (r.pos < r.end) {
				const t = r.varint();
				switch (t >>> 3) {
					case 1: r.expect(t, 2); s.cpu = cpu(r, s.cpu); break;
					case 2: r.expect(t, 2); s.memory = memory(r, s.memory); break;
					case 3: case 4: case 5: r.expect(t, 2); r.skip(2); break;
					default: r.skip(t & 7);
				}
			}
			r.leave(linux);
		} else if (field === 3) {
			r.expect(tag, 2);
			r.skip(2);
		} else r.skip(tag & 7);
	}
	r.leave(outer);
	return s;
}

/** `repeated … stats = 1` of a stats answer, each item read by `item`; `ids` remembers this answer's IDs for the next. */
function each(buf: Buffer, item: (r: Reader, ids: IdMemo) => UsageSample, ids: IdMemo): UsageSample[] {
	const r = new Reader(buf, 0, buf.length);
	const out: UsageSample[] = [];
	ids.next = [];
	while (r.pos < r.end) {
		const tag = r.varint();
		if (tag >>> 3 !== 1) {
			r.skip(tag & 7);
			continue;
		}
		r.expect(tag, 2);
		const sample = item(r, ids);
		ids.next.push(sample.id);
		out.push(sample);
	}
	// Only a whole answer is remembered: one that threw leaves the last good one.
	ids.last = ids.next;
	return out;
}

const containerIds: IdMemo = {last: [], next: []};
const podIds: IdMemo = {last: [], next: []};

/** ListContainerStatsResponse → one sample per container, in answer order. */
export function decodeContainerUsage(buf: Buffer): UsageSample[] {
	return each(buf, containerStats, containerIds);
}

/** ListPodSandboxStatsResponse → one sample per pod, in answer order (cpu and memory null without linux stats). */
export function decodePodUsage(buf: Buffer): UsageSample[] {
	return each(buf, podStats, podIds);
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
