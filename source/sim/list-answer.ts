// The unfiltered ListContainers and ListPodSandbox answers of the simulated node, kept as messages
// and wire bytes between calls. A real runtime answers a list from memory; rebuilding 10,000
// messages, looking up their encoded bytes and joining 7.6 MB on every list after one container
// stopped was the node's share of a dashboard refresh (and its garbage). After a change in place
// (a container started or stopped) the last answer is patched at that item; anything else (added,
// removed, a pod or image changed, or more changes than the model remembers) rebuilds it. While
// someone lists, the next answer is made right after a change rather than when it is asked for.
import type {Container, PodSandbox} from '../model/cri-types.js';
import type {Messages} from './messages.js';
import type {SimContainer, SimModel} from './model.js';

/** One list answer: the messages in order and their encoded `repeated … = 1` records joined. */
export type ListAnswer<T> = {list: T[]; bytes: Buffer};

type Kept<T> = ListAnswer<T> & {
	revision: number;
	/** Each item's encoded record and where it starts in `bytes`. */
	parts: Buffer[];
	offsets: number[];
	/** Where each container is in `list` (containers only). */
	at?: Map<SimContainer, number>;
};

function join<T>(revision: number, list: T[], parts: Buffer[]): Kept<T> {
	const offsets: number[] = [];
	let offset = 0;
	for (const part of parts) {
		offsets.push(offset);
		offset += part.length;
	}
	return {revision, list, parts, offsets, bytes: Buffer.concat(parts, offset)};
}

/** The unfiltered containers answer, patched from the model's change log where it can be. */
export function containersAnswer(model: SimModel, messages: Messages): () => ListAnswer<Container> {
	let kept: Kept<Container> | undefined;
	const rebuild = () => {
		const containers = [...model.containers.values()];
		const list = containers.map(c => messages.container(c));
		const next = join(model.revision, list, list.map(msg => messages.bytes(msg, 'container')));
		next.at = new Map(containers.map((c, i) => [c, i]));
		return next;
	};
	return madeAhead(model, () => {
		if (kept?.revision === model.revision) return kept;
		const changes = kept ? model.changesSince(kept.revision) : undefined;
		kept = changes && kept ? patched(kept, changes, model.revision, messages) ?? rebuild() : rebuild();
		return kept;
	});
}

/** The unfiltered pods answer: changes to containers in place leave it as it was. */
export function podsAnswer(model: SimModel, messages: Messages): () => ListAnswer<PodSandbox> {
	let kept: Kept<PodSandbox> | undefined;
	return madeAhead(model, () => {
		if (kept?.revision === model.revision) return kept;
		if (kept && model.changesSince(kept.revision)) {
			kept = {...kept, revision: model.revision};
			return kept;
		}
		const list = [...model.pods.values()].map(p => messages.pod(p));
		kept = join(model.revision, list, list.map(msg => messages.bytes(msg, 'pod')));
		return kept;
	});
}

/** How long after the last list the node keeps making its next answer ahead. */
const listingMs = 10_000;

/**
 * `get`, also run ahead after each change to a container or pod (once the call that made it has
 * returned) while someone lists (a list within the last 10 s): the next poll finds its answer made,
 * as a runtime answers from what it holds. Nobody listing, nothing is made ahead.
 */
function madeAhead<T>(model: SimModel, get: () => T): () => T {
	let askedAt = Number.NEGATIVE_INFINITY;
	let pending: NodeJS.Immediate | undefined;
	model.onEvent(() => {
		if (pending || Date.now() - askedAt > listingMs) return;
		pending = setImmediate(() => {
			pending = undefined;
			get();
		});
		pending.unref();
	});
	return () => {
		askedAt = Date.now();
		return get();
	};
}

/**
 * `kept` with the changed containers' new messages and bytes in their places, in a new buffer (an
 * answer handed out is never written to again); undefined when a container is not in the list.
 */
function patched(kept: Kept<Container>, changes: SimContainer[], revision: number, messages: Messages): Kept<Container> | undefined {
	const list = kept.list.slice();
	const parts = kept.parts.slice();
	let sameLengths = true;
	const places: number[] = [];
	for (const c of new Set(changes)) {
		const i = kept.at?.get(c);
		if (i === undefined) return undefined;
		list[i] = messages.container(c);
		parts[i] = messages.bytes(list[i]!, 'container');
		sameLengths &&= parts[i]!.length === kept.parts[i]!.length;
		places.push(i);
	}
	if (!sameLengths) return {...join(revision, list, parts), at: kept.at};
	const bytes = Buffer.allocUnsafe(kept.bytes.length);
	kept.bytes.copy(bytes);
	for (const i of places) parts[i]!.copy(bytes, kept.offsets[i]);
	return {revision, list, parts, offsets: kept.offsets, bytes, at: kept.at};
}
