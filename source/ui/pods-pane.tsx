// Pods pane: `crictl pods` as a live table.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {podColumns} from '../format/columns.js';
import {fitTable} from '../format/fit-table.js';
import {podRow, type ContainerUsage} from '../format/rows.js';
import {defaultSorts, type SortState} from '../state/ui-state.js';
import type {PaneModel} from '../state/use-pane-models.js';
import type {PodSandbox} from '../model/cri-types.js';
import {PaneNotice, noticeLines, type PaneNoticeProps} from './pane-body.js';
import {markSorted} from './sort-mark.js';
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
	/** CPU/MEM per pod ID (its own stats or its containers' sum); when absent the columns are left out. */
	usage?: ReadonlyMap<string, ContainerUsage>;
	/** Marked on its column's header. @default pods by age, newest first */
	sort?: SortState;
};

export function PodsPane({model, width, height, now, dim, empty, usage, sort = defaultSorts.pods, ...notice}: PodsPaneProps) {
	const withStats = usage !== undefined;
	const definitions = useMemo(() => markSorted(podColumns(withStats), 'pods', sort), [withStats, sort]);
	const bodyHeight = height - 1 - noticeLines(notice);
	const {top, end} = useWindow(model.items.length, model.selectedIndex, bodyHeight);
	const visible = model.items.slice(top, end);
	// Columns as wide as the visible cells need; a cut age becomes "5m".
	const fitted = fitTable(definitions, visible.map(pod => podRow(pod, now, usage?.get(pod.id))), width);
	const columns = fitted.columns;
	const rows: Array<TableRowData<string>> = visible.map((pod, i) => ({
		key: pod.id,
		cells: fitted.cells[i],
		tone: pod.state === 'SANDBOX_READY' ? 'normal' : 'muted',
	}));
	return (
		<Box flexDirection="column">
			<PaneNotice {...notice} />
			<Table columns={columns} rows={rows} selected={model.selectedIndex - top} gone={model.gone} height={bodyHeight} dim={dim} empty={empty} />
		</Box>
	);
}
