// Hand-written decoding of the three big list answers (containers, pods, images) into exactly the
// objects protobufjs gives with {longs: String, enums: String, defaults: true}. At 10,000
// containers protobufjs's decode + toObject was most of a refresh; here a fingerprint of each
// item's bytes is the key of a cache holding the previous answer's objects, so an unchanged item
// costs a hash and a lookup and keeps its identity (memoised rows and selectors then skip it).
//
// Anything unexpected (a wire type the schema does not allow, truncation) throws: the caller
// then decodes with protobufjs, so odd input gets exactly the old behaviour.
import type {Container, Image, ImageSpec, PodSandbox, StringMap} from '../model/cri-types.js';
import {hashRange, viewOf} from './byte-hash.js';
import {intern, noAnnotations, sharedMeta, sharedSpec} from './list-sharing.js';
import {Malformed, Reader} from './proto-reader.js';
import {highestTraceDetail} from './trace.js';

const containerStates = ['CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_UNKNOWN'];
const podStates = ['SANDBOX_READY', 'SANDBOX_NOTREADY'];

function enumName(names: string[], value: number): string {
	return names[value] ?? (value as unknown as string);
}

/**
 * Whether listed containers and pods keep their annotations. The dashboard turns it off: no table
 * shows them (inspect asks for the full object), and at 10,000 containers they were ~5 MB of
 * strings held for nothing. While the trace keeps answers they are kept, so it shows what came.
 */
let annotationsWanted = true;
/** For the answer being decoded (set by the decoder before each answer). */
let dropAnnotations = false;

/** The dashboard's setting: lists without annotations (`false`), or in full (`true`, the default). */
export function setListAnnotations(keep: boolean): void {
	annotationsWanted = keep;
}

/** A length-delimited field the schema allows, not kept. */
function skipField(r: Reader, tag: number): void {
	r.expect(tag, 2);
	r.skip(2);
}

function mapEntry(r: Reader, into: StringMap, shared = false): void {
	const end = r.span();
	const outerEnd = r.end;
	const inner = new Reader(r.buf, r.pos, end);
	let key = '';
	let value = '';
	while (inner.pos < end) {
		const tag = inner.varint();
		if (tag === 10) key = inner.string();
		else if (tag === 18) value = inner.string();
		else if (tag >>> 3 === 1 || tag >>> 3 === 2) throw new Malformed('map entry wire type');
		else inner.skip(tag & 7);
	}
	if (inner.pos !== end || end > outerEnd) throw new Malformed('map entry');
	if (shared) {
		key = intern(key);
		value = intern(value);
	}
	// A label named __proto__ is data, as protobufjs keeps it: an own property, never the prototype.
	if (key === '__proto__') Object.defineProperty(into, key, {value, enumerable: true, writable: true, configurable: true});
	else into[key] = value;
	r.pos = end;
}

function imageSpec(r: Reader): ImageSpec {
	const end = r.span();
	const m = new Reader(r.buf, r.pos, end);
	const spec: ImageSpec = {annotations: dropAnnotations ? noAnnotations : {}, image: '', userSpecifiedImage: '', runtimeHandler: '', imageRef: ''};
	while (m.pos < end) {
		const tag = m.varint();
		switch (tag >>> 3) {
			case 1: m.expect(tag, 2); spec.image = intern(m.string()); break;
			case 2: if (dropAnnotations) skipField(m, tag); else { m.expect(tag, 2); mapEntry(m, spec.annotations); } break;
			case 18: m.expect(tag, 2); spec.userSpecifiedImage = m.string(); break;
			case 19: m.expect(tag, 2); spec.runtimeHandler = m.string(); break;
			case 20: m.expect(tag, 2); spec.imageRef = m.string(); break;
			default: m.skip(tag & 7);
		}
	}
	r.pos = end;
	return spec;
}

