// The dashboard: header, pane tabs, the current pane (or the view on top of
// the view stack), footer. Keys go through the keymap table; commands are
// handled in `useMainKeys` (main-keys.ts); views register their own handler
// with the one key dispatcher (key-dispatch.ts, view-keys.ts).
import React, {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, useApp, useStdout} from 'ink';
import {crictlImages, crictlPods, crictlPs} from '../format/crictl.js';
import {crictlFilterFlags, parseFilter} from '../format/filter-query.js';
import {imageNames as indexImageNames} from '../format/rows.js';
import {NodeActionsContext, NodeStateContext, type NodeActions, type NodeState} from '../state/contexts.js';
import type {ProbeFn} from '../state/endpoints.js';
import type {ConnectFn} from '../state/poller.js';
import {initialUiState, topView, uiReducer, type Pane, type SortState, type UiAction, type UiState} from '../state/ui-state.js';
import type {HandOver} from '../state/node-actions.js';
import type {LogOptions} from '../state/logs-view-keys.js';
import type {PodUsageSource} from '../state/pod-usage.js';
import {useNodeData} from '../state/use-node-data.js';
import {TroubleshootingContext, useTroubleshooting} from '../state/use-troubleshooting.js';
import {usePaneModels} from '../state/use-pane-models.js';
import {usePinnedSelection} from '../state/use-pinned-selection.js';
import {crictlTargetOf} from './crictl-target.js';
import {FilterBar} from './filter-bar.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {useKeyDispatcher} from './key-dispatch.js';
import {useMainKeys} from './main-keys.js';
import {emptyText} from './list-spec.js';
import {ListPane} from './list-pane.js';
import {containersSpec} from './panes/containers.js';
import {imagesSpec} from './panes/images.js';
import {podsSpec} from './panes/pods.js';
import {sortLabel} from './sort-mark.js';
import {ThemeContext, colorTheme, noColorTheme} from './theme.js';
import {TooSmall, isTooSmall} from './too-small.js';
import {ViewKeysContext} from './view-keys.js';
import {views} from './views.js';

export type AppProps = {
	/** Makes a client for an endpoint; called on every (re)connection. Tests pass `() => fakeClient`. */
	connect: ConnectFn;
	/** Socket path to show first. */
	runtimeEndpoint: string;
	/** @default runtimeEndpoint */
	imageEndpoint?: string;
	/** Refresh period, ms. @default 2000 */
	intervalMs?: number;
	/** Shows the READ-ONLY badge and refuses x before asking. @default false */
	readOnly?: boolean;
	/** No colour props at all (NO_COLOR / --no-color). @default false */
	noColor?: boolean;
	/** Fixed size (tests); otherwise the terminal's, following resizes. */
	size?: {columns: number; rows: number};
	/** Live sockets for the endpoint picker. @default none */
	probe?: ProbeFn;
	/** Open the endpoint picker at start (several live sockets were found). @default false */
	startInPicker?: boolean;
	/** Where the endpoint came from, shown in the header (e.g. "demo"). */
	origin?: string;
	/** The endpoint is the built-in simulated node: a badge says so, so it is never taken for a real node. @default false */
	simulated?: boolean;
	/**
	 * The very first connection to the initial endpoint failed (an explicitly
	 * configured endpoint): the CLI leaves the screen, prints the sentence, exits 1.
	 * When absent, the app keeps retrying and shows the disconnected banner.
	 */
	onFatal?: (error: Error) => void;
	/** Called after q / Ctrl-C, once ink has been told to exit. */
	onQuit?: () => void;
	/** The terminal guard's hand-over (for shells). */
	handOver?: HandOver;
	/** The guard calls the registered function after a hand-over to repaint everything. */
	registerRepaint?: (repaint: () => void) => void;
	/** Initial UI state (tests). */
	initialUi?: Partial<UiState>;
	/** Where the node's filesystem is mounted (--host-root); log paths are read under it. */
	hostRoot?: string;
	/** How logs views read at first (--tail, --since). @default defaultLogOptions (--tail 200) */
	logOptions?: LogOptions;
};

const noProbe: ProbeFn = async () => [];
/** The images spec reads nothing besides its rows. */
const noContext = {};
/** Header 2 + tabs 1 + footer 2, and one spare row so ink never takes its clear-the-screen full-height path. */
const CHROME_ROWS = 6;

function useTerminalSize(fixed?: {columns: number; rows: number}) {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
		// `read` reads stdout, which is a dependency.
	}, [stdout, fixed]);
	return fixed ?? size;
}

