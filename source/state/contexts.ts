// State and actions in separate contexts (gemini-cli style): components that
// only act (key handlers, dialogs) do not re-render on every refresh.
import {createContext, useContext} from 'react';
import type {CriClient} from '../wire/cri-client.js';
import type {EndpointChoice} from './endpoints.js';
import type {HandOver} from './node-actions.js';
import type {NodeData, Part} from './node-data.js';
import type {Target, UiAction, UiState} from './ui-state.js';

export type NodeState = {data: NodeData; ui: UiState};

export type NodeActions = {
	dispatch: (action: UiAction) => void;
	/** Poll every part now (or only these parts: an event named them). */
	refresh: (parts?: readonly Part[]) => void;
	/**
	 * The client of the endpoint that owns `target` (with one endpoint: its client), or null
	 * while it is down. Several endpoints and no target: null (node-wide views need one node).
	 */
	client: (target?: Target) => CriClient | null;
	/** Connect to another runtime without restarting; data and selection start over. */
	switchEndpoint: (runtimeEndpoint: string, imageEndpoint?: string) => void;
	/**
	 * Give the real terminal to `run` (a shell), then take it back and repaint.
	 * Provided by the CLI's terminal guard; absent in tests and non-TTY runs.
	 */
	handOver?: HandOver;
	/** Live sockets for the endpoint picker. */
	probe: () => Promise<EndpointChoice[]>;
	quit: () => void;
};

export const NodeStateContext = createContext<NodeState | null>(null);
export const NodeActionsContext = createContext<NodeActions | null>(null);

export function useNodeState(): NodeState {
	const value = useContext(NodeStateContext);
	if (!value) throw new Error('useNodeState must be used inside <NodeStateContext.Provider>');
	return value;
}

export function useNodeActions(): NodeActions {
	const value = useContext(NodeActionsContext);
	if (!value) throw new Error('useNodeActions must be used inside <NodeActionsContext.Provider>');
	return value;
}
