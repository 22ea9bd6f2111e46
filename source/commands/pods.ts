// `pods`: crictl pods — pod sandboxes, newest first, with crictl's filters and output.
import {podStateText} from '../format/rows.js';
import type {PodSandboxFilter} from '../model/cri-types.js';
import {cut, created, newestFirst, tableId} from './lists.js';
import {renderData} from './output.js';
import {protoJson} from './protojson.js';
import {countOf, formatOf, labelsOf, outputOption, regexOf, UsageError, type CommandSpec} from './spec.js';
import {renderTable} from './table.js';

export const pods: CommandSpec = {
	name: 'pods',
	usage: 'crisock-tui pods [--name RE] [--namespace RE] [--state ready|notready] [--label K=V] [--id ID] [-q] [-o json|yaml|table]',
	summary: 'List pod sandboxes',
	options: {
		...outputOption,
		id: {type: 'string'},
		name: {type: 'string'},
		namespace: {type: 'string'},
		state: {type: 'string', short: 's'},
		label: {type: 'string', multiple: true},
		quiet: {type: 'boolean', short: 'q'},
		'no-trunc': {type: 'boolean'},
		latest: {type: 'boolean', short: 'l'},
		last: {type: 'string', short: 'n'},
	},
	async run({client, values, io, now}) {
		const filter: PodSandboxFilter = {};
		const state = values.state as string | undefined;
		if (state !== undefined) {
			const wanted = {ready: 'SANDBOX_READY', notready: 'SANDBOX_NOTREADY'}[state.toLowerCase()] as 'SANDBOX_READY' | 'SANDBOX_NOTREADY' | undefined;
			if (!wanted) throw new UsageError(`crisock-tui pods: --state ${JSON.stringify(state)} is not ready or notready`);
			filter.state = {state: wanted};
		}

		const labels = labelsOf('pods', values);
		if (labels) filter.labelSelector = labels;
		const name = regexOf('pods', 'name', values.name as string | undefined);
		const namespace = regexOf('pods', 'namespace', values.namespace as string | undefined);
		const id = values.id as string | undefined;
		const last = countOf('pods', 'last', values.last as string | undefined, 0);

		const {items, truncated} = await client.listPodSandbox(Object.keys(filter).length > 0 ? filter : undefined);
		if (truncated) io.warn(`${truncated}\n`);
		const list = cut(newestFirst(items.filter(p =>
			(!id || p.id.startsWith(id))
			&& (!labels || Object.entries(labels).every(([k, v]) => p.labels?.[k] === v))
			&& (!name || name.test(p.metadata?.name ?? ''))
			&& (!namespace || namespace.test(p.metadata?.namespace ?? '')))), values.latest === true, last);

		const format = formatOf(pods, values);
		if (format !== 'table') {
			io.write(renderData(protoJson('ListPodSandboxResponse', {items: list}), format));
			return 0;
		}

		if (values.quiet) {
			io.write(list.map(p => `${p.id}\n`).join(''));
			return 0;
		}

		const noTrunc = values['no-trunc'] === true;
		const rows = list.map(p => [
			tableId(p.id, noTrunc), created(p.createdAt, now), podStateText(p.state), p.metadata?.name ?? '', p.metadata?.namespace ?? '',
			String(p.metadata?.attempt ?? 0), p.runtimeHandler || '(default)',
		]);
		io.write(renderTable([['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], ...rows]));
		return 0;
	},
};