/** The main screen's key hint: the most used keys and the pane's sort (also on its column header). */
export function paneHint(pane: Pane, sort: SortState): string {
	const label = sortLabel(pane, sort);
	const keys = pane === 'images' ? 'N/Z' : 'C/M/N/A';
	const sorting = label ? `  sort ${label} ${keys}` : '';
	if (pane === 'containers') return `?help /filter Enter open l logs s shell x stop :cmd${sorting}`;
	if (pane === 'images') return `?help /filter Enter inspect Ctrl-D remove :cmd${sorting}  q quit`;
	return `?help /filter Enter containers x stop :cmd${sorting}  q quit`;
}

/** Says when the pods' CPU/MEM are sums of their containers' (the pod's own overhead is not in them). */
function podUsageNote(source: PodUsageSource | null): string | undefined {
	if (source === 'sum') return 'CPU/MEM: sum of its containers (crictl stats)';
	if (source === 'mixed') return 'CPU/MEM: pod stats, else sum of its containers';
	return undefined;
}

export function App(props: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize(props.size);
	const [endpoint, setEndpoint] = useState({runtime: props.runtimeEndpoint, image: props.imageEndpoint ?? props.runtimeEndpoint, initial: true});
	// Set from the events feed below (hooks run in order): a healthy stream drives refresh instead of polling.
	const [streaming, setStreaming] = useState(false);
	const {data, poller} = useNodeData({
		streaming,
		connect: props.connect,
		runtimeEndpoint: endpoint.runtime,
		imageEndpoint: endpoint.image,
		intervalMs: props.intervalMs,
		onFatal: endpoint.initial ? props.onFatal : undefined,
	});
	const [ui, reactDispatch] = useReducer(uiReducer, undefined, () =>
		initialUiState({...(props.logOptions ? {logOptions: props.logOptions} : {}), ...props.initialUi, views: props.startInPicker ? [{name: 'picker'}] : (props.initialUi?.views ?? [])}));
	// The same reducer applied eagerly, so a key handler sees the effect of the
	// previous key even when both arrive before React re-rendered (fast typing,
	// type-ahead over ssh): "/web" never loses letters, "2j" moves in containers.
	const uiNow = useRef(ui);
	const dispatch = useCallback((action: UiAction) => {
		uiNow.current = uiReducer(uiNow.current, action);
		reactDispatch(action);
	}, []);

	// After a hand-over: one blank frame, then the full one, so ink rewrites every line.
	const [blank, setBlank] = useState(false);
	const firstRepaint = useRef(ui.repaint);
	useEffect(() => {
		if (ui.repaint === firstRepaint.current) return;
		setBlank(true);
		const timer = setTimeout(() => setBlank(false), 50);
		return () => clearTimeout(timer);
	}, [ui.repaint]);
	useEffect(() => {
		props.registerRepaint?.(() => dispatch({type: 'repaint'}));
		// Registered once: the guard keeps the one function.
	}, []);

	const quit = useCallback(() => {
		exit();
		props.onQuit?.();
		// onQuit is fixed for the app's life.
	}, [exit]);

	const actions: NodeActions = useMemo(() => ({
		dispatch,
		refresh: () => poller.current?.refresh(),
		client: () => poller.current?.client ?? null,
		switchEndpoint(runtime, image) {
			dispatch({type: 'endpoint-switched'});
			setEndpoint({runtime, image: image ?? runtime, initial: false});
		},
		handOver: props.handOver,
		probe: props.probe ?? noProbe,
		quit,
	}), [dispatch, poller, props.handOver, props.probe, quit]);

	const state: NodeState = useMemo(() => ({data, ui}), [data, ui]);
	const troubleshooting = useTroubleshooting({data, actions, intervalMs: props.intervalMs, hostRoot: props.hostRoot});
	const eventsStreaming = troubleshooting.value.events.streaming ?? false;
	useEffect(() => setStreaming(eventsStreaming), [eventsStreaming]);
	const paneUsage = useMemo(() => ({containers: troubleshooting.usage, pods: troubleshooting.podUsage}), [troubleshooting.usage, troubleshooting.podUsage]);
	const models = usePaneModels(data, ui, paneUsage);
	usePinnedSelection(ui, uiNow, models, dispatch);
	const imageNames = useMemo(() => indexImageNames(data.images), [data.images]);
	const tooSmall = isTooSmall(columns, rows);
	const bodyHeight = Math.max(1, rows - CHROME_ROWS);
	const view = topView(ui);
	const entry = view ? views[view.name] : undefined;

	const mainKey = useMainKeys({uiNow, models, actions, bodyHeight, readOnly: props.readOnly ?? false});
	// The one subscriber to ink's input: each key goes to the main screen or to the top view.
	const registerViewKeys = useKeyDispatcher({
		uiNow, mainKey, dispatch, quit, tooSmall, known: v => Boolean(views[v.name]), question: v => views[v.name]?.question === true,
	});
	const viewKeys = useMemo(() => (view ? {view, register: registerViewKeys} : null), [view, registerViewKeys]);

	const theme = props.noColor ? noColorTheme : colorTheme;
	const target = crictlTargetOf(data);
	let crictl: string;
	if (entry?.crictl && view) crictl = entry.crictl(view, target, ui);
	else if (ui.pane === 'containers') crictl = crictlPs(target, {all: ui.showAll, podId: ui.podFilter?.id, filters: crictlFilterFlags(parseFilter(ui.filters.containers))});
	else if (ui.pane === 'images') crictl = crictlImages(target, {pinned: true});
	else crictl = crictlPods(target, {filters: crictlFilterFlags(parseFilter(ui.filters.pods))});
	const last = !view && ui.lastAction ? ui.lastAction : undefined;
	// A sentence without a command of its own (a refusal, an unknown :command) gets the whole line.
	if (last) crictl = last.crictl;
	const hint = entry?.hint ?? (ui.filterEditing ? 'type to filter  Enter keep  Esc clear' : paneHint(ui.pane, ui.sort[ui.pane]));

	const dim = data.connection.phase === 'disconnected';
	const waiting = data.connection.phase === 'connecting' ? 'connecting…' : undefined;
	const now = data.lastRefresh ?? Date.now();
	const podsContext = useMemo(() => ({now, usage: troubleshooting.podUsage}), [now, troubleshooting.podUsage]);
	const containersContext = useMemo(
		() => ({podsById: models.podsById, imageNames, usage: troubleshooting.usage, now, showAll: ui.showAll}),
		[models.podsById, imageNames, troubleshooting.usage, now, ui.showAll],
	);
	// A part whose call failed shows only its error sentence (above the table): "loading…" under it would never end.
	const partState = (part: 'pods' | 'containers' | 'images') => ({waiting, loaded: data.loaded[part], filter: ui.filters[part], error: data.partErrors[part]});
	// The part's error or truncation sentence, the line above its table.
	const notice = (part: 'pods' | 'containers' | 'images') => ({error: data.partErrors[part], truncated: data.truncated[part]});

	let body: React.ReactNode;
	if (view && entry) {
		const ViewComponent = entry.component;
		body = <ViewKeysContext.Provider value={viewKeys}><ViewComponent view={view} width={columns} height={bodyHeight} /></ViewKeysContext.Provider>;
	} else if (ui.pane === 'containers') {
		body = (
			<ListPane
				spec={containersSpec} context={containersContext} model={models.containers} sort={ui.sort.containers}
				width={columns} height={bodyHeight} dim={dim} {...notice('containers')}
				empty={emptyText(containersSpec.noun(containersContext), partState('containers'))}
			/>
		);
	} else if (ui.pane === 'images') {
		body = (
			<ListPane
				spec={imagesSpec} context={noContext} model={models.images} sort={ui.sort.images}
				width={columns} height={bodyHeight} dim={dim} {...notice('images')}
				empty={emptyText(imagesSpec.noun(noContext), partState('images'))}
			/>
		);
	} else {
		body = (
			<ListPane
				spec={podsSpec} context={podsContext} model={models.pods} sort={ui.sort.pods}
				width={columns} height={bodyHeight} dim={dim} {...notice('pods')}
				empty={emptyText(podsSpec.noun(podsContext), partState('pods'))}
			/>
		);
	}

	return (
		<ThemeContext.Provider value={theme}>
			<NodeActionsContext.Provider value={actions}>
				<NodeStateContext.Provider value={state}>
					<TroubleshootingContext.Provider value={troubleshooting.value}>
					{blank ? null : tooSmall ? <TooSmall columns={columns} rows={rows} /> : (
						<Box flexDirection="column" width={columns} height={rows - 1}>
							<Header data={data} readOnly={props.readOnly} origin={props.origin} simulated={props.simulated} eventsDriven={streaming} />
							<FilterBar
								pane={ui.pane}
								counts={{pods: models.pods.items.length, containers: models.containers.items.length, images: models.images.items.length}}
								filter={ui.filters[ui.pane]} editing={ui.filterEditing} showAll={ui.showAll} podFilter={ui.podFilter}
								note={ui.pane === 'pods' && !view ? podUsageNote(troubleshooting.podUsageSource) : undefined}
							/>
							<Box flexDirection="column" height={bodyHeight} overflow="hidden">{body}</Box>
							<Footer crictl={crictl} message={ui.notice ?? last?.message} error={ui.notice ? true : last?.error} hint={hint} prompt={ui.commandLine} />
						</Box>
					)}
					</TroubleshootingContext.Provider>
				</NodeStateContext.Provider>
			</NodeActionsContext.Provider>
		</ThemeContext.Provider>
	);
}