function container(r: Reader, end: number): Container {
	const c: Container = {
		labels: {}, annotations: dropAnnotations ? noAnnotations : {}, id: '', podSandboxId: '', metadata: null, image: null, imageRef: '',
		state: 'CONTAINER_CREATED', createdAt: '0', imageId: '',
	};
	while (r.pos < end) {
		const tag = r.varint();
		switch (tag >>> 3) {
			case 1: r.expect(tag, 2); c.id = r.string(); break;
			case 2: r.expect(tag, 2); c.podSandboxId = intern(r.string()); break;
			case 3: {
				r.expect(tag, 2);
				const mEnd = r.span();
				const m = new Reader(r.buf, r.pos, mEnd);
				const metadata = {name: '', attempt: 0};
				while (m.pos < mEnd) {
					const t = m.varint();
					if (t === 10) metadata.name = intern(m.string());
					else if (t === 16) metadata.attempt = m.uint32();
					else if (t >>> 3 === 1 || t >>> 3 === 2) throw new Malformed('metadata wire type');
					else m.skip(t & 7);
				}
				c.metadata = dropAnnotations ? sharedMeta(metadata) : metadata;
				r.pos = mEnd;
				break;
			}
			case 4: {
				r.expect(tag, 2);
				const spec = imageSpec(r);
				c.image = dropAnnotations ? sharedSpec(spec) : spec;
				break;
			}
			case 5: r.expect(tag, 2); c.imageRef = intern(r.string()); break;
			case 6: r.expect(tag, 0); c.state = enumName(containerStates, r.uint32() | 0) as Container['state']; break;
			case 7: r.expect(tag, 0); c.createdAt = r.long(true); break;
			case 8: r.expect(tag, 2); mapEntry(r, c.labels, true); break;
			case 9: if (dropAnnotations) skipField(r, tag); else { r.expect(tag, 2); mapEntry(r, c.annotations); } break;
			case 10: r.expect(tag, 2); c.imageId = intern(r.string()); break;
			default: r.skip(tag & 7);
		}
	}
	return c;
}

function pod(r: Reader, end: number): PodSandbox {
	const p: PodSandbox = {labels: {}, annotations: dropAnnotations ? noAnnotations : {}, id: '', metadata: null, state: 'SANDBOX_READY', createdAt: '0', runtimeHandler: ''};
	while (r.pos < end) {
		const tag = r.varint();
		switch (tag >>> 3) {
			// The pod's ID is its containers' podSandboxId, its name, UID and namespace are its and its
			// containers' io.kubernetes.pod.* label values: one string each (~0.5 MB at 10,000 containers).
			case 1: r.expect(tag, 2); p.id = intern(r.string()); break;
			case 2: {
				r.expect(tag, 2);
				const mEnd = r.span();
				const m = new Reader(r.buf, r.pos, mEnd);
				const metadata = {name: '', uid: '', namespace: '', attempt: 0};
				while (m.pos < mEnd) {
					const t = m.varint();
					if (t === 10) metadata.name = intern(m.string());
					else if (t === 18) metadata.uid = intern(m.string());
					else if (t === 26) metadata.namespace = intern(m.string());
					else if (t === 32) metadata.attempt = m.uint32();
					else if (t >>> 3 >= 1 && t >>> 3 <= 4) throw new Malformed('metadata wire type');
					else m.skip(t & 7);
				}
				p.metadata = metadata;
				r.pos = mEnd;
				break;
			}
			case 3: r.expect(tag, 0); p.state = enumName(podStates, r.uint32() | 0) as PodSandbox['state']; break;
			case 4: r.expect(tag, 0); p.createdAt = r.long(true); break;
			case 5: r.expect(tag, 2); mapEntry(r, p.labels, true); break;
			case 6: if (dropAnnotations) skipField(r, tag); else { r.expect(tag, 2); mapEntry(r, p.annotations); } break;
			case 7: r.expect(tag, 2); p.runtimeHandler = r.string(); break;
			default: r.skip(tag & 7);
		}
	}
	return p;
}

function image(r: Reader, end: number): Image {
	const i: Image = {repoTags: [], repoDigests: [], id: '', size: '0', uid: null, username: '', spec: null, pinned: false};
	while (r.pos < end) {
		const tag = r.varint();
		switch (tag >>> 3) {
			case 1: r.expect(tag, 2); i.id = r.string(); break;
			case 2: r.expect(tag, 2); i.repoTags.push(r.string()); break;
			case 3: r.expect(tag, 2); i.repoDigests.push(r.string()); break;
			case 4: r.expect(tag, 0); i.size = r.long(false); break;
			case 5: {
				r.expect(tag, 2);
				const uEnd = r.span();
				const u = new Reader(r.buf, r.pos, uEnd);
				const uid = {value: '0'};
				while (u.pos < uEnd) {
					const t = u.varint();
					if (t === 8) uid.value = u.long(true);
					else if (t >>> 3 === 1) throw new Malformed('uid wire type');
					else u.skip(t & 7);
				}
				i.uid = uid;
				r.pos = uEnd;
				break;
			}
			case 6: r.expect(tag, 2); i.username = r.string(); break;
			case 7: r.expect(tag, 2); i.spec = imageSpec(r); break;
			case 8: r.expect(tag, 0); i.pinned = r.uint32() !== 0; break;
			default: r.skip(tag & 7);
		}
	}
	return i;
}

