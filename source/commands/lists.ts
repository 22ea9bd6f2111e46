// What ps, pods and images share with crictl: the filter flags, newest first, --latest / --last,
// ID prefixes matched here (so every runtime, including those that want whole IDs, answers like
// containerd), and -o / -q printed the same way.
import {age} from '../format/age.js';
import {renderData} from './output.js';
import {countOf, formatOf, labelsOf, regexOf, type CommandIo, type CommandSpec, type Options, type Values} from './spec.js';

/** The flags ps and pods take alike (crictl's): --id, --name, --namespace, --state, --label, -q, --no-trunc, -l, -n. */
export const listOptions: Options = {
	id: {type: 'string'},
	name: {type: 'string'},
	namespace: {type: 'string'},
	state: {type: 'string', short: 's'},
	label: {type: 'string', multiple: true},
	quiet: {type: 'boolean', short: 'q'},
	'no-trunc': {type: 'boolean'},
	latest: {type: 'boolean', short: 'l'},
	last: {type: 'string', short: 'n'},
};

/** What an object shows to the shared filters. */
export type Listed = {id: string; labels?: Record<string, string>; name: string; namespace: string};

/** The shared flags read (a UsageError for a bad regex, label or count): the label selector for the runtime, and the rest matched here. */
export function listFlags(command: string, values: Values) {
	const labels = labelsOf(command, values);
	const name = regexOf(command, 'name', values.name as string | undefined);
	const namespace = regexOf(command, 'namespace', values.namespace as string | undefined);
	const id = values.id as string | undefined;
	return {
		labels,
		latest: values.latest === true,
		last: countOf(command, 'last', values.last as string | undefined, 0),
		noTrunc: values['no-trunc'] === true,
		/** --id (a prefix), --label (every pair), --name and --namespace (regexes), as crictl filters. */
		matches: (o: Listed) => (!id || o.id.startsWith(id))
			&& (!labels || Object.entries(labels).every(([k, v]) => o.labels?.[k] === v))
			&& (!name || name.test(o.name))
			&& (!namespace || namespace.test(o.namespace)),
	};
}

/** -o json|yaml prints `data()`, -q the IDs; true when one of them did (else the command prints its table). */
export function printedOtherwise(spec: CommandSpec, values: Values, io: CommandIo, data: () => unknown, ids: readonly string[]): boolean {
	const format = formatOf(spec, values);
	if (format !== 'table') {
		io.write(renderData(data(), format));
		return true;
	}

	if (values.quiet) {
		io.write(ids.map(id => `${id}\n`).join(''));
		return true;
	}

	return false;
}

const big = (s: string) => (/^-?\d+$/.test(s) ? BigInt(s) : 0n);

/** crictl's containerByCreated / sandboxByCreated: newest first. */
export function newestFirst<T extends {createdAt: string}>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => {
		const x = big(a.createdAt);
		const y = big(b.createdAt);
		return x === y ? 0 : x > y ? -1 : 1;
	});
}

/** --latest keeps one, --last N keeps N (0: all), as crictl. */
export function cut<T>(items: T[], latest: boolean, last: number): T[] {
	let n = items.length;
	if (latest) n = 1;
	if (last > 0) n = last;
	return items.slice(0, Math.min(n, items.length));
}

/** crictl's CREATED cell: "2 minutes ago". */
export function created(createdAt: string, now: number): string {
	return age(createdAt, now);
}

/** The ID crictl prints in a table: 13 characters unless --no-trunc. */
export function tableId(id: string, noTrunc: boolean, prefix = ''): string {
	const bare = prefix && id.startsWith(prefix) ? id.slice(prefix.length) : id;
	return noTrunc ? bare : bare.slice(0, 13);
}

/** `io.kubernetes.pod.name` etc. from labels, or crictl's "unknown". */
export function fromLabels(labels: Record<string, string> | undefined, key: string): string {
	return labels?.[key] ?? 'unknown';
}
