// One list pane for every resource: pods, containers, images and events are
// the same component fed by a spec (panes/*.ts) that says the columns, the
// cells and tone of a row, and what the list is called when empty.
import React from 'react';
import {Box} from 'ink';
import type {SortState} from '../state/ui-state.js';
import type {ListSpec} from './list-spec.js';
import {PaneNotice, noticeLines, type PaneNoticeProps} from './pane-body.js';
import type {NodeColumnProps} from './node-column.js';
import {Table} from './table.js';
import {useListPane, type ListItems} from './use-list-pane.js';

export type ListPaneProps<T, K extends string, C> = PaneNoticeProps & {
	spec: ListSpec<T, K, C>;
	/** What the spec's row and columns read besides the item (pods by ID, usage, the time ages count to). */
	context: C;
	model: ListItems<T>;
	width: number;
	/** Lines for the whole pane (title, notice, header, rows). */
	height: number;
	/** @default false */
	dim?: boolean;
	/** Shown when the list is empty. */
	empty: string;
	/** Marked on its column's header. @default the spec's pane's starting order */
	sort?: SortState;
	/** A line above the table (e.g. where the events come from). @default none */
	title?: React.ReactNode;
	/** Several endpoints: a NODE column first, a down endpoint's rows greyed. @default none */
	node?: NodeColumnProps;
};

export function ListPane<T, K extends string, C>({spec, context, model, width, height, dim, empty, sort, title, node, ...notice}: ListPaneProps<T, K, C>) {
	const bodyHeight = height - 1 - noticeLines(notice) - (title ? 1 : 0);
	const {columns, rows, selected, top} = useListPane(spec, context, model, width, bodyHeight, sort, node);
	return (
		<Box flexDirection="column">
			{title ?? null}
			<PaneNotice {...notice} />
			<Table columns={columns} rows={rows} first={top} selected={selected} gone={model.gone} height={bodyHeight} dim={dim} empty={empty} />
		</Box>
	);
}
