// CRI objects → table cells, as crictl prints them, every runtime-supplied
// string sanitised. Cells are keyed by column key (columns.ts), so the UI can
// show whichever columns layoutColumns kept.

import type {Container, ContainerState, ContainerStats, Image, PodSandbox, PodSandboxState} from '../model/cri-types.js';
import {age, compactAge} from './age.js';
import type {ContainerColumnKey, ImageColumnKey, PodColumnKey} from './columns.js';
import {isImageIdLike, shortId} from './ids.js';
import {sanitize} from './sanitize.js';
import {humanSize, imageSize} from './size.js';

/** Longest text kept in one cell (code points); no column is wider. */
export const CELL_MAX = 256;

/** A table row: `id` is the object's full ID (for actions), `cells` its text, `compact` shorter forms (fit-table.ts). */
export type Row<K extends string> = {id: string; cells: Record<K, string>; compact?: Partial<Record<K, string>>};
export type PodRow = Row<PodColumnKey>;
export type ContainerRow = Row<ContainerColumnKey>;
/** One row per repo tag, so `id` (the image ID) repeats; `key` is unique. */
export type ImageRow = Row<ImageColumnKey> & {key: string; repoTag: string};

const cell = (s: string | undefined | null) => sanitize(s ?? '', {max: CELL_MAX});

/** The kubelet's pod labels, from which crictl takes POD and NAMESPACE. */
export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** crictl's pod STATE text. */
export function podStateText(state: PodSandboxState | string): string {
	if (state === 'SANDBOX_READY') return 'Ready';
	if (state === 'SANDBOX_NOTREADY') return 'NotReady';
	return 'Unknown';
}

/** crictl's container STATE text. */
export function containerStateText(state: ContainerState | string): string {
	switch (state) {
		case 'CONTAINER_CREATED':
			return 'Created';
		case 'CONTAINER_RUNNING':
			return 'Running';
		case 'CONTAINER_EXITED':
			return 'Exited';
		default:
			return 'Unknown';
	}
}

/** A row of `crictl pods`. RUNTIME is the runtime handler, `(default)` when empty; CPU % / MEM from `stats` when given. */
export function podRow(pod: PodSandbox, nowMs: number, stats?: ContainerUsage): PodRow {
	return {
		id: pod.id,
		cells: {
			podId: cell(shortId(pod.id)),
			created: age(pod.createdAt, nowMs),
			state: podStateText(pod.state),
			name: cell(pod.metadata?.name),
			namespace: cell(pod.metadata?.namespace),
			attempt: String(pod.metadata?.attempt ?? 0),
			runtime: pod.runtimeHandler ? cell(pod.runtimeHandler) : '(default)',
			cpu: cpuText(stats),
			mem: memText(stats),
		},
		compact: {created: compactAge(pod.createdAt, nowMs)},
	};
}

/** Image ID / digest / repo digest → the name to show, see imageNames(). */
export type ImageNames = ReadonlyMap<string, string>;

/**
 * Index the image list so a container's IMAGE can show `repo:tag` instead of
 * an ID: keys are each image's ID, its bare hex, and its repo digests; the
 * value is its first repo tag. Untagged images are left out.
 */
export function imageNames(images: readonly Image[]): ImageNames {
	const names = new Map<string, string>();
	for (const image of images) {
		const name = image.repoTags[0];
		if (!name) continue;
		names.set(image.id, name);
		names.set(image.id.replace(/^sha256:/, ''), name);
		for (const digest of image.repoDigests) names.set(digest, name);
	}
	return names;
}

/**
 * Usage of one container for the CPU % and MEM columns. CPU % comes from the
 * change of usageCoreNanoSeconds between two samples (as crictl stats does;
 * every runtime fills it), or usageNanoCores when there is no earlier sample.
 */
export type ContainerUsage = {cpuPercent: number | null; memoryBytes: string | null};

// A runtime's int64 string, or null when it is not one (never throw on bad input).
const int64 = (s: string | undefined | null): bigint | null => (s && /^-?\d+$/.test(s) ? BigInt(s) : null);

