// Column names in one place, with crictl's headers, and the layout that fits
// them to a terminal width. The UI and the non-TTY print both use these.
//
// Width policy: `fixed` columns always get their width (IDs are 13 like
// crictl); `flex` columns start at `min`, then share the spare columns by
// `weight` up to `max`. When even the minimums do not fit, columns are dropped
// in ascending `keep` order (lowest first); `keep: Infinity` never drops.
// Then dropped columns that fit again (a wide one went later) are put back.
// ATTEMPT (the restart count) is never dropped, and CREATED shrinks to the
// compact age ("5m", format/fit-table.ts) rather than go. At 80 columns pods
// drop RUNTIME beside CPU % / MEM, NAME ≥ 15; containers drop POD ID and IMAGE (and NAMESPACE
// beside CPU % / MEM), NAME ≥ 12, POD ≥ 13; images keep every column. At 120
// every container column is kept.

import type {Align} from './sanitize.js';

export type {Align};

export type WidthPolicy =
	| {kind: 'fixed'; width: number}
	| {kind: 'flex'; min: number; max: number; weight: number};

export type Column<K extends string = string> = {
	key: K;
	header: string;
	width: WidthPolicy;
	align: Align;
	/** Higher survives longer when the terminal is narrow; Infinity never drops. */
	keep: number;
};

export type PodColumnKey = 'podId' | 'created' | 'state' | 'name' | 'namespace' | 'attempt' | 'runtime' | 'cpu' | 'mem';
export type ContainerColumnKey =
	| 'containerId'
	| 'image'
	| 'created'
	| 'state'
	| 'name'
	| 'attempt'
	| 'podId'
	| 'podName'
	| 'namespace'
	| 'cpu'
	| 'mem';
export type ImageColumnKey = 'image' | 'tag' | 'imageId' | 'size' | 'pinned';
export type EventColumnKey = 'time' | 'age' | 'event' | 'name' | 'podName' | 'containerId' | 'exit';

const fixed = (width: number): WidthPolicy => ({kind: 'fixed', width});
const flex = (min: number, max: number, weight: number): WidthPolicy => ({kind: 'flex', min, max, weight});
const ALWAYS = Number.POSITIVE_INFINITY;

// "Less than a second ago" is 22 wide; 8 fits "CREATED↓" and every compact age ("7y364d").
const CREATED = flex(8, 22, 8);

/** `crictl pods`: POD ID, CREATED, STATE, NAME, NAMESPACE, ATTEMPT, RUNTIME. */
export const POD_COLUMNS: ReadonlyArray<Column<PodColumnKey>> = [
	{key: 'podId', header: 'POD ID', width: fixed(13), align: 'left', keep: ALWAYS},
	{key: 'created', header: 'CREATED', width: CREATED, align: 'left', keep: 50},
	{key: 'state', header: 'STATE', width: fixed(8), align: 'left', keep: ALWAYS},
	{key: 'name', header: 'NAME', width: flex(15, 63, 4), align: 'left', keep: ALWAYS},
	{key: 'namespace', header: 'NAMESPACE', width: flex(9, 40, 1), align: 'left', keep: 40},
	{key: 'attempt', header: 'ATTEMPT', width: fixed(7), align: 'right', keep: ALWAYS},
	{key: 'runtime', header: 'RUNTIME', width: flex(9, 20, 0), align: 'left', keep: 10},
];

// CPU % as `crictl stats` prints it ("12.34"); MEM is go-units HumanSize with 4 digits ("123.4MB").
const CPU = fixed(6);
const MEM = fixed(7);

/**
 * Pod columns, plus CPU % and MEM (the pod's own stats, or its containers'
 * sum) when any are known.
 */
export function podColumns(withStats: boolean): ReadonlyArray<Column<PodColumnKey>> {
	return withStats ? [
		...POD_COLUMNS,
		{key: 'cpu', header: 'CPU %', width: CPU, align: 'right', keep: 30},
		{key: 'mem', header: 'MEM', width: MEM, align: 'right', keep: 35},
	] : POD_COLUMNS;
}

