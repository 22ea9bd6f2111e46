// The events feed: GetContainerEvents where the runtime streams it (events
// also ask the dashboard to refresh, at most once a refresh period, so lists
// follow the node at once), else events inferred from the difference between
// refreshes. Either way the events pane (`4`) gets the same NodeEvent list,
// named from the objects already known where the event does not say.
import {useEffect, useRef, useState} from 'react';
import type {CriClient} from '../wire/cri-client.js';
import {CriError} from '../wire/errors.js';
import type {Container, ContainerEventResponse, PodSandbox} from '../model/cri-types.js';
import {createEventApplier} from './event-applier.js';
import type {Part} from './node-data.js';
import {appendEvents, diffContainers, eventFromStream, withNames, type NodeEvent} from './node-events.js';
import {createRefreshCoalescer} from './refresh-coalescer.js';

export type EventSourceKind = 'stream' | 'diff';

export type EventFeedOptions = {
	client: Pick<CriClient, 'containerEvents'>;
	runtimeName: string;
	/** Each streamed event, as the events pane shows it and as the runtime sent it. */
	onEvent(event: NodeEvent, raw: ContainerEventResponse): void;
	/** How events are being obtained now, with a sentence for the pane's title. */
	onSource(source: EventSourceKind, note: string): void;
	/** Wait before re-subscribing after a stream broke (not after UNIMPLEMENTED). @default 5000 */
	retryMs?: number;
	/**
	 * The stream is healthy (open for `healthyAfterMs` without failing, or an
	 * event arrived) or no longer is. Lists are then driven by events instead
	 * of polling. Not called for a stream refused at once (containerd 1.6).
	 */
	onHealthy?(healthy: boolean): void;
	/** @default 1000 */
	healthyAfterMs?: number;
};

/** Subscribes and keeps subscribed; falls back to 'diff' for good on UNIMPLEMENTED. */
export function startEventFeed(options: EventFeedOptions): {stop(): void} {
	const retryMs = options.retryMs ?? 5000;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let subscription: {cancel(): void} | undefined;
	// The wire API has no "stream open" signal: a stream not refused within a second is taken as open.
	let healthyTimer: NodeJS.Timeout | undefined;
	let healthy = false;
	const setHealthy = (value: boolean) => {
		clearTimeout(healthyTimer);
		healthyTimer = undefined;
		if (healthy === value) return;
		healthy = value;
		options.onHealthy?.(value);
	};

	const subscribe = () => {
		if (stopped) return;
		options.onSource('stream', 'live from GetContainerEvents');
		healthyTimer = setTimeout(() => setHealthy(true), options.healthyAfterMs ?? 1000);
		subscription = options.client.containerEvents(
			event => {
				if (stopped) return;
				setHealthy(true);
				options.onEvent(eventFromStream(event), event);
			},
			error => {
				if (stopped) return;
				setHealthy(false);
				subscription = undefined;
				if (error instanceof CriError && error.code === 'unimplemented') {
					options.onSource('diff', `inferred from refreshes (GetContainerEvents not supported by ${options.runtimeName || 'this runtime'})`);
					return;
				}

				options.onSource('diff', `inferred from refreshes (event stream lost: ${error.message}; retrying)`);
				timer = setTimeout(subscribe, retryMs);
			},
		);
	};

	subscribe();
	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
			clearTimeout(healthyTimer);
			subscription?.cancel();
		},
	};
}

export type UseEventsOptions = {
	client: () => CriClient | null;
	/** Latest container list (all states); diffed when there is no stream. */
	containers: readonly Container[];
	/** Latest pod list: names a container's pod, and a pod's own events. @default none */
	pods?: readonly PodSandbox[];
	/** The refresh period, ms: events re-list at most once per period. @default 2000 */
	periodMs?: number;
	/** Whether the containers list has loaded at least once (the first list is the baseline, not news). */
	loaded: boolean;
	runtimeName: string;
	/** Asks the dashboard to re-list (these parts); called for streamed events, at most once per `periodMs`. */
	refresh: (parts?: readonly Part[]) => void;
	/**
	 * Replaces (null: removes) one container's row: a container's event is
	 * applied to its row instead of re-listing every container. @default re-list on every event
	 */
	patchContainer?: (id: string, container: Container | null) => void;
	/** Bumps when the connection/endpoint changes, to re-subscribe. */
	connectionKey?: string;
};

