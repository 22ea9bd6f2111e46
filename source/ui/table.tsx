// A windowed table: the caller passes only the rows that fit; each row is one
// pre-fitted line, so a memoised row re-renders only when its text, selection
// or tone changed (cheap string equality at any list size).
import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {fitCell} from '../format/sanitize.js';
import type {LaidOutColumn} from '../format/columns.js';
import {useTheme} from './theme.js';

export type Tone = 'normal' | 'good' | 'bad' | 'muted';

export type TableRowData<K extends string> = {
	/** Unique, stable key (the object's full ID). */
	key: string;
	cells: Record<K, string>;
	tone?: Tone;
	/** Greyed: its endpoint is down and this is its last data. @default false */
	dim?: boolean;
};

export type TableProps<K extends string> = {
	columns: ReadonlyArray<LaidOutColumn<K>>;
	/** The visible window only. */
	rows: ReadonlyArray<TableRowData<K>>;
	/** Index of the selected row inside `rows`; -1 for none. */
	selected: number;
	/** Rows the body may take; the body is padded to it so the footer stays put. */
	height: number;
	/** Index in the whole list of `rows[0]` (rows are drawn in screen slots by it, see slotKey). @default 0 */
	first?: number;
	/** Show everything greyed (disconnected: last data). @default false */
	dim?: boolean;
	/** Shown instead of rows when there are none. */
	empty?: string;
	/**
	 * Key of a row whose object left the node (the selection kept in place):
	 * drawn dim, with "gone" in its STATE column (or its last one). @default none
	 */
	gone?: string | null;
};

/** A gone row's cells: "gone" where its state is shown. */
export function goneCells<K extends string>(columns: ReadonlyArray<LaidOutColumn<K>>, cells: Record<K, string>): Record<K, string> {
	const column = columns.find(c => c.key === 'state') ?? columns.at(-1);
	return column ? {...cells, [column.key]: 'gone'} : cells;
}

/** One table line from cells; every cell goes through fitCell (the sanitiser). */
export function tableLine<K extends string>(columns: ReadonlyArray<LaidOutColumn<K>>, cells: Record<K, string>): string {
	return columns.map(c => fitCell(cells[c.key] ?? '', c.width, c.align)).join(' ');
}

export function headerLine<K extends string>(columns: ReadonlyArray<LaidOutColumn<K>>): string {
	return columns.map(c => fitCell(c.header, c.width, c.align)).join(' ');
}

type RowProps = {line: string; selected: boolean; dim: boolean; tone: Tone};

const TableRow = memo(function TableRow({line, selected, dim, tone}: RowProps) {
	const theme = useTheme();
	const color = tone === 'good' ? theme.good : tone === 'bad' ? theme.bad : tone === 'muted' ? theme.muted : undefined;
	return (
		<Text wrap="truncate" inverse={selected} dimColor={dim} color={selected ? undefined : color}>
			{line}
		</Text>
	);
});

/**
 * The React key of the row at `index` of the whole list in a window of `height` rows: its screen
 * slot, the index modulo the height. A page down then gives each slot's row new text (ink updates
 * 24 lines in place) instead of unmounting every row and mounting new ones, each with a new ink
 * node and yoga node; a window moved by one row moves one slot from top to bottom. The rows of a
 * window are consecutive, so their slots differ.
 */
export const slotKey = (index: number, height: number): string => String(index % Math.max(1, height));

export function Table<K extends string>({columns, rows, selected, height, first = 0, dim = false, empty, gone}: TableProps<K>) {
	const body = rows.slice(0, Math.max(0, height));
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate" dimColor={dim}>{headerLine(columns)}</Text>
			{body.length === 0 && empty ? <Text dimColor wrap="truncate">{empty}</Text> : null}
			{body.map((row, i) => (
				row.key === gone
					? <TableRow key={slotKey(first + i, height)} line={tableLine(columns, goneCells(columns, row.cells))} selected={i === selected} dim tone="muted" />
					: <TableRow key={slotKey(first + i, height)} line={tableLine(columns, row.cells)} selected={i === selected} dim={dim || row.dim === true} tone={row.tone ?? 'normal'} />
			))}
		</Box>
	);
}
