// The data hook for one or several endpoints: one poller per endpoint (the same
// poller a single endpoint always had), each endpoint's answers folded into its
// own NodeData, the screen's NodeData merged from them (fleet-merge.ts). One
// endpoint is a list of one. Pollers of several endpoints start spread over one
// refresh period, so the nodes are not all asked at the same instant.
import {useEffect, useMemo, useReducer, useRef} from 'react';
import {endpointUri, type CrictlTarget} from '../format/crictl.js';
import type {CriClient} from '../wire/cri-client.js';
import {mergeFleet, newMergeCache, type FleetMember} from './fleet-merge.js';
import type {Container} from '../model/cri-types.js';
import type {NodeLogAccess} from './remote-logs.js';
import type {ExecDial} from './node-actions.js';
import {initialNodeData, nodeDataReducer, type NodeData, type NodeDataAction, type Part} from './node-data.js';
import {startPoller, type ConnectFn, type Poller} from './poller.js';

/** The slow poll kept while events drive refresh (catches anything a stream missed). */
export const safetyPollMs = 30_000;

/** One endpoint of the screen. */
export type FleetEndpoint = {
	/** Unique short name (NODE column, header, the owner of its objects). */
	name: string;
	/** Socket path on this machine (for a node over ssh: the forwarded local socket). */
	runtime: string;
	/** @default runtime */
	image?: string;
	/** What crictl needs to reach it. @default -r/-i of runtime/image */
	crictl?: CrictlTarget;
	/** @default false */
	simulated?: boolean;
	/** Resolves with a sentence when the transport under it is gone (the ssh master ended). */
	lost?: Promise<string>;
	/** The transport never came up (the node could not be reached): no poller, this sentence instead. */
	failed?: string;
	/** Its container logs are read there (a node over ssh). @default this machine's files */
	logs?: NodeLogAccess;
	/** Its exec streams are dialled through it (a node over ssh). @default directly */
	dialExec?: ExecDial;
	/**
	 * Answers already in hand before the first render (warm-connect.ts), applied to the first
	 * state only: the first frame shows them instead of "connecting". @default none
	 */
	seed?: readonly NodeDataAction[];
};

export type UseFleetDataOptions = {
	endpoints: readonly FleetEndpoint[];
	connect: ConnectFn;
	/** Refresh period, ms. @default 2000 */
	intervalMs?: number;
	/** The very first connection failed (one endpoint only; with several the others stay live). */
	onFatal?: (error: Error) => void;
	/**
	 * A healthy event stream refreshes the lists on each event: poll only every `safetyPollMs`
	 * then, and at the refresh period again the moment it stops.
	 * @default false
	 */
	streaming?: boolean;
};

export type FleetData = {
	/** What every pane reads. */
	data: NodeData;
	/** The live client of an endpoint, null while it is down. */
	clientOf: (name: string) => CriClient | null;
	/** Poll every endpoint now (or only these parts). */
	refresh: (parts?: readonly Part[]) => void;
	/**
	 * Replace (null: remove) one container's row, from an event (event-applier.ts). The events
	 * feed runs with one endpoint only (it needs one node's client), so the row is that endpoint's.
	 */
	patchContainer: (id: string, container: Container | null) => void;
	/** Change every poller's period. */
	pollers: () => Poller[];
};

type State = {byName: ReadonlyMap<string, NodeData>; down: ReadonlyMap<string, string>};
type NodeAction = {type: 'node'; name: string; action: NodeDataAction};
type Action =
	| {type: 'reset'; endpoints: readonly FleetEndpoint[]}
	| NodeAction
	| {type: 'nodes'; actions: readonly NodeAction[]}
	| {type: 'down'; name: string; message: string};

function fresh(endpoints: readonly FleetEndpoint[], seeded = false): State {
	const start = (e: FleetEndpoint) => {
		const data = initialNodeData(e.runtime, e.image ?? e.runtime);
		return seeded && e.seed ? e.seed.reduce(nodeDataReducer, data) : data;
	};
	return {byName: new Map(endpoints.map(e => [e.name, start(e)])), down: new Map(endpoints.filter(e => e.failed).map(e => [e.name, e.failed!]))};
}

function reducer(state: State, action: Action): State {
	if (action.type === 'reset') return fresh(action.endpoints);
	if (action.type === 'nodes') return action.actions.reduce(reducer, state);
	const current = state.byName.get(action.name);
	if (!current) return state;
	if (action.type === 'down') return {...state, down: new Map(state.down).set(action.name, action.message)};
	const next = nodeDataReducer(current, action.action);
	return next === current ? state : {...state, byName: new Map(state.byName).set(action.name, next)};
}

