// `info`: the runtime's conditions and, unless -q, its verbose info (crictl info).
import {renderLines} from './table.js';
import {protoJson} from './protojson.js';
import {formatOf, outputOption, type CommandSpec} from './spec.js';
import {renderStatusData} from './status-data.js';

/** StatusResponse fields 3 and 4 (decoded like the rest; types.ts lists only what the dashboard reads). */
type Newer = {
	runtimeHandlers?: Array<{name: string; features: {recursiveReadOnlyMounts: boolean; userNamespaces: boolean} | null}>;
	features?: {supplementalGroupsPolicy: boolean; userNamespacesHostNetwork: boolean} | null;
};

export const info: CommandSpec = {
	name: 'info', usage: 'crisock-tui info [-q] [-o json|yaml|table]', summary: 'Runtime conditions and configuration',
	options: {...outputOption, quiet: {type: 'boolean', short: 'q'}},
	formats: ['json', 'yaml', 'table'],
	async run({client, values, io}) {
		const r: Awaited<ReturnType<typeof client.status>> & Newer = await client.status(values.quiet !== true);
		const format = formatOf(info, values);
		if (format === 'table') {
			const conditions = r.status?.conditions ?? [];
			io.write(renderLines(conditions.map(c => [c.type, `${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`] as const)));
			return 0;
		}

		const extra: Record<string, unknown> = {};
		// crictl marshals these two with encoding/json: Go's field names, empty ones left out.
		if (r.runtimeHandlers?.length) {
			extra.runtimeHandlers = r.runtimeHandlers.map(h => ({name: h.name, ...(h.features ? {features: {recursive_read_only_mounts: h.features.recursiveReadOnlyMounts, user_namespaces: h.features.userNamespaces}} : {})}));
		}
		if (r.features) extra.features = {supplemental_groups_policy: r.features.supplementalGroupsPolicy, user_namespaces_host_network: r.features.userNamespacesHostNetwork};
		io.write(renderStatusData([{status: r.status ? protoJson('RuntimeStatus', r.status) : {}, info: r.info, extra}], format));
		return 0;
	},
};
