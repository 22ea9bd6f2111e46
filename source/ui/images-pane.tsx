// Images pane: `crictl images` as a live table, one row per repo tag.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {IMAGE_COLUMNS, layoutColumns} from '../format/columns.js';
import type {ImageRow} from '../format/rows.js';
import {defaultSorts, type SortState} from '../state/ui-state.js';
import type {PaneModel} from '../state/use-pane-models.js';
import {PaneNotice, noticeLines, type PaneNoticeProps} from './pane-body.js';
import {markSorted} from './sort-mark.js';
import {Table, type TableRowData} from './table.js';
import {useWindow} from './use-window.js';

export type ImagesPaneProps = PaneNoticeProps & {
	model: PaneModel<ImageRow>;
	width: number;
	height: number;
	/** @default false */
	dim?: boolean;
	empty: string;
	/** Marked on its column's header. @default by name */
	sort?: SortState;
};

export function ImagesPane({model, width, height, dim, empty, sort = defaultSorts.images, ...notice}: ImagesPaneProps) {
	const columns = useMemo(() => markSorted(layoutColumns(IMAGE_COLUMNS, width), 'images', sort), [width, sort]);
	const bodyHeight = height - 1 - noticeLines(notice);
	const {top, end} = useWindow(model.items.length, model.selectedIndex, bodyHeight);
	const rows: Array<TableRowData<string>> = model.items.slice(top, end).map(r => ({key: r.key, cells: r.cells}));
	return (
		<Box flexDirection="column">
			<PaneNotice {...notice} />
			<Table columns={columns} rows={rows} selected={model.selectedIndex - top} gone={model.gone} height={bodyHeight} dim={dim} empty={empty} />
		</Box>
	);
}
