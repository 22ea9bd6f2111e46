// Fits table rows to a width the way k9s does: a column never takes more room
// than its widest visible cell needs (so NAME does not keep empty space while
// CREATED is cut), and a column whose cells still do not fit uses their
// compact form when they have one (ages: "5m" for "5 minutes ago").
import {layoutColumns, type Column, type LaidOutColumn} from './columns.js';
import {cellWidth} from './sanitize.js';

/** Cells by column key, plus compact forms for some keys. */
export type FitRow<K extends string> = {cells: Record<K, string>; compact?: Partial<Record<K, string>>};

export type FittedTable<K extends string> = {columns: Array<LaidOutColumn<K>>; cells: Array<Record<K, string>>};

/**
 * Lays out `columns` in `width` with each flex column capped at what its
 * cells (and header) need, then swaps in compact cells that would be cut.
 */
export function fitTable<K extends string>(columns: ReadonlyArray<Column<K>>, rows: ReadonlyArray<FitRow<K>>, width: number, gap = 1): FittedTable<K> {
	const need = new Map<K, number>();
	for (const c of columns) need.set(c.key, cellWidth(c.header));
	for (const row of rows) {
		for (const c of columns) {
			const w = cellWidth(row.cells[c.key] ?? '');
			if (w > need.get(c.key)!) need.set(c.key, w);
		}
	}

	// A flex column needs no more than its widest cell (and never less than its header);
	// a fixed one is at least as wide as its header (which may carry a sort arrow).
	const capped = columns.map(c => {
		if (c.width.kind !== 'flex') return {...c, width: {kind: 'fixed' as const, width: Math.max(c.width.width, cellWidth(c.header))}};
		const wants = Math.min(c.width.max, need.get(c.key)!);
		const min = Math.max(cellWidth(c.header), Math.min(c.width.min, wants));
		return {...c, width: {...c.width, min, max: Math.max(min, wants)}};
	});
	const laid = layoutColumns(capped, width, gap);
	const widthOf = new Map(laid.map(c => [c.key, c.width]));
	// One form per column: when any cell would be cut, the whole column goes compact.
	const compactKeys = new Set<K>();
	for (const row of rows) {
		for (const key of Object.keys(row.compact ?? {}) as K[]) {
			const w = widthOf.get(key);
			if (w !== undefined && cellWidth(row.cells[key] ?? '') > w) compactKeys.add(key);
		}
	}

	const cells = rows.map(row => {
		if (!row.compact || compactKeys.size === 0) return row.cells;
		const out = {...row.cells};
		for (const key of compactKeys) if (row.compact[key] !== undefined) out[key] = row.compact[key]!;
		return out;
	});
	// Each column reports its own policy, not the capped one.
	const columnsOut = laid.map(c => ({...c, policy: columns.find(x => x.key === c.key)!.width}));
	return {columns: columnsOut, cells};
}
