// The state of a list pane: its columns (sort arrow on the sorted one), the
// window of rows on screen around the selection, and the visible rows' cells
// fitted to the width. Only the visible rows are turned into cells, so a key
// press on a long list costs a window, not the list.
import {useMemo} from 'react';
import {layoutColumns, type Column, type LaidOutColumn} from '../format/columns.js';
import {fitTable} from '../format/fit-table.js';
import {defaultSorts, type SortState} from '../state/ui-state.js';
import type {ListSpec} from './list-spec.js';
import {markSorted} from './sort-mark.js';
import type {TableRowData} from './table.js';
import {useWindow} from './use-window.js';
import {rowDown, withNodeCell, withNodeColumn, type NodeColumnProps} from './node-column.js';

export type ListItems<T> = {
	items: readonly T[];
	/** -1 when the list is empty. */
	selectedIndex: number;
	/** Key of a selected row whose object left the node (drawn greyed, marked gone). */
	gone?: string | null;
};

export type ListPaneState<K extends string> = {
	columns: ReadonlyArray<LaidOutColumn<K>>;
	rows: Array<TableRowData<K>>;
	/** Index of the selected row among `rows` (may be outside them). */
	selected: number;
	/** Index in the whole list of the first row shown. */
	top: number;
};

export function useListPane<T, K extends string, C>(
	spec: ListSpec<T, K, C>, context: C, model: ListItems<T>, width: number, bodyHeight: number, sort?: SortState, node?: NodeColumnProps,
): ListPaneState<K> {
	const shownSort = sort ?? (spec.sortPane ? defaultSorts[spec.sortPane] : undefined);
	const definitions = useMemo(() => {
		const columns = spec.columns(context);
		// NODE (several endpoints) is a cell the pane adds, not the spec's: typed as the spec's keys.
		return withNodeColumn(spec.sortPane && shownSort ? markSorted(columns, spec.sortPane, shownSort) : columns, node) as ReadonlyArray<Column<K>>;
	}, [spec, context, shownSort, node]);
	// Laid out by the width alone: computed once per width, not per frame.
	const byWidth = useMemo(() => (spec.fit === 'width' ? layoutColumns(definitions, width) : null), [spec.fit, definitions, width]);
	const {top, end} = useWindow(model.items.length, model.selectedIndex, bodyHeight);
	const visible = model.items.slice(top, end);
	const cellRows = visible.map(item => withNodeCell(spec.row(item, context), item as object, node));
	// 'cells': columns as wide as the visible cells need; a cut age becomes "5m".
	const fitted = byWidth ? {columns: byWidth, cells: cellRows.map(r => r.cells)} : fitTable(definitions, cellRows, width);
	const rows = visible.map((item, i) => ({key: spec.key(item), cells: fitted.cells[i], tone: spec.tone?.(item), dim: rowDown(item as object, node)}));
	return {columns: fitted.columns, rows, selected: model.selectedIndex - top, top};
}
