// One container's row changed by an event, without re-listing every
// container: the row made from its status, and the patches laid over a list
// answer that was asked for before they happened (so an older answer landing
// late cannot undo them). Pure; the reducer (node-data.ts) keeps the patches.
import type {Container, ContainerStatus} from '../model/cri-types.js';

/** A container's new row, or null when it was removed; `at` is when it was learnt (ms). */
export type ContainerPatch = {at: number; container: Container | null};

/** The list row of a container from its status (ContainerStatus has no pod ID: it is given). */
export function containerFromStatus(status: ContainerStatus, podSandboxId: string): Container {
	return {
		id: status.id,
		podSandboxId,
		metadata: status.metadata,
		image: status.image,
		imageRef: status.imageRef,
		state: status.state,
		createdAt: status.createdAt,
		labels: status.labels ?? {},
		annotations: status.annotations ?? {},
		imageId: status.imageId ?? '',
	};
}

/** `list` with one container's row replaced, added (newest first, as lists come) or removed. */
export function patchList(list: readonly Container[], id: string, container: Container | null): Container[] {
	const at = list.findIndex(c => c.id === id);
	if (container === null) return at === -1 ? (list as Container[]) : [...list.slice(0, at), ...list.slice(at + 1)];
	if (at === -1) return [container, ...list];
	const next = [...list];
	next[at] = container;
	return next;
}

/**
 * A list answer with the patches learnt after it was asked for (`sentAt`)
 * laid over it; patches it already reflects are dropped.
 */
export function applyPatches(
	list: Container[], patches: ReadonlyMap<string, ContainerPatch>, sentAt: number,
): {list: Container[]; patches: ReadonlyMap<string, ContainerPatch>} {
	if (patches.size === 0) return {list, patches};
	const kept = new Map<string, ContainerPatch>();
	let out = list;
	for (const [id, patch] of patches) {
		if (patch.at < sentAt) continue;
		kept.set(id, patch);
		out = patchList(out, id, patch.container);
	}
	return {list: out, patches: kept};
}

/** Replace (or with null remove) one container's row: an event named it (event-applier.ts). */
export type PatchContainer = (id: string, container: Container | null) => void;
