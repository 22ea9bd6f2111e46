// Everything the dashboard holds, made once for the providers: the node's
// data (polling, or the events feed when it streams), the UI store, the
// actions (gemini-cli's habit: state and actions in separate contexts, so what
// only acts does not re-render on every refresh), the troubleshooting feeds,
// the panes' models and the repaint after a hand-over.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {useApp} from 'ink';
import type {AppProps} from './app.js';
import type {NodeActions, NodeState} from '../state/contexts.js';
import type {ProbeFn} from '../state/endpoints.js';
import {initialUiState, topView} from '../state/ui-state.js';
import {useFleetData} from '../state/use-fleet-data.js';
import type {PatchContainer} from '../state/container-patch.js';
import {usePaneModels, type PaneModels} from '../state/use-pane-models.js';
import {usePinnedSelection} from '../state/use-pinned-selection.js';
import {useTroubleshooting, type TroubleshootingResult} from '../state/use-troubleshooting.js';
import {useUiStore, type UiStore} from '../state/use-ui-store.js';

/** The App props this hook reads (each documented on AppProps). */
export type AppStateOptions = Pick<AppProps, 'connect' | 'runtimeEndpoint' | 'imageEndpoint' | 'endpoints' | 'intervalMs' | 'probe' | 'startInPicker' | 'onFatal' | 'onQuit' | 'handOver' | 'registerRepaint' | 'initialUi' | 'hostRoot' | 'logOptions'>;

export type AppState = UiStore & {
	state: NodeState;
	actions: NodeActions;
	troubleshooting: TroubleshootingResult;
	models: PaneModels;
	/** The events feed streams: it drives refresh instead of polling (the header says so). */
	streaming: boolean;
	/** One blank frame after a hand-over, so ink rewrites every line. */
	blank: boolean;
};

const noProbe: ProbeFn = async () => [];

export function useAppState(props: AppStateOptions): AppState {
	const {exit} = useApp();
	// One endpoint is a list of one; the picker switches to a list of one.
	const [endpoint, setEndpoint] = useState(() => ({
		list: props.endpoints ?? [{name: 'endpoint', runtime: props.runtimeEndpoint, image: props.imageEndpoint ?? props.runtimeEndpoint}],
		initial: true,
	}));
	// Set from the events feed below (hooks run in order): a healthy stream drives refresh instead of polling.
	const [streaming, setStreaming] = useState(false);
	const fleet = useFleetData({
		streaming,
		connect: props.connect,
		endpoints: endpoint.list,
		intervalMs: props.intervalMs,
		onFatal: endpoint.initial ? props.onFatal : undefined,
	});
	const {data} = fleet;
	const fleetNow = useRef(fleet);
	fleetNow.current = fleet;
	const store = useUiStore(() => initialUiState({
		...(props.logOptions ? {logOptions: props.logOptions} : {}),
		...props.initialUi,
		views: props.startInPicker ? [{name: 'picker'}] : (props.initialUi?.views ?? []),
	}));
	const {ui, uiNow, dispatch} = store;
	const blank = useRepaintBlank(ui.repaint, dispatch, props.registerRepaint);

	const quit = useCallback(() => {
		exit();
		props.onQuit?.();
		// onQuit is fixed for the app's life.
	}, [exit]);

	const actions: NodeActions = useMemo(() => ({
		dispatch,
		refresh: parts => fleetNow.current.refresh(parts),
		client(target) {
			const members = fleetNow.current.data.fleet?.members ?? [];
			// One endpoint: its client for everything. Several: the owner's, and none without a target.
			if (members.length === 1) return fleetNow.current.clientOf(members[0].key);
			return target?.endpoint === undefined ? null : fleetNow.current.clientOf(target.endpoint);
		},
		switchEndpoint(runtime, image) {
			dispatch({type: 'endpoint-switched'});
			setEndpoint({list: [{name: 'endpoint', runtime, image: image ?? runtime}], initial: false});
		},
		handOver: props.handOver,
		probe: props.probe ?? noProbe,
		quit,
	}), [dispatch, props.handOver, props.probe, quit]);

	const state: NodeState = useMemo(() => ({data, ui}), [data, ui]);
	const patchContainer = useCallback<PatchContainer>((id, container) => fleetNow.current.patchContainer(id, container), []);
	const troubleshooting = useTroubleshooting({
		data, actions, patchContainer, intervalMs: props.intervalMs, hostRoot: props.hostRoot,
		// Triage shows a container's CPU/MEM whatever pane it was opened from.
		pane: topView(ui)?.name === 'triage' ? 'containers' : ui.pane,
	});
	const eventsStreaming = troubleshooting.value.events.streaming ?? false;
	useEffect(() => setStreaming(eventsStreaming), [eventsStreaming]);
	const paneUsage = useMemo(() => ({containers: troubleshooting.usage, pods: troubleshooting.podUsage}), [troubleshooting.usage, troubleshooting.podUsage]);
	const models = usePaneModels(data, ui, paneUsage, troubleshooting.value.events.events);
	usePinnedSelection(ui, uiNow, models, dispatch);
	return {...store, state, actions, troubleshooting, models, streaming, blank};
}

/** After a hand-over (ui.repaint bumped): one blank frame, then the full one. */
function useRepaintBlank(repaint: number, dispatch: UiStore['dispatch'], register?: (repaint: () => void) => void): boolean {
	const [blank, setBlank] = useState(false);
	const first = useRef(repaint);
	useEffect(() => {
		if (repaint === first.current) return;
		setBlank(true);
		const timer = setTimeout(() => setBlank(false), 50);
		return () => clearTimeout(timer);
	}, [repaint]);
	useEffect(() => {
		register?.(() => dispatch({type: 'repaint'}));
		// Registered once: the guard keeps the one function.
	}, []);
	return blank;
}
