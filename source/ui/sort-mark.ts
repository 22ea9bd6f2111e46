// Which column a pane's sort key orders by, and the arrow on its header
// ("CPU %↓"), so the person sees the order the rows are in.
import {CONTAINER_COLUMNS, IMAGE_COLUMNS, podColumns} from '../format/columns.js';
import type {Pane, SortKey, SortState} from '../state/ui-state.js';

/** Sort key → column key, per pane ('default' is the pane's starting order). */
const sortColumns: Record<Pane, Partial<Record<SortKey, string>>> = {
	pods: {default: 'created', age: 'created', name: 'name', cpu: 'cpu', mem: 'mem', attempt: 'attempt', state: 'state'},
	containers: {default: 'created', age: 'created', name: 'name', cpu: 'cpu', mem: 'mem', attempt: 'attempt', state: 'state'},
	images: {default: 'image', name: 'image', size: 'size'},
	// Newest first, always: the order things happened in.
	events: {},
};

/** The sort keys a pane offers. */
export function sortKeysOf(pane: Pane): SortKey[] {
	return Object.keys(sortColumns[pane]).filter(k => k !== 'default');
}

const arrow = (sort: SortState) => (sort.descending ? '↓' : '↑');

/** The columns with the sorted one's header marked. */
export function markSorted<C extends {key: string; header: string}>(columns: readonly C[], pane: Pane, sort: SortState): C[] {
	const key = sortColumns[pane][sort.key];
	return columns.map(c => (c.key === key ? {...c, header: `${c.header}${arrow(sort)}`} : c));
}

const allColumns: Partial<Record<Pane, ReadonlyArray<{key: string; header: string}>>> = {
	pods: podColumns(true),
	containers: CONTAINER_COLUMNS,
	images: IMAGE_COLUMNS,
};

/** "CPU %↓" for the footer hint; '' where the pane has no sort. */
export function sortLabel(pane: Pane, sort: SortState): string {
	const key = sortColumns[pane][sort.key];
	const header = allColumns[pane]?.find(c => c.key === key)?.header;
	return header ? `${header}${arrow(sort)}` : '';
}
