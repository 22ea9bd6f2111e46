// What a list pane needs to know about one kind of object: the spec each
// resource gives (panes/*.ts) and the generic list pane draws (list-pane.tsx).
import type {Column} from '../format/columns.js';
import type {FitRow} from '../format/fit-table.js';
import type {Pane} from '../state/ui-state.js';
import type {Tone} from './table.js';

export type ListSpec<T, K extends string, C> = {
	/** The pane whose sort key marks a column header (sort-mark.ts); none for a list in a fixed order. */
	sortPane?: Pane;
	/** The columns (names in format/columns.ts) for this context, e.g. CPU % only when stats are known. */
	columns: (context: C) => ReadonlyArray<Column<K>>;
	/**
	 * 'cells': each column as wide as the visible cells need, compact forms
	 * where cut (k9s); 'width': laid out by the terminal width alone.
	 */
	fit: 'cells' | 'width';
	/** The cells of one item (every runtime string sanitised). */
	row: (item: T, context: C) => FitRow<K>;
	/** Stable, unique key of an item (its full ID). */
	key: (item: T) => string;
	/** Colour of the row. @default normal */
	tone?: (item: T) => Tone;
	/** What the pane lists, for its empty text ("no running containers"). */
	noun: (context: C) => string;
};

/** The empty-list sentence: why the pane has no rows. */
export function emptyText(noun: string, state: {waiting?: string; loaded?: boolean; filter: string; error?: string}): string {
	if (state.error) return '';
	return state.waiting ?? (!state.loaded ? 'loading…' : state.filter ? `no ${noun} match /${state.filter}` : `no ${noun}`);
}
