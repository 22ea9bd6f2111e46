// The list each pane shows and its selected row, memoised so a key press only
// costs a window slice: sorting/filtering rerun only when the data, the filter
// or the toggles change, never on selection moves. A CPU/MEM sort also reruns
// when the stats change (each stats round); other sorts ignore stats.
import {useMemo} from 'react';
import {imageRows, type ImageRow} from '../format/rows.js';
import type {Container, Image, PodSandbox} from '../model/cri-types.js';
import type {NodeData} from './node-data.js';
import {
	filterContainers, filterImages, filterPods, resolveSelection, sortContainers, sortImages, sortPods, type UsageById,
} from './selectors.js';
import type {Pane, SortState, Target, UiState} from './ui-state.js';

export type PaneModel<T> = {
	pane: Pane;
	items: readonly T[];
	/** -1 when the list is empty. */
	selectedIndex: number;
	/** Stable key of a row (full ID; images: ID + repo tag). */
	keyOf: (item: T) => string;
	targetOf: (item: T) => Target;
};

export type PaneModels = {
	pods: PaneModel<PodSandbox>;
	containers: PaneModel<Container>;
	images: PaneModel<ImageRow>;
	podsById: ReadonlyMap<string, PodSandbox>;
	/** CPU/MEM per ID as given to usePaneModels (undefined: no stats, the columns are hidden). */
	usage: PaneUsage;
};

export type PaneUsage = {containers?: UsageById; pods?: UsageById};

const podTarget = (p: PodSandbox): Target => ({kind: 'pod', id: p.id, name: p.metadata?.name ?? ''});
const containerTarget = (c: Container): Target => ({kind: 'container', id: c.id, name: c.metadata?.name ?? ''});
const imageTarget = (r: ImageRow): Target => ({kind: 'image', id: r.id, name: r.repoTag || r.id});

function useSelected<T>(items: readonly T[], keyOf: (item: T) => string, selection: {id: string | null; index: number}): number {
	return useMemo(
		() => resolveSelection(items.length, id => items.findIndex(item => keyOf(item) === id), selection.id, selection.index),
		[items, keyOf, selection.id, selection.index],
	);
}

const podKey = (p: PodSandbox) => p.id;
const containerKey = (c: Container) => c.id;
const imageKey = (r: ImageRow) => r.key;

/** The usage a sort needs: only CPU/MEM sorts depend on it, so others are not redone on each stats round. */
const usageFor = (sort: SortState, usage?: UsageById) => (sort.key === 'cpu' || sort.key === 'mem' ? usage : undefined);

export function usePaneModels(data: NodeData, ui: UiState, usage: PaneUsage = {}): PaneModels {
	const podsById = useMemo(() => new Map(data.pods.map(p => [p.id, p])), [data.pods]);

	const podSort = ui.sort.pods;
	const podSortUsage = usageFor(podSort, usage.pods);
	const sortedPods = useMemo(() => sortPods(data.pods, podSort, podSortUsage), [data.pods, podSort, podSortUsage]);
	const pods = useMemo(() => filterPods(sortedPods, ui.filters.pods), [sortedPods, ui.filters.pods]);

	const containerSort = ui.sort.containers;
	const containerSortUsage = usageFor(containerSort, usage.containers);
	const sortedContainers = useMemo(
		() => sortContainers(data.containers, containerSort, containerSortUsage),
		[data.containers, containerSort, containerSortUsage],
	);
	const containers = useMemo(
		() => filterContainers(sortedContainers, {text: ui.filters.containers, showAll: ui.showAll, pod: ui.podFilter, podsById}),
		[sortedContainers, ui.filters.containers, ui.showAll, ui.podFilter, podsById],
	);

	const imageSort = ui.sort.images;
	const allImageRows = useMemo(() => sortImages(data.images, imageSort).flatMap((i: Image) => imageRows(i)), [data.images, imageSort]);
	const imagesFiltered = useMemo(() => {
		const keep = new Set(filterImages(data.images, ui.filters.images).map(i => i.id));
		return ui.filters.images.trim() === '' ? allImageRows : allImageRows.filter(r => keep.has(r.id));
	}, [allImageRows, data.images, ui.filters.images]);

	const podsSel = useSelected(pods, podKey, ui.selection.pods);
	const containersSel = useSelected(containers, containerKey, ui.selection.containers);
	const imagesSel = useSelected(imagesFiltered, imageKey, ui.selection.images);

	return useMemo(() => ({
		pods: {pane: 'pods', items: pods, selectedIndex: podsSel, keyOf: podKey, targetOf: podTarget},
		containers: {pane: 'containers', items: containers, selectedIndex: containersSel, keyOf: containerKey, targetOf: containerTarget},
		images: {pane: 'images', items: imagesFiltered, selectedIndex: imagesSel, keyOf: imageKey, targetOf: imageTarget},
		podsById,
		usage: {containers: usage.containers, pods: usage.pods},
	}), [pods, podsSel, containers, containersSel, imagesFiltered, imagesSel, podsById, usage.containers, usage.pods]);
}

/** The model of a main pane (events has none here; it is the troubleshooting engineer's). */
export function modelOf(models: PaneModels, pane: Pane): PaneModel<unknown> | null {
	if (pane === 'pods') return models.pods as PaneModel<unknown>;
	if (pane === 'containers') return models.containers as PaneModel<unknown>;
	if (pane === 'images') return models.images as PaneModel<unknown>;
	return null;
}
