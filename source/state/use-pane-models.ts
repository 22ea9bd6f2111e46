// The list each pane shows and its selected row, memoised so a key press only
// costs a window slice: sorting/filtering rerun only when the data, the filter
// or the toggles change, never on selection moves. A CPU/MEM sort also reruns
// when the stats change (each stats round); other sorts ignore stats.
import {useMemo, useRef, useState} from 'react';
import {imageRows, type ImageRow} from '../format/rows.js';
import type {Container, Image, PodSandbox} from '../model/cri-types.js';
import type {NodeData} from './node-data.js';
import {createFilterMemo} from './filter-memo.js';
import {createSortMemo} from './sort-memo.js';
import {LazyMap} from './lazy-map.js';
import {eventKey, filterEvents, withNames, type NodeEvent} from './node-events.js';
import {adopt, keyOfOwned, ownedKey, ownerOf} from './owner.js';
import {
	filterContainers, filterImages, filterPods, indexOfKey, placeSelection, sortContainers, sortImages, sortPods, type UsageById,
} from './selectors.js';
import type {Pane, SortState, Target, UiState} from './ui-state.js';
import type {Placed} from './selectors.js';

export type PaneModel<T> = {
	pane: Pane;
	/** The rows drawn, a selected object that left the node included (see `gone`). */
	items: readonly T[];
	/** -1 when the list is empty. */
	selectedIndex: number;
	/**
	 * Key of the selected object when it left the node: its last copy stays in
	 * `items` in place, marked gone, until a key moves the selection. null otherwise.
	 */
	gone?: string | null;
	/** Stable key of a row (full ID; images: ID + repo tag; with several endpoints, the endpoint first). */
	keyOf: (item: T) => string;
	targetOf: (item: T) => Target;
};

export type PaneModels = {
	pods: PaneModel<PodSandbox>;
	containers: PaneModel<Container>;
	images: PaneModel<ImageRow>;
	/** Newest first, names filled from the objects known. */
	events: PaneModel<NodeEvent>;
	/** Pods by ownedKey(endpoint, ID) (the ID alone with one endpoint). */
	podsById: ReadonlyMap<string, PodSandbox>;
	containersById: ReadonlyMap<string, Container>;
	/** CPU/MEM per ID as given to usePaneModels (undefined: no stats, the columns are hidden). */
	usage: PaneUsage;
};

export type PaneUsage = {containers?: UsageById; pods?: UsageById};

/** Names the owning endpoint only when there is one (several endpoints), so one-endpoint targets are as before. */
const owned = (target: Target, item: object): Target => {
	const endpoint = ownerOf(item);
	return endpoint === undefined ? target : {...target, endpoint};
};
const podTarget = (p: PodSandbox): Target => owned({kind: 'pod', id: p.id, name: p.metadata?.name ?? ''}, p);
const containerTarget = (c: Container): Target => owned({kind: 'container', id: c.id, name: c.metadata?.name ?? ''}, c);
const imageTarget = (r: ImageRow): Target => owned({kind: 'image', id: r.id, name: r.repoTag || r.id}, r);
const eventTarget = (e: NodeEvent): Target => ({kind: e.object, id: e.containerId, name: e.name});

/**
 * The rows and the selection of one pane (see placeSelection): the last copy
 * of the selected object is remembered, so it can stay drawn when it leaves.
 */
function usePlaced<T>(shown: readonly T[], all: readonly T[], keyOf: (item: T) => string, selection: {id: string | null; index: number}): Placed<T> {
	const seen = useRef<T | undefined>(undefined);
	return useMemo(() => {
		const placed = placeSelection(shown, keyOf, selection, id => indexOfKey(all, keyOf, id) !== -1, seen.current);
		if (placed.gone === null && placed.index >= 0) seen.current = placed.items[placed.index];
		return placed;
		// The selection's fields, not its object: a new object with the same id and index changes nothing.
	}, [shown, all, keyOf, selection.id, selection.index]);
}

const noEvents: readonly NodeEvent[] = [];
const containerId = (c: Container) => c.id;
const podKey = (p: PodSandbox) => keyOfOwned(p);
const containerKey = (c: Container) => keyOfOwned(c);
const imageKey = (r: ImageRow) => ownedKey(ownerOf(r), r.key);

/** The usage a sort needs: only CPU/MEM sorts depend on it, so others are not redone on each stats round. */
const usageFor = (sort: SortState, usage?: UsageById) => (sort.key === 'cpu' || sort.key === 'mem' ? usage : undefined);

