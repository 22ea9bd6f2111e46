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
};

export function useNodeData(options: UseNodeDataOptions): {data: NodeData; poller: React.RefObject<Poller | null>} {
	const {connect, runtimeEndpoint, intervalMs} = options;
	const imageEndpoint = options.imageEndpoint ?? runtimeEndpoint;
	const [data, dispatch] = useReducer(nodeDataReducer, undefined, () => initialNodeData(runtimeEndpoint, imageEndpoint));
	const poller = useRef<Poller | null>(null);
	// Kept in a ref so a new callback identity does not reconnect.
	const onFatal = useRef(options.onFatal);
	onFatal.current = options.onFatal;

	useEffect(() => {
		dispatch({type: 'endpoint-changed', runtimeEndpoint, imageEndpoint});
		// Started after the first frame: effects run once ink has painted "connecting to …".
		const p = startPoller({
			connect,
			runtimeEndpoint,
			imageEndpoint,
			intervalMs,
			dispatch,
			onFatal: onFatal.current ? error => onFatal.current?.(error) : undefined,
		});
		poller.current = p;
		return () => {
			p.dispose();
			if (poller.current === p) poller.current = null;
		};
	}, [connect, runtimeEndpoint, imageEndpoint, intervalMs]);

	return {data, poller};
}