/** Work out ContainerUsage from the current stats and, if known, the previous sample. */
export function containerUsage(current: ContainerStats, previous?: ContainerStats): ContainerUsage {
	const memoryBytes = current.memory?.workingSetBytes?.value ?? null;
	let cpuPercent: number | null = null;
	const cpu = current.cpu;
	const prev = previous?.cpu;
	const now = cpu?.usageCoreNanoSeconds?.value;
	const before = prev?.usageCoreNanoSeconds?.value;
	const t1 = int64(cpu?.timestamp);
	const t0 = int64(prev?.timestamp);
	const u1 = int64(now);
	const u0 = int64(before);
	if (t1 !== null && t0 !== null && u1 !== null && u0 !== null && t1 > t0) {
		cpuPercent = (Number(u1 - u0) / Number(t1 - t0)) * 100;
	}
	const nanoCores = int64(cpu?.usageNanoCores?.value);
	if (cpuPercent === null && nanoCores !== null) cpuPercent = Number(nanoCores) / 1e7;
	return {cpuPercent, memoryBytes};
}

/** The CPU % cell as `crictl stats` prints it ("12.34"); empty when unknown. */
export function cpuText(usage?: ContainerUsage): string {
	return usage?.cpuPercent == null ? '' : usage.cpuPercent.toFixed(2);
}

/** The MEM cell (working set, go-units HumanSize); empty when unknown. */
export function memText(usage?: ContainerUsage): string {
	return usage?.memoryBytes == null ? '' : humanSize(usage.memoryBytes);
}

/** The IMAGE cell of a container: the tag where the image list knows it, else as crictl shows it. */
export function containerImageText(container: Container, images?: ImageNames): string {
	const spec = container.image?.image ?? '';
	if (spec !== '' && !isImageIdLike(spec)) return cell(spec);
	// The kubelet puts the image ID here; crictl prints its first 13 hex.
	const known =
		images?.get(spec) ?? images?.get(container.imageRef) ?? images?.get(container.imageId);
	if (known) return cell(known);
	return cell(shortId(spec || container.imageRef || container.imageId));
}

/**
 * A row of `crictl ps -a`. POD and NAMESPACE come from the kubelet's labels
 * like crictl, else from the pod list, else `unknown` (crictl's word).
 */
export function containerRow(
	container: Container,
	podsById: Pick<ReadonlyMap<string, PodSandbox>, 'get'>,
	nowMs: number,
	stats?: ContainerUsage,
	images?: ImageNames,
): ContainerRow {
	const pod = podsById.get(container.podSandboxId);
	const labels = container.labels ?? {};
	return {
		id: container.id,
		cells: {
			containerId: cell(shortId(container.id)),
			image: containerImageText(container, images),
			created: age(container.createdAt, nowMs),
			state: containerStateText(container.state),
			name: cell(container.metadata?.name),
			attempt: String(container.metadata?.attempt ?? 0),
			podId: cell(shortId(container.podSandboxId)),
			podName: cell(labels[POD_NAME_LABEL] ?? pod?.metadata?.name ?? 'unknown'),
			namespace: cell(labels[POD_NAMESPACE_LABEL] ?? pod?.metadata?.namespace ?? 'unknown'),
			cpu: cpuText(stats),
			mem: memText(stats),
		},
		compact: {created: compactAge(container.createdAt, nowMs)},
	};
}

// crictl: repo from the first repo digest when there are no tags; `<none>` otherwise.
function repoTagPairs(image: Image): Array<[repo: string, tag: string, repoTag: string]> {
	const digestName = image.repoDigests[0]?.split('@');
	const fallback = digestName && digestName.length === 2 ? digestName[0] : '<none>';
	if (image.repoTags.length === 0) return [[fallback, '<none>', '']];
	return image.repoTags.map(repoTag => {
		const at = repoTag.lastIndexOf(':');
		// crictl prints errorRepoTag for a tag without `:`; showing it whole helps more.
		if (at === -1) return [repoTag, '<none>', repoTag];
		const repo = repoTag.slice(0, at);
		return [repo === '<none>' ? fallback : repo, repoTag.slice(at + 1), repoTag];
	});
}

/** The rows of `crictl images --pinned` for one image: one per repo tag. */
export function imageRows(image: Image): ImageRow[] {
	const imageId = cell(shortId(image.id));
	const size = imageSize(image.size);
	const pinned = String(Boolean(image.pinned));
	return repoTagPairs(image).map(([repo, tag, repoTag]) => ({
		id: image.id,
		key: `${image.id}\u0000${repoTag}`,
		repoTag,
		cells: {image: cell(repo), tag: cell(tag), imageId, size, pinned},
	}));
}