export type EventsView = {
	events: NodeEvent[];
	source: EventSourceKind;
	note: string;
	/** The event stream is healthy: it drives list refreshes, polling can slow down. */
	streaming?: boolean;
};

export function useEvents(options: UseEventsOptions): EventsView {
	const [view, setView] = useState<EventsView>({events: [], source: 'diff', note: 'waiting for the runtime', streaming: false});
	const latest = useRef(options);
	latest.current = options;
	const source = useRef<EventSourceKind>('diff');
	const baseline = useRef<readonly Container[] | null>(null);
	const client = options.client();

	const periodMs = options.periodMs ?? 2000;
	useEffect(() => {
		if (!client) return;
		const refresh = createRefreshCoalescer({refresh: parts => latest.current.refresh(parts), periodMs});
		const applier = createEventApplier({
			client: () => latest.current.client(),
			known: () => knownObjects(latest.current),
			patch(id, container) {
				latest.current.patchContainer?.(id, container);
			},
			relist: parts => refresh.request(parts),
		});
		const feed = startEventFeed({
			client,
			runtimeName: options.runtimeName,
			onEvent(event, raw) {
				// Named now, while the lists still hold the object (a deleted container leaves them).
				const named = withNames(event, knownObjects(latest.current));
				setView(v => ({...v, events: appendEvents(v.events, [named])}));
				if (latest.current.patchContainer) applier.apply(raw);
				else refresh.request();
			},
			onSource(kind, note) {
				source.current = kind;
				setView(v => ({...v, source: kind, note}));
			},
			onHealthy(healthy) {
				setView(v => ({...v, streaming: healthy}));
			},
		});
		return () => {
			feed.stop();
			refresh.stop();
			applier.stop();
			setView(v => (v.streaming ? {...v, streaming: false} : v));
		};
	}, [client, options.runtimeName, options.connectionKey, periodMs]);

	// Names the events lacked when they came (a container created before the lists had it), filled in
	// as soon as the lists know them, and kept: the container may be gone by the time anyone looks.
	const {pods} = options;
	useEffect(() => {
		setView(v => {
			const known = knownObjects(latest.current);
			let changed = false;
			const events = v.events.map(e => {
				const named = withNames(e, known);
				changed ||= named !== e;
				return named;
			});
			return changed ? {...v, events} : v;
		});
	}, [options.containers, pods]);

	const {containers, loaded} = options;
	useEffect(() => {
		if (!loaded) return;
		const previous = baseline.current;
		baseline.current = containers;
		// With a healthy stream the runtime's own events are the truth; diffs would repeat them.
		if (!previous || source.current === 'stream') return;
		const found = diffContainers(previous, containers, Date.now());
		if (found.length > 0) setView(v => ({...v, events: appendEvents(v.events, found)}));
	}, [containers, loaded]);

	return view;
}

// The lists as maps by ID, for naming events: made once per list, not per event (a flood is thousands).
const byId = new WeakMap<readonly unknown[], ReadonlyMap<string, never>>();
function indexOf<T extends {id: string}>(list: readonly T[]): ReadonlyMap<string, T> {
	let map = byId.get(list) as ReadonlyMap<string, T> | undefined;
	if (!map) {
		map = new Map(list.map(item => [item.id, item]));
		byId.set(list, map as ReadonlyMap<string, never>);
	}
	return map;
}

const noPods: readonly PodSandbox[] = [];
// Made only when asked for: an event that already has its names (nearly all) needs neither map, and
// at 10,000 containers each new list made a map of every container and pod for nothing.
const knownObjects = (options: UseEventsOptions) => ({
	get containersById() {
		return indexOf(options.containers);
	},
	get podsById() {
		return indexOf(options.pods ?? noPods);
	},
});
