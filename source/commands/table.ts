// crictl's tables: Go's text/tabwriter with minwidth 20, padding 3 (every column but the last
// is at least 20 wide and 3 wider than its widest cell). Cells are sanitised (runtime strings
// are hostile) and measured in terminal columns.
import {cellWidth, sanitize} from '../format/sanitize.js';

const MIN_WIDTH = 20;
const PADDING = 3;
const CELL_MAX = 512;

/** The rows (the first is the header) as crictl's tabwriter lays them out, ending in a newline. */
export function renderTable(rows: ReadonlyArray<readonly string[]>): string {
	if (rows.length === 0) return '';
	const clean = rows.map(row => row.map(cell => sanitize(cell, {max: CELL_MAX})));
	const columns = Math.max(...clean.map(r => r.length));
	const widths: number[] = [];
	for (let c = 0; c < columns - 1; c++) {
		widths[c] = Math.max(MIN_WIDTH, ...clean.map(r => (r[c] === undefined ? 0 : cellWidth(r[c]) + PADDING)));
	}

	return clean.map(row => row.map((cell, c) => (c < row.length - 1 ? cell + ' '.repeat(Math.max(0, widths[c] - cellWidth(cell))) : cell)).join('')).join('\n') + '\n';
}

/** `Key: value` lines (crictl's inspect -o table, version). Values are sanitised. */
export function renderLines(lines: ReadonlyArray<readonly [string, string]>): string {
	return lines.map(([k, v]) => `${k}: ${sanitize(v, {max: 4096})}`).join('\n') + '\n';
}