/** The time between two endpoints' first polls: one period shared out, at most 40 ms. */
export function spreadMs(intervalMs: number, count: number): number {
	return count <= 1 ? 0 : Math.min(40, Math.floor(intervalMs / count));
}

/** NodeData shown for an endpoint whose transport is down: its rows greyed, the reason said. */
function downData(data: NodeData, message: string): NodeData {
	const since = data.connection.phase === 'disconnected' ? data.connection.since : Date.now();
	return {...data, connection: {phase: 'disconnected', since, lastError: message, attempt: 0}};
}

export function useFleetData(options: UseFleetDataOptions): FleetData {
	const {endpoints, connect, intervalMs} = options;
	const [state, dispatch] = useReducer(reducer, endpoints, e => fresh(e, true));
	const pollers = useRef(new Map<string, Poller>());
	const onFatal = useRef(options.onFatal);
	onFatal.current = options.onFatal;
	const pollMs = options.streaming ? Math.max(safetyPollMs, intervalMs ?? 0) : intervalMs;
	const pollMsNow = useRef(pollMs);
	pollMsNow.current = pollMs;

	// The first state is already fresh (and seeded): reset only for later endpoints or settings.
	const mounted = useRef(false);
	useEffect(() => {
		if (mounted.current) dispatch({type: 'reset', endpoints});
		mounted.current = true;
		let disposed = false;
		const timers: NodeJS.Timeout[] = [];
		// The pollers' actions of one turn of the event loop in one dispatch: ink's React root is
		// legacy (each dispatch is a whole render), and the first round's answers (Version, Status,
		// the three lists) land together.
		let queued: NodeAction[] = [];
		const flush = () => {
			const actions = queued;
			queued = [];
			if (!disposed) dispatch(actions.length === 1 ? actions[0]! : {type: 'nodes', actions});
		};
		const enqueue = (action: NodeAction) => {
			if (queued.push(action) === 1) setImmediate(flush);
		};
		const step = spreadMs(pollMsNow.current ?? 2000, endpoints.length);
		const single = endpoints.length === 1;
		endpoints.forEach((e, i) => {
			if (e.failed) return;
			const start = () => {
				if (disposed) return;
				pollers.current.set(e.name, startPoller({
					connect,
					runtimeEndpoint: e.runtime,
					imageEndpoint: e.image ?? e.runtime,
					intervalMs: pollMsNow.current,
					dispatch: action => enqueue({type: 'node', name: e.name, action}),
					// One endpoint: a configured one that never answers ends the program (as before). Several: it is greyed.
					onFatal: single && onFatal.current ? error => onFatal.current?.(error) : undefined,
				}));
			};

			if (i === 0 || step === 0) start();
			else timers.push(setTimeout(start, i * step));
			void e.lost?.then(message => {
				if (!disposed) dispatch({type: 'down', name: e.name, message});
			});
		});
		return () => {
			disposed = true;
			for (const t of timers) clearTimeout(t);
			for (const p of pollers.current.values()) p.dispose();
			pollers.current.clear();
		};
	}, [connect, endpoints, intervalMs]);

	useEffect(() => {
		for (const p of pollers.current.values()) p.setIntervalMs(pollMs ?? 2000);
	}, [pollMs]);

	const cache = useRef(newMergeCache());
	const data = useMemo(() => {
		const members: FleetMember[] = endpoints.map(e => {
			const own = state.byName.get(e.name) ?? initialNodeData(e.runtime, e.image ?? e.runtime);
			const down = state.down.get(e.name);
			return {
				key: e.name,
				data: down ? downData(own, down) : own,
				crictl: e.crictl ?? {endpoint: endpointUri(e.runtime), imageEndpoint: endpointUri(e.image ?? e.runtime)},
				simulated: e.simulated,
				logs: e.logs,
				dialExec: e.dialExec,
			};
		});
		return mergeFleet(members, cache.current);
	}, [state, endpoints]);

	return useMemo(() => ({
		data,
		clientOf: (name: string) => (state.down.has(name) ? null : pollers.current.get(name)?.client ?? null),
		refresh(parts) {
			for (const p of pollers.current.values()) p.refresh(parts);
		},
		patchContainer(id, container) {
			if (endpoints.length !== 1) return;
			dispatch({type: 'node', name: endpoints[0].name, action: {type: 'container-patched', id, container, at: Date.now()}});
		},
		pollers: () => [...pollers.current.values()],
	}), [data, state.down, endpoints]);
}
