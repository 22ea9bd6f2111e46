// The NODE column of a screen with several endpoints: the owning endpoint's
// short name first on every row of every pane, and the rows of an endpoint
// that is down drawn greyed (its last data). One endpoint: no column at all,
// so single-endpoint screens are exactly as they were.
import type {Column} from '../format/columns.js';
import {sanitize} from '../format/sanitize.js';
import {ownerOf} from '../state/owner.js';

/** Several endpoints on screen: which of them are down now. */
export type NodeColumnProps = {down: ReadonlySet<string>};

const NODE_COLUMN: Column<'node'> = {key: 'node', header: 'NODE', width: {kind: 'flex', min: 4, max: 20, weight: 1}, align: 'left', keep: Number.POSITIVE_INFINITY};

/** The pane's columns with NODE first, or as they are without `node`. */
export function withNodeColumn<K extends string>(columns: ReadonlyArray<Column<K>>, node: NodeColumnProps | undefined): ReadonlyArray<Column<K | 'node'>> {
	return node ? [NODE_COLUMN, ...columns] : columns;
}

/** A row's cells with its endpoint's name under NODE. */
export function withNodeCell<R extends {cells: Record<string, string>}>(row: R, item: object, node: NodeColumnProps | undefined): R {
	if (!node) return row;
	return {...row, cells: {...row.cells, node: sanitize(ownerOf(item) ?? '', {max: 64})}};
}

/** True when the row's endpoint is down: it is drawn greyed. */
export function rowDown(item: object, node: NodeColumnProps | undefined): boolean {
	if (!node) return false;
	const owner = ownerOf(item);
	return owner !== undefined && node.down.has(owner);
}
