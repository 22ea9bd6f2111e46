// The first calls' own messages without protobufjs: the Version and Status requests encoded and
// their answers decoded by hand, so the dashboard's first frame (and a print) needs no protobufjs
// at all (its schema root, and the encoders and decoders it generates with new Function, which no
// code cache holds: ~25-35 CPU-ms of every start, profiled). The results are exactly proto-loader's
// (defaults filled, absent messages null, its key order); anything unusual — the verbose answer's
// info map, a wire type the schema does not give, truncation — throws Malformed and protobufjs
// decides, as before (proto.ts).
import type {StatusResponse, VersionResponse} from '../model/cri-types.js';
import {Malformed, Reader} from './proto-reader.js';

/**
 * Refuses a varint of more than 5 bytes at the cursor: protobufjs reads a tag, a length or a bool
 * as uint32, which takes 5 bytes and then skips 5 more whatever they hold, so such bytes are left
 * to it.
 */
function short(r: Reader): Reader {
	for (let i = r.pos; i < r.pos + 5 && i < r.end; i++) if (r.buf[i]! < 128) return r;
	throw new Malformed('varint longer than protobufjs reads as uint32');
}

/** The next tag, refusing field 0 (no schema has it): protobufjs decides such bytes. */
function nextTag(r: Reader): number {
	const tag = short(r).varint();
	if (tag >>> 3 === 0) throw new Malformed('field 0');
	return tag;
}

/** protobufjs's bool(): the low 32 bits of the varint, not zero. */
function bool(r: Reader, tag: number): boolean {
	r.expect(tag, 0);
	return short(r).uint32() !== 0;
}

function string(r: Reader, tag: number): string {
	r.expect(tag, 2);
	return short(r).string();
}

/** Past an unknown field (a newer runtime's), its length read as protobufjs reads it. */
function skip(r: Reader, tag: number): void {
	if ((tag & 7) === 2) short(r);
	r.skip(tag & 7);
}

function sub(r: Reader, tag: number): Reader {
	r.expect(tag, 2);
	return short(r).sub();
}

export function decodeVersionResponse(buf: Buffer): VersionResponse {
	const r = new Reader(buf, 0, buf.length);
	const v = {version: '', runtimeName: '', runtimeVersion: '', runtimeApiVersion: ''};
	while (r.pos < r.end) {
		const tag = nextTag(r);
		switch (tag >>> 3) {
			case 1: v.version = string(r, tag); break;
			case 2: v.runtimeName = string(r, tag); break;
			case 3: v.runtimeVersion = string(r, tag); break;
			case 4: v.runtimeApiVersion = string(r, tag); break;
			default: skip(r, tag);
		}
	}
	return v;
}

/** A message of two bool fields (1 and 2), as proto-loader gives it under `names`. */
function twoBools<A extends string, B extends string>(r: Reader, a: A, b: B): Record<A | B, boolean> {
	const o = {[a]: false, [b]: false} as Record<A | B, boolean>;
	while (r.pos < r.end) {
		const tag = nextTag(r);
		switch (tag >>> 3) {
			case 1: o[a] = bool(r, tag); break;
			case 2: o[b] = bool(r, tag); break;
			default: skip(r, tag);
		}
	}
	return o;
}

function condition(r: Reader) {
	const c = {type: '', status: false, reason: '', message: ''};
	while (r.pos < r.end) {
		const tag = nextTag(r);
		switch (tag >>> 3) {
			case 1: c.type = string(r, tag); break;
			case 2: c.status = bool(r, tag); break;
			case 3: c.reason = string(r, tag); break;
			case 4: c.message = string(r, tag); break;
			default: skip(r, tag);
		}
	}
	return c;
}

function runtimeStatus(r: Reader) {
	const s = {conditions: [] as Array<ReturnType<typeof condition>>};
	while (r.pos < r.end) {
		const tag = nextTag(r);
		if (tag >>> 3 === 1) {
			s.conditions.push(condition(sub(r, tag)));
		} else skip(r, tag);
	}
	return s;
}

function runtimeHandler(r: Reader) {
	const h: {name: string; features: Record<'recursiveReadOnlyMounts' | 'userNamespaces', boolean> | null} = {name: '', features: null};
	while (r.pos < r.end) {
		const tag = nextTag(r);
		switch (tag >>> 3) {
			case 1: h.name = string(r, tag); break;
			// A message given twice is the last one, as protobufjs decodes it (no merging).
			case 2: h.features = twoBools(sub(r, tag), 'recursiveReadOnlyMounts', 'userNamespaces'); break;
			default: skip(r, tag);
		}
	}
	return h;
}

/** A Status answer without its info map (the non-verbose one); with one, Malformed: protobufjs decodes it. */
export function decodeStatusResponse(buf: Buffer): StatusResponse {
	const r = new Reader(buf, 0, buf.length);
	// proto-loader's key order: repeated fields, then maps, then the rest.
	const s = {
		runtimeHandlers: [] as Array<ReturnType<typeof runtimeHandler>>,
		info: {},
		status: null as ReturnType<typeof runtimeStatus> | null,
		features: null as Record<'supplementalGroupsPolicy' | 'userNamespacesHostNetwork', boolean> | null,
	};
	while (r.pos < r.end) {
		const tag = nextTag(r);
		switch (tag >>> 3) {
			case 1: s.status = runtimeStatus(sub(r, tag)); break;
			case 2: throw new Malformed('info map: protobufjs decodes it');
			case 3: s.runtimeHandlers.push(runtimeHandler(sub(r, tag))); break;
			case 4: s.features = twoBools(sub(r, tag), 'supplementalGroupsPolicy', 'userNamespacesHostNetwork'); break;
			default: skip(r, tag);
		}
	}
	return s;
}

/**
 * The first calls' requests as proto-loader encodes them (fromObject, then encode): a plain
 * object with a string `version` (VersionRequest) or a boolean `verbose` (StatusRequest) and
 * nothing else; undefined for anything else, which protobufjs encodes.
 */
export function encodeStartRequest(type: string, arg: object): Buffer | undefined {
	if (Object.getPrototypeOf(arg) !== Object.prototype) return undefined;
	const keys = Object.keys(arg);
	if (keys.length !== 1) return undefined;
	const value = (arg as Record<string, unknown>)[keys[0]!];
	if (type === 'StatusRequest' && keys[0] === 'verbose' && typeof value === 'boolean') return Buffer.from([0x08, value ? 1 : 0]);
	if (type === 'VersionRequest' && keys[0] === 'version' && typeof value === 'string') {
		const text = Buffer.from(value, 'utf8');
		// Field 1, length-delimited; a version string is short (one-byte length) or left to protobufjs.
		if (text.length > 127) return undefined;
		return Buffer.concat([Buffer.from([0x0a, text.length]), text]);
	}
	return undefined;
}
