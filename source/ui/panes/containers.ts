// The containers pane's spec: `crictl ps -a` as a live table (running only with `a`).
import {containerColumns, type ContainerColumnKey} from '../../format/columns.js';
import {containerRow, type ContainerUsage, type ImageNames} from '../../format/rows.js';
import type {Container, PodSandbox} from '../../model/cri-types.js';
import {keyOfOwned, ownedKey, ownerOf} from '../../state/owner.js';
import type {ListSpec} from '../list-spec.js';

export type ContainersContext = {
	/** Pods by ownedKey(endpoint, ID) (use-pane-models.ts). */
	podsById: ReadonlyMap<string, PodSandbox>;
	/** Image ID → tag, so IMAGE shows names where the kubelet gave an ID. */
	imageNames?: ImageNames;
	/** CPU/MEM per container ID; when absent the CPU % and MEM columns are left out. */
	usage?: ReadonlyMap<string, ContainerUsage>;
	now: number;
	/** Exited ones shown too (crictl ps -a). @default true */
	showAll?: boolean;
};

export const containersSpec: ListSpec<Container, ContainerColumnKey, ContainersContext> = {
	sortPane: 'containers',
	columns: context => containerColumns(context.usage !== undefined),
	fit: 'cells',
	row(c, context) {
		// The pod of the container's own endpoint (another node may hold a pod with the same ID).
		const pods = {get: (id: string) => context.podsById.get(ownedKey(ownerOf(c), id))};
		return containerRow(c, pods, context.now, context.usage?.get(c.id), context.imageNames);
	},
	key: keyOfOwned,
	// Exited is the one to look at; created (not yet started) is muted.
	tone: c => (c.state === 'CONTAINER_RUNNING' ? 'normal' : c.state === 'CONTAINER_EXITED' ? 'bad' : 'muted'),
	noun: context => (context.showAll === false ? 'running containers' : 'containers'),
};
