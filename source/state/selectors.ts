// Which objects each pane shows, in which order. Works on the raw CRI objects
// (cheap string tests) so that at 10,000 containers only the visible window is
// ever turned into sanitised cells (format/rows.ts) by the panes.
import {matchesFilter, parseFilter, type FilterTerm} from '../format/filter-query.js';
import type {ContainerUsage} from '../format/rows.js';
import {containerSubject, imageSubject, podSubject} from './filter-subjects.js';
import type {Container, Image, PodSandbox} from '../model/cri-types.js';
import {ownedKey, ownerOf} from './owner.js';
import type {SortState, Target} from './ui-state.js';

/** Usage per object ID (container or pod), for the CPU % / MEM sorts. */
export type UsageById = ReadonlyMap<string, ContainerUsage>;

/** Newest first, like crictl. createdAt is a decimal string: compare by length, then text. */
function newestFirst(a: {createdAt: string}, b: {createdAt: string}): number {
	if (a.createdAt.length !== b.createdAt.length) return b.createdAt.length - a.createdAt.length;
	return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

const newestFirstSort: SortState = {key: 'age', descending: true};

type Sortable = {id: string; createdAt: string; state?: string; metadata?: {name?: string; attempt?: number} | null};

/** Problems first when sorted by state (descending): exited, not ready or unknown, then created, then running/ready. */
export function stateRank(state: string | undefined): number {
	if (state === 'CONTAINER_RUNNING' || state === 'SANDBOX_READY') return 0;
	if (state === 'CONTAINER_CREATED') return 1;
	return 2;
}

/**
 * Pods or containers in the pane's order. Each item's key is computed once
 * (decorate, sort, undecorate), so 10,000 rows sort in a few ms; ties and
 * unknowns keep newest first, and unknown CPU/MEM (not running, no stats yet)
 * go last in either direction.
 */
function sortObjects<T extends Sortable>(items: readonly T[], sort: SortState, usage?: UsageById): T[] {
	const sign = sort.descending ? -1 : 1;
	if (sort.key === 'name') {
		const keyed = items.map(item => ({item, name: (item.metadata?.name ?? '').toLowerCase()}));
		keyed.sort((a, b) => (a.name < b.name ? -sign : a.name > b.name ? sign : newestFirst(a.item, b.item)));
		return keyed.map(k => k.item);
	}

	if (sort.key === 'attempt' || sort.key === 'state') {
		const keyed = items.map(item => ({item, value: sort.key === 'attempt' ? item.metadata?.attempt ?? 0 : stateRank(item.state)}));
		keyed.sort((a, b) => (a.value === b.value ? newestFirst(a.item, b.item) : (a.value - b.value) * sign));
		return keyed.map(k => k.item);
	}

	if (sort.key === 'cpu' || sort.key === 'mem') {
		const valueOf = (id: string): number | null => {
			const u = usage?.get(id);
			if (sort.key === 'cpu') return u?.cpuPercent ?? null;
			return u?.memoryBytes == null ? null : Number(u.memoryBytes);
		};

		const keyed = items.map(item => ({item, value: valueOf(item.id)}));
		keyed.sort((a, b) => {
			if (a.value === null || b.value === null) return a.value === b.value ? newestFirst(a.item, b.item) : a.value === null ? 1 : -1;
			return a.value === b.value ? newestFirst(a.item, b.item) : (a.value - b.value) * sign;
		});
		return keyed.map(k => k.item);
	}

	// 'age' (and 'default'): crictl's newest first; ascending is oldest first.
	const sorted = [...items].sort(newestFirst);
	return sort.descending ? sorted : sorted.reverse();
}

export function sortPods(pods: readonly PodSandbox[], sort: SortState = newestFirstSort, usage?: UsageById): PodSandbox[] {
	return sortObjects(pods, sort, usage);
}

export function sortContainers(containers: readonly Container[], sort: SortState = newestFirstSort, usage?: UsageById): Container[] {
	return sortObjects(containers, sort, usage);
}

/** Images by name (crictl's order; untagged last) or by size ('size'). */
export function sortImages(images: readonly Image[], sort: SortState = {key: 'name', descending: false}): Image[] {
	if (sort.key === 'size') {
		const sign = sort.descending ? -1 : 1;
		const keyed = images.map(image => ({image, size: Number(image.size) || 0}));
		keyed.sort((a, b) => (a.size - b.size) * sign);
		return keyed.map(k => k.image);
	}

	// crictl lists images by name, compared as Go compares strings (byte order; code-unit order is
	// the same for the ASCII of image references). Not localeCompare: ICU's collation orders ':'
	// before '.' and digits, unlike crictl, and loading it cost the first frame 12–14 CPU-ms.
	const name = (image: Image) => image.repoTags[0] ?? '\uffff';
	const sorted = [...images].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
	return sort.descending ? sorted.reverse() : sorted;
}

export function filterPods(pods: readonly PodSandbox[], filter: string | readonly FilterTerm[]): readonly PodSandbox[] {
	const terms = typeof filter === 'string' ? parseFilter(filter) : filter;
	return terms.length === 0 ? pods : pods.filter(p => matchesFilter(podSubject(p), terms));
}

export type ContainerFilterOptions = {
	/** The `/` text, or its terms already parsed. */
	text: string | readonly FilterTerm[];
	/** false: running containers only (crictl ps without -a). */
	showAll: boolean;
	pod: Target | null;
	/** Pods by ownedKey(endpoint, ID), for POD and NAMESPACE when the kubelet's labels are missing. */
	podsById?: ReadonlyMap<string, PodSandbox>;
};

export function filterContainers(containers: readonly Container[], options: ContainerFilterOptions): readonly Container[] {
	const terms = typeof options.text === 'string' ? parseFilter(options.text) : options.text;
	if (terms.length === 0 && options.showAll && !options.pod) return containers;
	// With several endpoints a pod is its endpoint's: another node's pod with the same ID is not it.
	return containers.filter(c =>
		(options.showAll || c.state === 'CONTAINER_RUNNING')
		&& (!options.pod || (c.podSandboxId === options.pod.id && ownerOf(c) === options.pod.endpoint))
		&& (terms.length === 0 || matchesFilter(containerSubject(c, options.podsById?.get(ownedKey(ownerOf(c), c.podSandboxId))), terms)));
}

export function filterImages(images: readonly Image[], filter: string | readonly FilterTerm[]): readonly Image[] {
	const terms = typeof filter === 'string' ? parseFilter(filter) : filter;
	return terms.length === 0 ? images : images.filter(i => matchesFilter(imageSubject(i), terms));
}

/**
 * The index to select: where the object with `id` is now, or — when it
 * vanished — the row nearest to where it was (`lastIndex`), clamped.
 */
export function resolveSelection(length: number, findIndex: (id: string) => number, id: string | null, lastIndex: number): number {
	if (length === 0) return -1;
	if (id !== null) {
		const at = findIndex(id);
		if (at !== -1) return at;
	}

	return Math.min(Math.max(0, lastIndex), length - 1);
}

/** Index after a move of `delta` rows (Infinity/−Infinity for G/g), clamped. */
export function moveIndex(current: number, delta: number, length: number): number {
	if (length === 0) return -1;
	if (delta === Number.POSITIVE_INFINITY) return length - 1;
	if (delta === Number.NEGATIVE_INFINITY) return 0;
	return Math.min(length - 1, Math.max(0, current + delta));
}

/** First visible row so that `selected` is inside a window of `height` rows, moving as little as possible. */
export function windowTop(previousTop: number, selected: number, height: number, length: number): number {
	if (height <= 0 || length <= height) return 0;
	let top = Math.min(previousTop, length - height);
	if (selected < top) top = selected;
	else if (selected >= top + height) top = selected - height + 1;
	return Math.max(0, top);
}

// Where each key is in a long list, made at the second look-up in the same list: a cursor key
// looks the selection up again in the list it did before, and a scan of 10,000 keys per key press
// becomes one map look-up. Lists are never changed in place, so a list's index stays right.
const keyIndexes = new WeakMap<readonly unknown[], {keyOf: unknown; index: Map<string, number> | null}>();

/** The first index of the item whose key is `key` in `list`, or -1 (as findIndex). */
export function indexOfKey<T>(list: readonly T[], keyOf: (item: T) => string, key: string): number {
	if (list.length < 256) return list.findIndex(item => keyOf(item) === key);
	const known = keyIndexes.get(list);
	if (known?.keyOf !== keyOf) {
		keyIndexes.set(list, {keyOf, index: null});
		return list.findIndex(item => keyOf(item) === key);
	}
	if (!known.index) {
		const index = new Map<string, number>();
		for (let i = 0; i < list.length; i++) {
			const k = keyOf(list[i]!);
			if (!index.has(k)) index.set(k, i);
		}
		known.index = index;
	}
	return known.index.get(key) ?? -1;
}

/** The rows a pane draws and where its selection is. */
export type Placed<T> = {
	items: readonly T[];
	/** -1 when there is nothing to select. */
	index: number;
	/** Key of the row kept in place for a selected object that left the node; null when none. */
	gone: string | null;
};

/**
 * Where the selection (an object, by key) is drawn. Found: its row. Gone
 * from the node (`exists` says no) with a copy seen before (`lastSeen`): that
 * copy stays in place at its last index, marked gone, until a key moves the
 * selection; the selection never slides onto a neighbour by itself. Hidden
 * by a filter or toggle (or never chosen): the row nearest its last index.
 */
export function placeSelection<T>(
	shown: readonly T[], keyOf: (item: T) => string, selection: {id: string | null; index: number},
	exists: (id: string) => boolean, lastSeen: T | undefined,
): Placed<T> {
	const {id} = selection;
	if (id !== null) {
		const at = indexOfKey(shown, keyOf, id);
		if (at !== -1) return {items: shown, index: at, gone: null};
		if (lastSeen !== undefined && keyOf(lastSeen) === id && !exists(id)) {
			const index = Math.min(Math.max(0, selection.index), shown.length);
			return {items: [...shown.slice(0, index), lastSeen, ...shown.slice(index)], index, gone: id};
		}
	}

	return {items: shown, index: resolveSelection(shown.length, () => -1, null, selection.index), gone: null};
}