export type ListKindName = 'containers' | 'pods' | 'images';

const itemDecoders = {containers: container, pods: pod, images: image} as const;

/** The previous answer: each item's length and fingerprint (not its bytes), and the objects made. */
type Previous<T> = {lengths: number[]; hashes: number[]; items: T[]};

/**
 * A decoder of one list response type (`repeated Item <field> = 1`), remembering the previous
 * answer by fingerprints (byte-hash.ts), not by a copy: an answer whose items all match the
 * previous ones in order gives back the identical response object, and each item whose bytes are
 * unchanged gives back its previous object. Items are matched by position first (lists come back
 * in the same order); those that are not are matched afterwards among the previous items nothing
 * matched (none when one container changed in place, so nothing is indexed), else decoded. No
 * per-item strings are made for an unchanged list.
 */
export function createListDecoder<T>(kind: ListKindName, field: string): (buf: Buffer) => Record<string, T[]> {
	const decodeItem = itemDecoders[kind] as unknown as (r: Reader, end: number) => T;
	let previous: Previous<T> | undefined;
	let lastResponse: Record<string, T[]> | undefined;
	// Whether the previous answer's objects were made without annotations.
	let previousDropped = false;

	const decodeAt = (buf: Buffer, start: number, end: number): T => {
		const r = new Reader(buf, start, end);
		const item = decodeItem(r, end);
		if (r.pos > end) throw new Malformed('item overran');
		return item;
	};

	return buf => {
		// Images keep theirs: a few hundred, and the images pane is theirs.
		dropAnnotations = kind !== 'images' && !annotationsWanted && highestTraceDetail() !== 'payload';
		if (dropAnnotations !== previousDropped) previous = undefined;
		previousDropped = dropAnnotations;
		const prev = previous;
		const view = viewOf(buf);
		const r = new Reader(buf, 0, buf.length);
		const items: T[] = [];
		const lengths: number[] = [];
		const hashes: number[] = [];
		// Previous items matched by position, and the places (index, start, end) left to match.
		const matched = prev ? new Uint8Array(prev.items.length) : undefined;
		let matches = 0;
		const pending: number[] = [];
		while (r.pos < r.end) {
			const tag = r.varint();
			if (tag >>> 3 !== 1) {
				r.skip(tag & 7);
				continue;
			}
			r.expect(tag, 2);
			const end = r.span();
			const start = r.pos;
			const length = end - start;
			const hash = hashRange(view, start, end);
			const index = items.length;
			if (!prev) items.push(decodeAt(buf, start, end));
			else if (index < prev.items.length && prev.hashes[index] === hash && prev.lengths[index] === length) {
				items.push(prev.items[index]!);
				matched![index] = 1;
				matches++;
			} else {
				items.push(undefined as T);
				pending.push(index, start, end);
			}
			r.pos = end;
			lengths.push(length);
			hashes.push(hash);
		}
		if (prev && pending.length > 0) {
			// The previous items no place matched, by fingerprint: where moved items come from.
			let unmatched: Map<number, number> | undefined;
			if (matches < prev.items.length) {
				unmatched = new Map();
				for (let i = prev.items.length - 1; i >= 0; i--) if (!matched![i]) unmatched.set(prev.hashes[i]!, i);
			}
			for (let p = 0; p < pending.length; p += 3) {
				const index = pending[p]!;
				const from = unmatched?.get(hashes[index]!);
				items[index] = from !== undefined && prev.lengths[from] === lengths[index] ? prev.items[from]! : decodeAt(buf, pending[p + 1]!, pending[p + 2]!);
			}
		}
		const same = prev !== undefined && pending.length === 0 && items.length === prev.items.length;
		if (same && lastResponse) return lastResponse;
		previous = {lengths, hashes, items};
		lastResponse = {[field]: items};
		return lastResponse;
	};
}
