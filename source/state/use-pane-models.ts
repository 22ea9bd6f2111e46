// The list each pane shows and its selected row, memoised so a key press only
// costs a window slice: sorting/filtering rerun only when the data, the filter
// or the toggles change, never on selection moves.
import {useMemo} from 'react';
import {imageRows, type ImageRow} from '../format/rows.js';
import type {Container, Image, PodSandbox} from '../wire/types.js';
import type {NodeData} from './node-data.js';
import {
	filterContainers, filterImages, filterPods, resolveSelection, sortContainers, sortImages, sortPods,
} from './selectors.js';
import type {Pane, Target, UiState} from './ui-state.js';

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
};

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

export function usePaneModels(data: NodeData, ui: UiState): PaneModels {
	const podsById = useMemo(() => new Map(data.pods.map(p => [p.id, p])), [data.pods]);
	const podNames = useMemo(() => new Map(data.pods.map(p => [p.id, p.metadata?.name ?? ''])), [data.pods]);

	const sortedPods = useMemo(() => sortPods(data.pods), [data.pods]);
	const pods = useMemo(() => filterPods(sortedPods, ui.filters.pods), [sortedPods, ui.filters.pods]);

	const sortedContainers = useMemo(() => sortContainers(data.containers), [data.containers]);
	const containers = useMemo(
		() => filterContainers(sortedContainers, {text: ui.filters.containers, showAll: ui.showAll, pod: ui.podFilter, podNames}),
		[sortedContainers, ui.filters.containers, ui.showAll, ui.podFilter, podNames],
	);

	const allImageRows = useMemo(() => sortImages(data.images).flatMap((i: Image) => imageRows(i)), [data.images]);
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
	}), [pods, podsSel, containers, containersSel, imagesFiltered, imagesSel, podsById]);
}

/** The model of a main pane (events has none here; it is the troubleshooting engineer's). */
export function modelOf(models: PaneModels, pane: Pane): PaneModel<unknown> | null {
	if (pane === 'pods') return models.pods as PaneModel<unknown>;
	if (pane === 'containers') return models.containers as PaneModel<unknown>;
	if (pane === 'images') return models.images as PaneModel<unknown>;
	return null;
}