export function usePaneModels(data: NodeData, ui: UiState, usage: PaneUsage = {}, eventLog: readonly NodeEvent[] = noEvents): PaneModels {
	const podsById = useMemo(() => new Map(data.pods.map(p => [keyOfOwned(p), p])), [data.pods]);
	const containersById = useMemo(() => new LazyMap(data.containers, containerId), [data.containers]);

	const podSort = ui.sort.pods;
	const podSortUsage = usageFor(podSort, usage.pods);
	// A poll that changed a few objects reuses the last order (sort-memo.ts).
	const [podSortMemo] = useState(() => createSortMemo<PodSandbox>());
	const [containerSortMemo] = useState(() => createSortMemo<Container>());
	const sortedPods = useMemo(
		() => podSortMemo(data.pods, podSort, podSortUsage, items => sortPods(items, podSort, podSortUsage)),
		[podSortMemo, data.pods, podSort, podSortUsage],
	);
	// A filter keystroke looks only at what it must (filter-memo.ts).
	const [podFilterMemo] = useState(() => createFilterMemo<PodSandbox>());
	const [containerFilterMemo] = useState(() => createFilterMemo<Container>());
	const pods = useMemo(() => podFilterMemo(sortedPods, ui.filters.pods, [], filterPods), [podFilterMemo, sortedPods, ui.filters.pods]);

	const containerSort = ui.sort.containers;
	const containerSortUsage = usageFor(containerSort, usage.containers);
	const sortedContainers = useMemo(
		() => containerSortMemo(data.containers, containerSort, containerSortUsage, items => sortContainers(items, containerSort, containerSortUsage)),
		[containerSortMemo, data.containers, containerSort, containerSortUsage],
	);
	const containers = useMemo(
		() => containerFilterMemo(
			sortedContainers, ui.filters.containers, [ui.showAll, ui.podFilter, podsById],
			(items, text) => filterContainers(items, {text, showAll: ui.showAll, pod: ui.podFilter, podsById}),
		),
		[containerFilterMemo, sortedContainers, ui.filters.containers, ui.showAll, ui.podFilter, podsById],
	);

	const imageSort = ui.sort.images;
	const allImageRows = useMemo(() => sortImages(data.images, imageSort).flatMap((i: Image) => imageRows(i).map(r => adopt(r, ownerOf(i)))), [data.images, imageSort]);
	const imagesFiltered = useMemo(() => {
		const keep = new Set(filterImages(data.images, ui.filters.images).map(i => keyOfOwned(i)));
		return ui.filters.images.trim() === '' ? allImageRows : allImageRows.filter(r => keep.has(ownedKey(ownerOf(r), r.id)));
	}, [allImageRows, data.images, ui.filters.images]);

	// The log is oldest first; the pane is newest first. Names the events lacked come from the lists.
	const allEvents = useMemo(
		() => eventLog.map(e => withNames(e, {containersById, podsById})).reverse(),
		[eventLog, containersById, podsById],
	);
	const events = useMemo(() => filterEvents(allEvents, ui.filters.events), [allEvents, ui.filters.events]);

	const podsAt = usePlaced(pods, sortedPods, podKey, ui.selection.pods);
	const containersAt = usePlaced(containers, sortedContainers, containerKey, ui.selection.containers);
	const imagesAt = usePlaced(imagesFiltered, allImageRows, imageKey, ui.selection.images);
	const eventsAt = usePlaced(events, allEvents, eventKey, ui.selection.events);

	return useMemo(() => ({
		pods: {pane: 'pods', items: podsAt.items, selectedIndex: podsAt.index, gone: podsAt.gone, keyOf: podKey, targetOf: podTarget},
		containers: {
			pane: 'containers', items: containersAt.items, selectedIndex: containersAt.index, gone: containersAt.gone, keyOf: containerKey, targetOf: containerTarget,
		},
		images: {pane: 'images', items: imagesAt.items, selectedIndex: imagesAt.index, gone: imagesAt.gone, keyOf: imageKey, targetOf: imageTarget},
		events: {pane: 'events', items: eventsAt.items, selectedIndex: eventsAt.index, gone: eventsAt.gone, keyOf: eventKey, targetOf: eventTarget},
		podsById,
		containersById,
		usage: {containers: usage.containers, pods: usage.pods},
	}), [podsAt, containersAt, imagesAt, eventsAt, podsById, containersById, usage.containers, usage.pods]);
}

/** The model of a main pane. */
export function modelOf(models: PaneModels, pane: Pane): PaneModel<unknown> {
	return models[pane] as PaneModel<unknown>;
}
