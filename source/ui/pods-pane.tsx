// Pods pane: `crictl pods` as a live table.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {POD_COLUMNS, layoutColumns} from '../format/columns.js';
import {podRow} from '../format/rows.js';
import type {PaneModel} from '../state/use-pane-models.js';
import type {PodSandbox} from '../wire/types.js';
import {PaneNotice, noticeLines, type PaneNoticeProps} from './pane-body.js';
import {Table, type TableRowData} from './table.js';
import {useWindow} from './use-window.js';

export type PodsPaneProps = PaneNoticeProps & {
	model: PaneModel<PodSandbox>;
	width: number;
	/** Lines for the whole pane (notice + header + rows). */
	height: number;
	/** ms epoch the ages are counted to. */
	now: number;
	/** @default false */
	dim?: boolean;
	/** Shown when the list is empty. */
	empty: string;
};

export function PodsPane({model, width, height, now, dim, empty, ...notice}: PodsPaneProps) {
	const columns = useMemo(() => layoutColumns(POD_COLUMNS, width), [width]);
	const bodyHeight = height - 1 - noticeLines(notice);
	const {top, end} = useWindow(model.items.length, model.selectedIndex, bodyHeight);
	const rows: Array<TableRowData<string>> = model.items.slice(top, end).map(pod => ({
		key: pod.id,
		cells: podRow(pod, now).cells,
		tone: pod.state === 'SANDBOX_READY' ? 'normal' : 'muted',
	}));
	return (
		<Box flexDirection="column">
			<PaneNotice {...notice} />
			<Table columns={columns} rows={rows} selected={model.selectedIndex - top} height={bodyHeight} dim={dim} empty={empty} />
		</Box>
	);
}
