// What the dashboard knows about the node: the connection and the last data of
// each part. Kept apart from UI state so a refresh never touches selection.
import type {Container, Image, PodSandbox, StatusResponse, VersionResponse} from '../model/cri-types.js';
import type {FleetSummary} from './fleet-merge.js';
import {applyPatches, patchList, type ContainerPatch} from './container-patch.js';

/** One poll target; each has its own error so one failing RPC only blanks its own pane. */
export type Part = 'status' | 'pods' | 'containers' | 'images';
export const parts: readonly Part[] = ['status', 'pods', 'containers', 'images'];

export type Connection =
	| {phase: 'connecting'}
	| {phase: 'live'}
	/** since: ms epoch of the first failure; data stays and is shown greyed. */
	| {phase: 'disconnected'; since: number; lastError: string; attempt: number};

export type NodeData = {
	runtimeEndpoint: string;
	imageEndpoint: string;
	connection: Connection;
	version: VersionResponse | null;
	status: StatusResponse | null;
	pods: PodSandbox[];
	containers: Container[];
	images: Image[];
	/** Sentence per part whose last call failed while the connection itself was fine. */
	partErrors: Partial<Record<Part, string>>;
	/** Sentence per part whose list the runtime cut short. */
	truncated: Partial<Record<Part, string>>;
	/** Parts that have answered at least once on any connection. */
	loaded: Partial<Record<Part, boolean>>;
	/** ms epoch of the last successful list refresh. */
	lastRefresh: number | null;
	/** Every endpoint on the screen (fleet-merge.ts); absent where NodeData is one poller's own. */
	fleet?: FleetSummary;
	/**
	 * Container rows changed by events since the last containers list was asked
	 * for, by ID (null: removed); laid over a list answer that predates them.
	 * Absent where NodeData is merged from several endpoints (fleet-merge.ts).
	 */
	containerPatches?: ReadonlyMap<string, ContainerPatch>;
};

export type PartPayload =
	| {part: 'status'; value: StatusResponse}
	| {part: 'pods'; value: PodSandbox[]; truncated?: string}
	| {part: 'containers'; value: Container[]; truncated?: string}
	| {part: 'images'; value: Image[]; truncated?: string};

export type NodeDataAction =
	| {type: 'endpoint-changed'; runtimeEndpoint: string; imageEndpoint: string}
	| {type: 'connected'; version: VersionResponse}
	/** sentAt: when the call was made (patches learnt later are laid over its answer). @default at */
	| {type: 'part-loaded'; payload: PartPayload; at: number; sentAt?: number}
	/** An event named one container: its new row, or null when it was removed. */
	| {type: 'container-patched'; id: string; container: Container | null; at: number}
	| {type: 'part-failed'; part: Part; message: string}
	| {type: 'connection-lost'; message: string; at: number}
	| {type: 'retrying'};

const noPatches: ReadonlyMap<string, ContainerPatch> = new Map();

export function initialNodeData(runtimeEndpoint: string, imageEndpoint = runtimeEndpoint): NodeData {
	return {
		runtimeEndpoint,
		imageEndpoint,
		connection: {phase: 'connecting'},
		version: null,
		status: null,
		pods: [],
		containers: [],
		images: [],
		partErrors: {},
		truncated: {},
		loaded: {},
		lastRefresh: null,
		containerPatches: new Map(),
	};
}

function without<K extends string, V>(record: Partial<Record<K, V>>, key: K): Partial<Record<K, V>> {
	if (!(key in record)) return record;
	const copy = {...record};
	delete copy[key];
	return copy;
}

/** Same array, or two arrays holding the same objects in the same order. */
function sameItems(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

export function nodeDataReducer(state: NodeData, action: NodeDataAction): NodeData {
	switch (action.type) {
		case 'endpoint-changed': {
			// Another runtime's objects must never show under this one's name.
			return initialNodeData(action.runtimeEndpoint, action.imageEndpoint);
		}

		case 'connected': {
			// The poller's first Version repeats a seeded one (warm-connect.ts): nothing to render.
			if (state.version === action.version && state.connection.phase === 'live') return state;
			return {...state, version: action.version, connection: {phase: 'live'}};
		}

		case 'container-patched': {
			const containers = patchList(state.containers, action.id, action.container);
			const containerPatches = new Map(state.containerPatches ?? noPatches).set(action.id, {at: action.at, container: action.container});
			return {...state, containers, containerPatches};
		}

		case 'part-loaded': {
			let {payload} = action;
			const before = state.containerPatches ?? noPatches;
			let patches = before;
			if (payload.part === 'containers' && patches.size > 0) {
				const patched = applyPatches(payload.value, patches, action.sentAt ?? action.at);
				payload = {...payload, value: patched.list};
				patches = patched.patches;
			}

			const previous = payload.part === 'status' ? state.status : state[payload.part];
			// The wire layer hands back the same objects for unchanged answers and items: keep the
			// old array when every item is the same, so memoised selectors and rows do nothing.
			const value = sameItems(previous, payload.value) ? previous : payload.value;
			const truncated = payload.part === 'status' ? undefined : payload.truncated;
			const unchanged = value === previous
				&& patches === before
				&& !(payload.part in state.partErrors)
				&& state.loaded[payload.part] === true
				&& state.connection.phase === 'live'
				&& (payload.part === 'status' || state.truncated[payload.part] === truncated);
			// Nothing new and the header's clock (whole seconds) would read the same: no render at all.
			if (unchanged && state.lastRefresh !== null && Math.floor(state.lastRefresh / 1000) === Math.floor(action.at / 1000)) return state;
			const next: NodeData = {
				...state,
				partErrors: without(state.partErrors, payload.part),
				loaded: state.loaded[payload.part] ? state.loaded : {...state.loaded, [payload.part]: true},
				lastRefresh: action.at,
				containerPatches: patches,
				// An answer proves the socket is back even before Version ran again.
				connection: state.connection.phase === 'live' ? state.connection : {phase: 'live'},
			};
			if (payload.part === 'status') {
				next.status = value as StatusResponse;
			} else {
				next[payload.part] = value as never;
				if (state.truncated[payload.part] !== truncated) {
					next.truncated = truncated ? {...state.truncated, [payload.part]: truncated} : without(state.truncated, payload.part);
				}
			}

			return next;
		}

		case 'part-failed': {
			if (state.partErrors[action.part] === action.message) return state;
			return {...state, partErrors: {...state.partErrors, [action.part]: action.message}};
		}

		case 'connection-lost': {
			if (state.connection.phase === 'disconnected') {
				return {...state, connection: {...state.connection, lastError: action.message}};
			}

			return {...state, connection: {phase: 'disconnected', since: action.at, lastError: action.message, attempt: 0}};
		}

		case 'retrying': {
			if (state.connection.phase !== 'disconnected') return state;
			return {...state, connection: {...state.connection, attempt: state.connection.attempt + 1}};
		}
	}
}
