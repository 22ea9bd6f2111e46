// Several endpoints' NodeData folded into the one NodeData every pane reads:
// lists concatenated (each object a copy owned by its endpoint, owner.ts), the
// connection live while any endpoint is, a failing part named by endpoint. One
// endpoint is the same data plus its `fleet` entry, so a one-endpoint screen is
// exactly what it was.
import type {CrictlTarget} from '../format/crictl.js';
import {parts, type Connection, type NodeData, type Part} from './node-data.js';
import {createTagger} from './owner.js';
import type {NodeLogAccess} from './remote-logs.js';
import type {ExecDial} from './node-actions.js';

/** One endpoint of the screen, as the header, the NODE column and crictl lines need it. */
export type FleetMember = {
	/** Unique short name: the NODE column, the header, the owner of its objects. */
	key: string;
	/** Its data; a transport that went away (ssh) shows here as disconnected with ssh's words. */
	data: NodeData;
	/** What crictl needs to reach it (an `ssh node` prefix for a node over ssh). */
	crictl: CrictlTarget;
	simulated?: boolean;
	/** Its logs are read on it (a node over ssh). @default this machine's files */
	logs?: NodeLogAccess;
	/** Its exec streams are dialled through it (a node over ssh). @default directly */
	dialExec?: ExecDial;
};

export type FleetSummary = {members: readonly FleetMember[]};

/** The per-endpoint caches a merge keeps between calls (one per screen). */
export type MergeCache = {
	taggers: Map<string, ReturnType<typeof createTagger>>;
	lists: Partial<Record<'pods' | 'containers' | 'images', {inputs: ReadonlyArray<readonly object[]>; out: readonly object[]}>>;
};

export const newMergeCache = (): MergeCache => ({taggers: new Map(), lists: {}});

/** Concatenation that returns the previous array when every input is the same as last time. */
function concatKept<T extends object>(cache: MergeCache, name: 'pods' | 'containers' | 'images', inputs: ReadonlyArray<readonly T[]>): T[] {
	const previous = cache.lists[name];
	if (previous && previous.inputs.length === inputs.length && previous.inputs.every((list, i) => list === inputs[i])) return previous.out as T[];
	const out = inputs.flat() as T[];
	cache.lists[name] = {inputs, out};
	return out;
}

function mergedConnection(members: readonly FleetMember[]): Connection {
	if (members.some(m => m.data.connection.phase === 'live')) return {phase: 'live'};
	if (members.some(m => m.data.connection.phase === 'connecting')) return {phase: 'connecting'};
	let since = Number.POSITIVE_INFINITY;
	let attempt = 0;
	const errors: string[] = [];
	for (const m of members) {
		if (m.data.connection.phase !== 'disconnected') continue;
		since = Math.min(since, m.data.connection.since);
		attempt = Math.max(attempt, m.data.connection.attempt);
		errors.push(`${m.key}: ${m.data.connection.lastError}`);
	}

	return {phase: 'disconnected', since: Number.isFinite(since) ? since : Date.now(), lastError: errors.join('; '), attempt};
}

/** "a: sentence; b: sentence" for the endpoints whose `part` failed (a disconnected one is said in the header). */
function joined(members: readonly FleetMember[], pick: (d: NodeData) => string | undefined): string | undefined {
	const said = members.filter(m => m.data.connection.phase !== 'disconnected' && pick(m.data)).map(m => `${m.key}: ${pick(m.data)!}`);
	return said.length > 0 ? said.join('; ') : undefined;
}

/** The screen's NodeData from its endpoints' (in order). */
export function mergeFleet(members: readonly FleetMember[], cache: MergeCache): NodeData {
	const fleet: FleetSummary = {members};
	if (members.length === 1) return {...members[0].data, fleet};
	const tagged = members.map(m => {
		let tag = cache.taggers.get(m.key);
		if (!tag) {
			tag = createTagger(m.key);
			cache.taggers.set(m.key, tag);
		}

		return {pods: tag(m.data.pods), containers: tag(m.data.containers), images: tag(m.data.images)};
	});
	const partErrors: NodeData['partErrors'] = {};
	const truncated: NodeData['truncated'] = {};
	const loaded: NodeData['loaded'] = {};
	for (const part of parts) {
		const error = joined(members, d => d.partErrors[part]);
		if (error) partErrors[part] = error;
		if (part !== 'status') {
			const cut = joined(members, d => d.truncated[part as Exclude<Part, 'status'>]);
			if (cut) truncated[part] = cut;
		}

		if (members.some(m => m.data.loaded[part])) loaded[part] = true;
	}

	const refreshed = members.map(m => m.data.lastRefresh).filter((t): t is number => t !== null);
	const first = members.find(m => m.data.version) ?? members[0];
	return {
		runtimeEndpoint: members[0].data.runtimeEndpoint,
		imageEndpoint: members[0].data.imageEndpoint,
		connection: mergedConnection(members),
		version: first.data.version,
		status: first.data.status,
		pods: concatKept(cache, 'pods', tagged.map(t => t.pods)),
		containers: concatKept(cache, 'containers', tagged.map(t => t.containers)),
		images: concatKept(cache, 'images', tagged.map(t => t.images)),
		partErrors,
		truncated,
		loaded,
		lastRefresh: refreshed.length > 0 ? Math.max(...refreshed) : null,
		fleet,
	};
}

/** The member that owns `key` (an object's owner), if any. */
export function memberOf(data: Pick<NodeData, 'fleet'>, key: string | undefined): FleetMember | undefined {
	return key === undefined ? undefined : data.fleet?.members.find(m => m.key === key);
}

/** The endpoint that owns `target` (the only one on a one-endpoint screen). */
export function ownerMember(data: Pick<NodeData, 'fleet'>, endpoint: string | undefined): FleetMember | undefined {
	const members = data.fleet?.members ?? [];
	return members.length === 1 ? members[0] : memberOf(data, endpoint);
}

/** More than one endpoint on the screen: rows carry a NODE column. */
export const isFleet = (data: Pick<NodeData, 'fleet'>): boolean => (data.fleet?.members.length ?? 0) > 1;
