// The dashboard: providers (theme, node actions, node state, troubleshooting)
// and the layout — header, pane tabs, the current pane or the top view, footer.
// What it holds is made in use-app-state.ts, its keys in use-app-keys.ts, the
// body in app-body.tsx, the footer's lines in footer-line.ts.
import React from 'react';
import {Box} from 'ink';
import {NodeActionsContext, NodeStateContext} from '../state/contexts.js';
import type {ProbeFn} from '../state/endpoints.js';
import type {ConnectFn} from '../state/poller.js';
import {topView, type Target, type UiState} from '../state/ui-state.js';
import {isFleet} from '../state/fleet-merge.js';
import type {FleetEndpoint} from '../state/use-fleet-data.js';
import {modelOf} from '../state/use-pane-models.js';
import type {HandOver} from '../state/node-actions.js';
import type {LogOptions} from '../state/logs-view-keys.js';
import type {PodUsageSource} from '../state/pod-usage.js';
import {TroubleshootingContext} from '../state/use-troubleshooting.js';
import {AppBody} from './app-body.js';
import {crictlTargetOf} from './crictl-target.js';
import {FilterBar} from './filter-bar.js';
import {Footer} from './footer.js';
import {footerLine} from './footer-line.js';
import {FleetHeader} from './fleet-header.js';
import {Header} from './header.js';
import {ThemeContext, colorTheme, noColorTheme} from './theme.js';
import {TooSmall, isTooSmall} from './too-small.js';
import {useAppKeys} from './use-app-keys.js';
import {useAppState} from './use-app-state.js';
import {useTerminalSize} from './use-terminal-size.js';
import {views} from './views.js';

export type AppProps = {
	/** Makes a client for an endpoint; called on every (re)connection. Tests pass `() => fakeClient`. */
	connect: ConnectFn;
	/** Socket path to show first. */
	runtimeEndpoint: string;
	/** @default runtimeEndpoint */
	imageEndpoint?: string;
	/**
	 * Several endpoints at once (-r given more than once, --node): every pane merges them with a
	 * NODE column, actions go to the owning endpoint. When given, runtimeEndpoint is the first's.
	 * @default one endpoint: runtimeEndpoint/imageEndpoint
	 */
	endpoints?: readonly FleetEndpoint[];
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

/** Header 2 + tabs 1 + footer 2, and one spare row so ink never takes its clear-the-screen full-height path. */
const CHROME_ROWS = 6;

/** Says when the pods' CPU/MEM are sums of their containers' (the pod's own overhead is not in them). */
function podUsageNote(source: PodUsageSource | null): string | undefined {
	if (source === 'sum') return 'CPU/MEM: sum of its containers (crictl stats)';
	if (source === 'mixed') return 'CPU/MEM: pod stats, else sum of its containers';
	return undefined;
}

export function App(props: AppProps) {
	const {columns, rows} = useTerminalSize(props.size);
	const app = useAppState(props);
	const {state: {data, ui}, models, troubleshooting} = app;
	const tooSmall = isTooSmall(columns, rows);
	const bodyHeight = Math.max(1, rows - CHROME_ROWS);
	const viewKeys = useAppKeys({app, bodyHeight, readOnly: props.readOnly ?? false, tooSmall});
	// Several endpoints: crictl lines are for the endpoint of the object they are about.
	const several = isFleet(data);
	const paneModel = modelOf(models, ui.pane);
	const selected = several && paneModel && paneModel.selectedIndex >= 0 ? paneModel.targetOf(paneModel.items[paneModel.selectedIndex]) as Target : undefined;
	const footer = footerLine(ui, crictlTargetOf(data, topView(ui)?.target ?? selected), view => views[view.name], data);
	const counts = {pods: models.pods.items.length, containers: models.containers.items.length, images: models.images.items.length, events: models.events.items.length};

	return (
		<ThemeContext.Provider value={props.noColor ? noColorTheme : colorTheme}>
			<NodeActionsContext.Provider value={app.actions}>
				<NodeStateContext.Provider value={app.state}>
					<TroubleshootingContext.Provider value={troubleshooting.value}>
					{app.blank ? null : tooSmall ? <TooSmall columns={columns} rows={rows} /> : (
						<Box flexDirection="column" width={columns} height={rows - 1}>
							{several
								? <FleetHeader data={data} readOnly={props.readOnly} />
								: <Header data={data} readOnly={props.readOnly} origin={props.origin} simulated={props.simulated} eventsDriven={app.streaming} />}
							<FilterBar
								pane={ui.pane} counts={counts}
								filter={ui.filters[ui.pane]} editing={ui.filterEditing} showAll={ui.showAll} podFilter={ui.podFilter}
								note={ui.pane === 'pods' && !topView(ui) ? podUsageNote(troubleshooting.podUsageSource) : undefined}
							/>
							<Box flexDirection="column" height={bodyHeight} overflow="hidden">
								<AppBody models={models} usage={troubleshooting} viewKeys={viewKeys} width={columns} height={bodyHeight} intervalMs={props.intervalMs} />
							</Box>
							<Footer {...footer} />
						</Box>
					)}
					</TroubleshootingContext.Provider>
				</NodeStateContext.Provider>
			</NodeActionsContext.Provider>
		</ThemeContext.Provider>
	);
}