/**
 * `crictl ps -a`: CONTAINER, IMAGE, CREATED, STATE, NAME, ATTEMPT, POD ID, POD
 * (newer crictl also prints NAMESPACE), plus CPU % and MEM as `crictl stats`
 * shows them; use `containerColumns(withStats)` to leave those two out.
 */
export const CONTAINER_COLUMNS: ReadonlyArray<Column<ContainerColumnKey>> = [
	{key: 'containerId', header: 'CONTAINER', width: fixed(13), align: 'left', keep: ALWAYS},
	{key: 'image', header: 'IMAGE', width: flex(10, 60, 2), align: 'left', keep: 28},
	{key: 'created', header: 'CREATED', width: CREATED, align: 'left', keep: 50},
	{key: 'state', header: 'STATE', width: fixed(7), align: 'left', keep: ALWAYS},
	{key: 'name', header: 'NAME', width: flex(12, 63, 3), align: 'left', keep: ALWAYS},
	{key: 'attempt', header: 'ATTEMPT', width: fixed(7), align: 'right', keep: ALWAYS},
	{key: 'podId', header: 'POD ID', width: fixed(13), align: 'left', keep: 15},
	{key: 'podName', header: 'POD', width: flex(13, 63, 3), align: 'left', keep: 60},
	{key: 'namespace', header: 'NAMESPACE', width: flex(9, 40, 1), align: 'left', keep: 29},
	{key: 'cpu', header: 'CPU %', width: CPU, align: 'right', keep: 30},
	{key: 'mem', header: 'MEM', width: MEM, align: 'right', keep: 35},
];

/** Container columns, without CPU % and MEM when no stats are known. */
export function containerColumns(withStats: boolean): ReadonlyArray<Column<ContainerColumnKey>> {
	return withStats ? CONTAINER_COLUMNS : CONTAINER_COLUMNS.filter(c => c.key !== 'cpu' && c.key !== 'mem');
}

/** `crictl images --pinned`: IMAGE, TAG, IMAGE ID, SIZE, PINNED. */
export const IMAGE_COLUMNS: ReadonlyArray<Column<ImageColumnKey>> = [
	{key: 'image', header: 'IMAGE', width: flex(20, 80, 4), align: 'left', keep: ALWAYS},
	{key: 'tag', header: 'TAG', width: flex(8, 40, 1), align: 'left', keep: ALWAYS},
	{key: 'imageId', header: 'IMAGE ID', width: fixed(13), align: 'left', keep: 30},
	{key: 'size', header: 'SIZE', width: fixed(7), align: 'right', keep: 40},
	{key: 'pinned', header: 'PINNED', width: fixed(6), align: 'left', keep: 10},
];

/**
 * The events pane (`crictl events`, newest first): TIME (UTC, as crictl prints it), AGE (moves
 * with the clock), EVENT ("stopped", "pod started"), NAME, POD, CONTAINER, EXIT (a stop's code).
 */
export const EVENT_COLUMNS: ReadonlyArray<Column<EventColumnKey>> = [
	{key: 'time', header: 'TIME', width: fixed(8), align: 'left', keep: 20},
	{key: 'age', header: 'AGE', width: CREATED, align: 'left', keep: ALWAYS},
	{key: 'event', header: 'EVENT', width: fixed(11), align: 'left', keep: ALWAYS},
	{key: 'name', header: 'NAME', width: flex(12, 63, 3), align: 'left', keep: ALWAYS},
	{key: 'podName', header: 'POD', width: flex(13, 63, 3), align: 'left', keep: 60},
	{key: 'containerId', header: 'CONTAINER', width: fixed(13), align: 'left', keep: 30},
	{key: 'exit', header: 'EXIT', width: fixed(4), align: 'right', keep: 50},
];

/** A column placed by layoutColumns: `width` is its width in terminal columns. */
export type LaidOutColumn<K extends string = string> = Omit<Column<K>, 'width'> & {width: number; policy: WidthPolicy};

const minWidth = (p: WidthPolicy) => (p.kind === 'fixed' ? p.width : p.min);

