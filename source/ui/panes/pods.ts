// The pods pane's spec: `crictl pods` as a live table.
import {podColumns, type PodColumnKey} from '../../format/columns.js';
import {podRow, type ContainerUsage} from '../../format/rows.js';
import type {PodSandbox} from '../../model/cri-types.js';
import {keyOfOwned} from '../../state/owner.js';
import type {ListSpec} from '../list-spec.js';

export type PodsContext = {
	/** ms epoch the ages are counted to. */
	now: number;
	/** CPU/MEM per pod ID (its own stats or its containers' sum); when absent the columns are left out. */
	usage?: ReadonlyMap<string, ContainerUsage>;
};

export const podsSpec: ListSpec<PodSandbox, PodColumnKey, PodsContext> = {
	sortPane: 'pods',
	columns: context => podColumns(context.usage !== undefined),
	fit: 'cells',
	row: (pod, context) => podRow(pod, context.now, context.usage?.get(pod.id)),
	key: keyOfOwned,
	tone: pod => (pod.state === 'SANDBOX_READY' ? 'normal' : 'muted'),
	noun: () => 'pods',
};
