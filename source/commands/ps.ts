// `ps`: crictl ps — containers (running only unless -a), with crictl's filters and output.
import {shortId} from '../format/ids.js';
import {containerStateText} from '../format/rows.js';
import type {ContainerFilter, ContainerState} from '../model/cri-types.js';
import {cut, created, fromLabels, listFlags, listOptions, newestFirst, printedOtherwise, tableId} from './lists.js';
import {protoJson} from './protojson.js';
import {outputOption, UsageError, type CommandSpec} from './spec.js';
import {renderTable} from './table.js';

const states: Record<string, ContainerState> = {
	created: 'CONTAINER_CREATED', running: 'CONTAINER_RUNNING', exited: 'CONTAINER_EXITED', unknown: 'CONTAINER_UNKNOWN',
};

export const ps: CommandSpec = {
	name: 'ps',
	usage: 'crisock-tui ps [-a] [--pod ID] [--name RE] [--namespace RE] [--state S] [--label K=V] [-q] [-o json|yaml|table]',
	summary: 'List containers',
	options: {
		...outputOption,
		...listOptions,
		all: {type: 'boolean', short: 'a'},
		pod: {type: 'string', short: 'p'},
		image: {type: 'string'},
	},
	async run({client, values, io, now}) {
		const filter: ContainerFilter = {};
		const state = values.state as string | undefined;
		if (state !== undefined) {
			const wanted = states[state.toLowerCase()];
			if (!wanted) throw new UsageError(`crisock-tui ps: --state ${JSON.stringify(state)} is not one of created, running, exited, unknown`);
			filter.state = {state: wanted};
		} else if (!values.all) {
			filter.state = {state: 'CONTAINER_RUNNING'};
		}

		const flags = listFlags('ps', values);
		if (flags.latest || flags.last > 0) delete filter.state;
		if (flags.labels) filter.labelSelector = flags.labels;
		const pod = values.pod as string | undefined;
		const image = values.image as string | undefined;

		const {items, truncated} = await client.listContainers(Object.keys(filter).length > 0 ? filter : undefined);
		if (truncated) io.warn(`${truncated}\n`);
		const containers = cut(newestFirst(items.filter(c =>
			flags.matches({id: c.id, labels: c.labels, name: c.metadata?.name ?? '', namespace: fromLabels(c.labels, 'io.kubernetes.pod.namespace')})
			&& (!pod || c.podSandboxId.startsWith(pod))
			&& (!image || c.image?.image === image || c.imageRef === image || c.imageRef.replace(/^sha256:/, '').startsWith(image.replace(/^sha256:/, ''))))), flags.latest, flags.last);
		if (printedOtherwise(ps, values, io, () => protoJson('ListContainersResponse', {containers}), containers.map(c => c.id))) return 0;

		const {noTrunc} = flags;
		const rows = containers.map(c => {
			let imageText = c.image?.image ?? '';
			// The kubelet puts the image ID here; crictl shows it like an ID.
			if (!noTrunc && /^[a-z0-9]+:[a-f0-9]{32,}$/.test(imageText)) imageText = shortId(imageText.slice(imageText.indexOf(':') + 1));
			return [
				tableId(c.id, noTrunc), imageText, created(c.createdAt, now), containerStateText(c.state), c.metadata?.name ?? '',
				String(c.metadata?.attempt ?? 0), tableId(c.podSandboxId, noTrunc),
				fromLabels(c.labels, 'io.kubernetes.pod.name'), fromLabels(c.labels, 'io.kubernetes.pod.namespace'),
			];
		});
		io.write(renderTable([['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'], ...rows]));
		return 0;
	},
};