/**
 * Fit columns into `totalWidth` terminal columns with `gap` spaces between
 * them: drop the lowest-`keep` columns until the minimums fit, then share the
 * spare width among flex columns by weight. Order is kept. The result's widths
 * plus gaps never exceed `totalWidth` (on a very narrow terminal the kept
 * columns are squeezed, and those that still do not fit are left out).
 */
export function layoutColumns<K extends string>(
	columns: ReadonlyArray<Column<K>>,
	totalWidth: number,
	gap = 1,
): Array<LaidOutColumn<K>> {
	let kept = [...columns];
	const need = (cols: Array<Column<K>>) =>
		cols.reduce((sum, c) => sum + minWidth(c.width), 0) + gap * Math.max(0, cols.length - 1);

	const dropped: Array<Column<K>> = [];
	while (need(kept) > totalWidth) {
		let drop = -1;
		for (let i = 0; i < kept.length; i++) {
			if (kept[i].keep !== ALWAYS && (drop === -1 || kept[i].keep < kept[drop].keep)) drop = i;
		}
		if (drop === -1) break;
		dropped.push(...kept.splice(drop, 1));
	}
	// A wide column dropped late may have freed room for a narrower one dropped
	// earlier: put back, most wanted first, whatever still fits (order kept).
	for (const c of dropped.reverse()) {
		const tryKept = columns.filter(x => x === c || kept.includes(x));
		if (need(tryKept) <= totalWidth) kept = tryKept;
	}

	const widths = kept.map(c => minWidth(c.width));
	let spare = totalWidth - need(kept);
	if (spare < 0) return squeeze(kept, widths, totalWidth, gap);

	// Share spare columns by weight, a round at a time, respecting max.
	while (spare > 0) {
		const growable = kept
			.map((c, i) => ({c, i}))
			.filter(({c, i}) => c.width.kind === 'flex' && c.width.weight > 0 && widths[i] < c.width.max);
		if (growable.length === 0) break;
		const totalWeight = growable.reduce((s, {c}) => s + (c.width as {weight: number}).weight, 0);
		let given = 0;
		for (const {c, i} of growable) {
			const policy = c.width as {max: number; weight: number};
			const share = Math.max(1, Math.floor((spare * policy.weight) / totalWeight));
			const add = Math.min(share, policy.max - widths[i], spare - given);
			widths[i] += add;
			given += add;
			if (given >= spare) break;
		}
		if (given === 0) break;
		spare -= given;
	}
	return kept.map((c, i) => ({...c, policy: c.width, width: widths[i]}));
}

// Narrower than the must-keep columns: flex columns (names) give up room first,
// widest first down to 1, so fixed ones (IDs, STATE, ATTEMPT) keep their width
// while anything remains; only then shrink all in proportion (at least 1
// column each), and leave out whatever still does not fit.
function squeeze<K extends string>(
	kept: Array<Column<K>>,
	mins: number[],
	totalWidth: number,
	gap: number,
): Array<LaidOutColumn<K>> {
	const widths = [...mins];
	let excess = widths.reduce((a, b) => a + b, 0) + gap * Math.max(0, kept.length - 1) - totalWidth;
	while (excess > 0) {
		let widest = -1;
		for (const [i, c] of kept.entries()) {
			if (c.width.kind === 'flex' && widths[i] > 1 && (widest === -1 || widths[i] > widths[widest])) widest = i;
		}
		if (widest === -1) break;
		widths[widest]--;
		excess--;
	}
	if (excess <= 0) return kept.map((c, i) => ({...c, policy: c.width, width: widths[i]}));

	const sumMin = widths.reduce((a, b) => a + b, 0);
	const room = Math.max(0, totalWidth - gap * Math.max(0, kept.length - 1));
	const out: Array<LaidOutColumn<K>> = [];
	let used = 0;
	for (const [i, c] of kept.entries()) {
		const w = Math.max(1, Math.floor((widths[i] * room) / sumMin));
		const next = used + (out.length > 0 ? gap : 0) + w;
		if (next > totalWidth) break;
		out.push({...c, policy: c.width, width: w});
		used = next;
	}
	return out;
}
