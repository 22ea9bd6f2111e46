// Stats and events live as long as the dashboard (a sparkline needs history,
// the events pane needs what happened while it was closed), so the app runs
// them once and hands them to the views through this context.
import {createContext, useContext, useMemo} from 'react';
import type {ContainerUsage} from '../format/rows.js';
import type {NodeActions} from './contexts.js';
import type {NodeData} from './node-data.js';
import {podUsage, type PodUsage, type PodUsageSource} from './pod-usage.js';
import {useEvents, type EventsView} from './use-events.js';
import {emptyStats, useStats, type StatsView} from './use-stats.js';
import {UsageView} from './stats-history.js';
import {logPathResolver} from './node-actions.js';
import type {ResolvePath} from './use-logs.js';
import type {PatchContainer} from './container-patch.js';
import {detectHostRoot} from '../wire/endpoint.js';

export type Troubleshooting = {
	stats: StatsView;
	events: EventsView;
	/** The node's filesystem root on this machine (--host-root), for log paths. */
	hostRoot?: string;
	/** Maps the runtime's log paths to this machine (under hostRoot). */
	resolveLogPath: ResolvePath;
};

export const TroubleshootingContext = createContext<Troubleshooting>({
	stats: emptyStats,
	events: {events: [], source: 'diff', note: ''},
	resolveLogPath: logPathResolver(),
});

export function useTroubleshootingContext(): Troubleshooting {
	return useContext(TroubleshootingContext);
}

export type UseTroubleshootingOptions = {
	data: NodeData;
	actions: Pick<NodeActions, 'client' | 'refresh'>;
	/** Applies a container's event to its row instead of re-listing (use-fleet-data.ts). @default re-list on every event */
	patchContainer?: PatchContainer;
	/** Refresh period, ms. @default 2000 */
	intervalMs?: number;
	hostRoot?: string;
	/**
	 * The pane on screen: stats are polled only while it shows CPU/MEM (containers, pods), and pod
	 * stats only on the pods pane; the numbers come back within a round of returning.
	 * @default every stats call, whatever the pane
	 */
	pane?: 'pods' | 'containers' | 'images' | 'events';
};

export type TroubleshootingResult = {
	value: Troubleshooting;
	/** Per container ID, for the containers pane. */
	usage?: ReadonlyMap<string, ContainerUsage>;
	/** Per pod ID, for the pods pane: the runtime's pod stats, else the sum of its containers'. */
	podUsage?: ReadonlyMap<string, ContainerUsage>;
	/** Where podUsage came from (the pods pane says when it shows sums). */
	podUsageSource: PodUsageSource | null;
};

/**
 * Runs stats polling and the events feed. `usage`/`podUsage` are undefined
 * while the runtime has no stats, so the CPU/MEM columns are left out rather
 * than blank.
 */
const noPodUsage: PodUsage = {usage: new Map(), source: null};

export function useTroubleshooting({data, actions, patchContainer, intervalMs, hostRoot, pane}: UseTroubleshootingOptions): TroubleshootingResult {
	const live = data.connection.phase === 'live';
	const runtimeName = data.version?.runtimeName ?? '';
	// Stats start once the container list is in: at start-up the lists (the first live frame)
	// do not queue behind a stats answer that is as large as the container list, on either side.
	const shown = pane === undefined || pane === 'pods' || pane === 'containers';
	const events = useEvents({
		client: actions.client,
		containers: data.containers,
		pods: data.pods,
		periodMs: intervalMs,
		loaded: Boolean(data.loaded.containers),
		runtimeName,
		refresh: actions.refresh,
		patchContainer,
		connectionKey: `${data.runtimeEndpoint} ${live ? 'live' : 'down'}`,
	});
	const stats = useStats({
		client: actions.client, containers: data.containers, runtimeName, intervalMs,
		enabled: live && Boolean(data.loaded.containers) && shown, withPods: pane === undefined || pane === 'pods',
		// Polled lists (no event stream): the rounds paint in the polls' frames.
		listsAt: events.streaming ? null : data.lastRefresh,
	});
	const usage = useMemo(
		() => (stats.unsupported || stats.containers.size === 0 ? undefined : new UsageView(stats.containers)),
		[stats],
	);
	// Only the pods pane shows them: elsewhere a poll or a stats round at 10,000 containers would
	// sum every container's usage per pod for nothing (done again on coming back to the pods).
	const podsShown = pane === undefined || pane === 'pods';
	const pods = useMemo(() => (podsShown ? podUsage(stats.pods, usage, data.containers) : noPodUsage), [podsShown, stats.pods, usage, data.containers]);
	// Without --host-root passed down, a socket under the detected node root (kubectl debug node: /host) means its logs are there too.
	const root = useMemo(() => hostRoot ?? inferHostRoot(data.runtimeEndpoint), [hostRoot, data.runtimeEndpoint]);
	const resolveLogPath = useMemo(() => logPathResolver(root), [root]);
	const value = useMemo(() => ({stats, events, hostRoot: root, resolveLogPath}), [stats, events, root, resolveLogPath]);
	return {value, usage, podUsage: pods.usage.size > 0 ? pods.usage : undefined, podUsageSource: pods.source};
}

/** The node root the runtime socket lives under, if the well-known layout is detected. */
export function inferHostRoot(runtimeEndpoint: string, detect: () => string | undefined = detectHostRoot): string | undefined {
	const root = detect();
	return root && runtimeEndpoint.startsWith(`${root}/`) ? root : undefined;
}
