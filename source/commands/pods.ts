// `pods`: crictl pods — pod sandboxes, newest first, with crictl's filters and output.
import {podStateText} from '../format/rows.js';
import type {PodSandboxFilter} from '../model/cri-types.js';
import {cut, created, listFlags, listOptions, newestFirst, printedOtherwise, tableId} from './lists.js';
import {protoJson} from './protojson.js';
import {outputOption, UsageError, type CommandSpec} from './spec.js';
import {renderTable} from './table.js';

export const pods: CommandSpec = {
	name: 'pods',
	usage: 'crisock-tui pods [--name RE] [--namespace RE] [--state ready|notready] [--label K=V] [--id ID] [-q] [-o json|yaml|table]',
	summary: 'List pod sandboxes',
	options: {
		...outputOption,
		...listOptions,
	},
	async run({client, values, io, now}) {
		const filter: PodSandboxFilter = {};
		const state = values.state as string | undefined;
		if (state !== undefined) {
			const wanted = {ready: 'SANDBOX_READY', notready: 'SANDBOX_NOTREADY'}[state.toLowerCase()] as 'SANDBOX_READY' | 'SANDBOX_NOTREADY' | undefined;
			if (!wanted) throw new UsageError(`crisock-tui pods: --state ${JSON.stringify(state)} is not ready or notready`);
			filter.state = {state: wanted};
		}

		const flags = listFlags('pods', values);
		if (flags.labels) filter.labelSelector = flags.labels;

		const {items, truncated} = await client.listPodSandbox(Object.keys(filter).length > 0 ? filter : undefined);
		if (truncated) io.warn(`${truncated}\n`);
		const list = cut(newestFirst(items.filter(p => flags.matches({id: p.id, labels: p.labels, name: p.metadata?.name ?? '', namespace: p.metadata?.namespace ?? ''}))), flags.latest, flags.last);
		if (printedOtherwise(pods, values, io, () => protoJson('ListPodSandboxResponse', {items: list}), list.map(p => p.id))) return 0;

		const {noTrunc} = flags;
		const rows = list.map(p => [
			tableId(p.id, noTrunc), created(p.createdAt, now), podStateText(p.state), p.metadata?.name ?? '', p.metadata?.namespace ?? '',
			String(p.metadata?.attempt ?? 0), p.runtimeHandler || '(default)',
		]);
		io.write(renderTable([['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], ...rows]));
		return 0;
	},
};
