// Containers pane: `crictl ps -a` as a live table (running only with `a`).
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {containerColumns} from '../format/columns.js';
import {fitTable} from '../format/fit-table.js';
import {containerRow, type ContainerUsage, type ImageNames} from '../format/rows.js';
import {defaultSorts, type SortState} from '../state/ui-state.js';
import type {PaneModel} from '../state/use-pane-models.js';
import type {Container, PodSandbox} from '../model/cri-types.js';
import {PaneNotice, noticeLines, type PaneNoticeProps} from './pane-body.js';
import {markSorted} from './sort-mark.js';
import {Table, type TableRowData, type Tone} from './table.js';
import {useWindow} from './use-window.js';

export type ContainersPaneProps = PaneNoticeProps & {
	model: PaneModel<Container>;
	podsById: ReadonlyMap<string, PodSandbox>;
	/** Image ID → tag, so IMAGE shows names where the kubelet gave an ID. */
	imageNames?: ImageNames;
	/** CPU/MEM per container ID; when absent the CPU % and MEM columns are left out. */
	usage?: ReadonlyMap<string, ContainerUsage>;
	width: number;
	height: number;
	now: number;
	/** @default false */
	dim?: boolean;
	empty: string;
	/** Marked on its column's header. @default containers by age, newest first */
	sort?: SortState;
};

const toneOf = (c: Container): Tone =>
	c.state === 'CONTAINER_RUNNING' ? 'normal' : c.state === 'CONTAINER_EXITED' ? 'bad' : 'muted';

export function ContainersPane({model, podsById, imageNames, usage, width, height, now, dim, empty, sort = defaultSorts.containers, ...notice}: ContainersPaneProps) {
	const withStats = usage !== undefined;
	const definitions = useMemo(() => markSorted(containerColumns(withStats), 'containers', sort), [withStats, sort]);
	const bodyHeight = height - 1 - noticeLines(notice);
	const {top, end} = useWindow(model.items.length, model.selectedIndex, bodyHeight);
	const visible = model.items.slice(top, end);
	// Columns as wide as the visible cells need; a cut age becomes "5m".
	const fitted = fitTable(definitions, visible.map(c => containerRow(c, podsById, now, usage?.get(c.id), imageNames)), width);
	const columns = fitted.columns;
	const rows: Array<TableRowData<string>> = visible.map((c, i) => ({
		key: c.id,
		cells: fitted.cells[i],
		// A clean exit (0) is not a problem; any other exit is.
		tone: toneOf(c),
	}));
	return (
		<Box flexDirection="column">
			<PaneNotice {...notice} />
			<Table columns={columns} rows={rows} selected={model.selectedIndex - top} gone={model.gone} height={bodyHeight} dim={dim} empty={empty} />
		</Box>
	);
}
