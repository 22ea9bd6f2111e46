// The data hook: one poller per endpoint, its answers folded into NodeData.
import {useEffect, useReducer, useRef} from 'react';
import {initialNodeData, nodeDataReducer, type NodeData} from './node-data.js';
import {startPoller, type ConnectFn, type Poller} from './poller.js';

export type UseNodeDataOptions = {
	connect: ConnectFn;
	runtimeEndpoint: string;
	/** @default runtimeEndpoint */
	imageEndpoint?: string;
	/** Refresh period, ms. @default 2000 */
	intervalMs?: number;
	/** The very first connection failed (see startPoller). */
	onFatal?: (error: Error) => void;
	/**
	 * A healthy event stream refreshes the lists on each event: poll only
	 * every `safetyPollMs` then, and at `intervalMs` again the moment it stops.
	 * @default false
	 */
	streaming?: boolean;
};

/** The slow poll kept while events drive refresh (catches anything a stream missed). */
export const safetyPollMs = 30_000;

export function useNodeData(options: UseNodeDataOptions): {data: NodeData; poller: React.RefObject<Poller | null>} {
	const {connect, runtimeEndpoint, intervalMs} = options;
	const imageEndpoint = options.imageEndpoint ?? runtimeEndpoint;
	const [data, dispatch] = useReducer(nodeDataReducer, undefined, () => initialNodeData(runtimeEndpoint, imageEndpoint));
	const poller = useRef<Poller | null>(null);
	// Kept in a ref so a new callback identity does not reconnect.
	const onFatal = useRef(options.onFatal);
	onFatal.current = options.onFatal;
	const pollMs = options.streaming ? Math.max(safetyPollMs, intervalMs ?? 0) : intervalMs;
	const pollMsNow = useRef(pollMs);
	pollMsNow.current = pollMs;

	useEffect(() => {
		dispatch({type: 'endpoint-changed', runtimeEndpoint, imageEndpoint});
		// Started after the first frame: effects run once ink has painted "connecting to …".
		const p = startPoller({
			connect,
			runtimeEndpoint,
			imageEndpoint,
			intervalMs: pollMsNow.current,
			dispatch,
			onFatal: onFatal.current ? error => onFatal.current?.(error) : undefined,
		});
		poller.current = p;
		return () => {
			p.dispose();
			if (poller.current === p) poller.current = null;
		};
	}, [connect, runtimeEndpoint, imageEndpoint, intervalMs]);

	useEffect(() => {
		poller.current?.setIntervalMs(pollMs ?? 2000);
	}, [pollMs]);

	return {data, poller};
}
