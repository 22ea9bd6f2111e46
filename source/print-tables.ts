// Non-TTY mode (`ssh node crisock-tui | less`): the three tables as plain
// text, laid out like crictl's (left-aligned columns, three spaces apart, IDs
// 13 characters, newest pods and containers first), each under a `#` line
// naming the equivalent crictl command. Pure: the CLI prints the result.

import type {Container, Image, PodSandbox, VersionResponse} from './model/cri-types.js';
import {
	IMAGE_COLUMNS,
	POD_COLUMNS,
	containerColumns,
	layoutColumns,
	type Column,
} from './format/columns.js';
import {crictlImages, crictlPods, crictlPs, type CrictlTarget} from './format/crictl.js';
import {containerRow, imageNames, imageRows, podRow, type ContainerUsage, type Row} from './format/rows.js';
import {cellWidth, fitCell, sanitize} from './format/sanitize.js';

export type PrintInput = {
	/** null when Version failed. */
	version: VersionResponse | null;
	pods: readonly PodSandbox[];
	containers: readonly Container[];
	images: readonly Image[];
	/** CPU % / MEM by container ID; the columns appear only when given and non-empty. */
	usage?: ReadonlyMap<string, ContainerUsage>;
	/** Endpoints, so the `#` lines show the crictl command with the right flags. */
	target?: CrictlTarget;
};

/** crictl's tabwriter padding between columns. */
export const COLUMN_GAP = 3;

const newestFirst = (a: {createdAt: string}, b: {createdAt: string}) => {
	const x = toBig(a.createdAt);
	const y = toBig(b.createdAt);
	return x === y ? 0 : x > y ? -1 : 1;
};

function toBig(s: string): bigint {
	return /^-?\d+$/.test(s) ? BigInt(s) : 0n;
}

const imageKey = (i: Image) => i.repoTags[0] ?? i.repoDigests[0] ?? i.id;

/**
 * The runtime line and the pods, containers and images tables as one string
 * ending in a newline. Without `width` nothing is cut but what crictl cuts
 * (IDs); with it, every line fits in `width` columns (low-priority columns
 * dropped first, as in the dashboard).
 */
export function printTables(input: PrintInput, nowMs: number, width?: number): string {
	const target = input.target ?? {};
	const v = input.version;
	const runtime = v
		? sanitize(`${v.runtimeName} ${v.runtimeVersion} (CRI ${v.runtimeApiVersion})`, {max: 200})
		: 'unknown (Version call failed)';

	const pods = [...input.pods].sort(newestFirst);
	const podsById = new Map(input.pods.map(p => [p.id, p]));
	const names = imageNames(input.images);
	const withStats = (input.usage?.size ?? 0) > 0;
	const containers = [...input.containers]
		.sort(newestFirst)
		.map(c => containerRow(c, podsById, nowMs, input.usage?.get(c.id), names));
	const images = [...input.images]
		.sort((a, b) => (imageKey(a) < imageKey(b) ? -1 : imageKey(a) > imageKey(b) ? 1 : 0))
		.flatMap(imageRows);

	const blocks = [
		`# runtime: ${runtime}`,
		`# pods (${crictlPods(target)})\n${table(POD_COLUMNS, pods.map(p => podRow(p, nowMs)), width)}`,
		`# containers (${crictlPs(target)})\n${table(containerColumns(withStats), containers, width)}`,
		`# images (${crictlImages(target, {pinned: true})})\n${table(IMAGE_COLUMNS, images, width)}`,
	];
	// The `#` lines too: a long endpoint must not wrap in a narrow pager.
	const fit = (block: string) =>
		width === undefined ? block : block.replace(/^#.*/, line => fitCell(line, width).trimEnd());
	return blocks.map(fit).join('\n\n') + '\n';
}

function table<K extends string>(columns: ReadonlyArray<Column<K>>, rows: ReadonlyArray<Row<K>>, width?: number): string {
	const natural = columns.map(c => Math.max(cellWidth(c.header), ...rows.map(r => cellWidth(r.cells[c.key]))));
	const naturalTotal = natural.reduce((a, b) => a + b, 0) + COLUMN_GAP * (columns.length - 1);

	let placed: Array<{key: K; header: string; width: number}>;
	if (width === undefined || naturalTotal <= width) {
		placed = columns.map((c, i) => ({key: c.key, header: c.header, width: natural[i]}));
	} else {
		const index = new Map(columns.map((c, i) => [c.key, i]));
		placed = layoutColumns(columns, width, COLUMN_GAP).map(c => ({
			key: c.key,
			header: c.header,
			width: Math.min(c.width, natural[index.get(c.key)!]),
		}));
		// Capping at the natural width frees room: give it to cut columns, left first.
		let spare = width - placed.reduce((sum, c) => sum + c.width, 0) - COLUMN_GAP * (placed.length - 1);
		for (const c of placed) {
			const add = Math.min(spare, natural[index.get(c.key)!] - c.width);
			if (add > 0) {
				c.width += add;
				spare -= add;
			}
		}
	}

	const line = (text: (key: K, header: string) => string) =>
		placed
			.map(c => fitCell(text(c.key, c.header), c.width))
			.join(' '.repeat(COLUMN_GAP))
			.trimEnd();
	return [line((_, h) => h), ...rows.map(r => line(k => r.cells[k]))].join('\n');
}
