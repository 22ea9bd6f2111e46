// "What changed on the node in the last minutes": container lifecycle events,
// either as the runtime streams them (GetContainerEvents: containerd 1.7+,
// CRI-O) or, where that is UNIMPLEMENTED (containerd 1.6, cri-dockerd),
// inferred from the difference between two refreshes. Pure functions; the
// hook is use-events.ts.
import {matchesFilter, parseFilter} from '../format/filter-query.js';
import {POD_NAME_LABEL} from '../format/rows.js';
import type {Container, ContainerEventResponse, ContainerEventType} from '../model/cri-types.js';

export type NodeEventKind = 'created' | 'started' | 'stopped' | 'deleted';

export type NodeEvent = {
	/** ms since the epoch. */
	at: number;
	kind: NodeEventKind;
	/** Full container ID (the pod's ID for the pod's own events, see `object`). */
	containerId: string;
	/**
	 * What the event is about: a container, or (CRI-O with pod events) the pod
	 * sandbox itself, whose ID is then in containerId.
	 */
	object: 'container' | 'pod';
	/** Container (or pod) name, '' when not known yet (see eventName). */
	name: string;
	podSandboxId: string;
	/** The pod's name, '' when unknown. */
	podName: string;
	source: 'stream' | 'diff';
	/** Exit code for a stop, when known. */
	exitCode?: number;
	/** Its place in the log (appendEvents numbers them), a stable key for a row. */
	seq?: number;
};

/** Events kept: enough for "the last minutes" of a busy node. @default 200 */
export const eventLimit = 200;

const kinds: Record<ContainerEventType, NodeEventKind> = {
	CONTAINER_CREATED_EVENT: 'created',
	CONTAINER_STARTED_EVENT: 'started',
	CONTAINER_STOPPED_EVENT: 'stopped',
	CONTAINER_DELETED_EVENT: 'deleted',
};

/** One streamed event; its createdAt is ns, and the status it carries names the container. */
export function eventFromStream(event: ContainerEventResponse, nowMs = Date.now()): NodeEvent {
	const ns = /^\d+$/.test(event.createdAt) ? BigInt(event.createdAt) : 0n;
	const status = event.containersStatuses?.find(s => s.id === event.containerId);
	const pod = event.podSandboxStatus;
	// CRI-O's pod events name the pod's own ID and carry no container status.
	const object = pod && pod.id !== '' && pod.id === event.containerId ? 'pod' : 'container';
	const podName = pod?.metadata?.name ?? '';
	return {
		at: ns > 0n ? Number(ns / 1_000_000n) : nowMs,
		kind: kinds[event.containerEventType] ?? 'created',
		containerId: event.containerId,
		object,
		name: object === 'pod' ? podName : status?.metadata?.name ?? '',
		podSandboxId: pod?.id ?? '',
		podName,
		source: 'stream',
		exitCode: event.containerEventType === 'CONTAINER_STOPPED_EVENT' ? status?.exitCode : undefined,
	};
}

const fromContainer = (c: Container, kind: NodeEventKind, at: number): NodeEvent => ({
	at, kind, containerId: c.id, object: 'container', name: c.metadata?.name ?? '', podSandboxId: c.podSandboxId,
	podName: c.labels?.[POD_NAME_LABEL] ?? '', source: 'diff',
});

/** Where an event's names can come from besides the event: the objects the dashboard already holds. */
export type KnownObjects = {
	containersById: ReadonlyMap<string, Pick<Container, 'metadata' | 'labels'>>;
	podsById: ReadonlyMap<string, {metadata: {name: string} | null}>;
};

/**
 * The event with its names filled from the objects already known (CRI-O's
 * events may leave out the very container they are about): the container by
 * its ID, else the pod. The event is returned as is when nothing is added.
 */
export function withNames(event: NodeEvent, known: KnownObjects): NodeEvent {
	if (event.name !== '' && event.podName !== '') return event;
	const pod = known.podsById.get(event.podSandboxId);
	const container = event.object === 'container' ? known.containersById.get(event.containerId) : undefined;
	const podName = event.podName || (pod?.metadata?.name ?? '') || (container?.labels?.[POD_NAME_LABEL] ?? '');
	const name = event.name || (event.object === 'pod' ? podName : container?.metadata?.name ?? '');
	return name === event.name && podName === event.podName ? event : {...event, name, podName};
}

/** Events implied by two successive container lists (all containers, exited included). */
export function diffContainers(previous: readonly Container[], next: readonly Container[], at: number): NodeEvent[] {
	const events: NodeEvent[] = [];
	// A poll's list mostly comes back in the same order with the same objects (wire/list-decode.ts):
	// then each container is compared with the one at its place, without a map of 10,000.
	if (samePlaces(previous, next)) {
		for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) stateEvents(previous[i]!, next[i]!, at, events);
		return events;
	}

	const before = new Map(previous.map(c => [c.id, c]));
	for (const c of next) {
		const old = before.get(c.id);
		if (!old) {
			// Between two refreshes it may have been created, started and even stopped.
			events.push(fromContainer(c, 'created', at));
			if (c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_EXITED') events.push(fromContainer(c, 'started', at));
			if (c.state === 'CONTAINER_EXITED') events.push(fromContainer(c, 'stopped', at));
			continue;
		}

		before.delete(c.id);
		stateEvents(old, c, at, events);
	}

	for (const gone of before.values()) events.push(fromContainer(gone, 'deleted', at));
	return events;
}

/** Both lists hold the same IDs at the same places (an ID listed twice is then compared at each of its places). */
function samePlaces(previous: readonly Container[], next: readonly Container[]): boolean {
	if (previous.length !== next.length) return false;
	for (let i = 0; i < next.length; i++) if (previous[i] !== next[i] && previous[i]!.id !== next[i]!.id) return false;
	return true;
}

/** What one container's change of state between two lists means. */
function stateEvents(old: Container, c: Container, at: number, events: NodeEvent[]): void {
	if (old.state === c.state) return;
	if (c.state === 'CONTAINER_RUNNING') events.push(fromContainer(c, 'started', at));
	else if (c.state === 'CONTAINER_EXITED') {
		if (old.state === 'CONTAINER_CREATED') events.push(fromContainer(c, 'started', at));
		events.push(fromContainer(c, 'stopped', at));
	}
}

/** The event log with new events added, newest last, bounded. */
export function appendEvents(log: readonly NodeEvent[], added: readonly NodeEvent[], limit = eventLimit): NodeEvent[] {
	if (added.length === 0) return log as NodeEvent[];
	let seq = log.at(-1)?.seq ?? 0;
	const all = [...log, ...added.map(e => ({...e, seq: ++seq}))];
	return all.length > limit ? all.slice(all.length - limit) : all;
}

/** A stable key: events have no ID of their own; the log numbers them (appendEvents). */
export const eventKey = (e: NodeEvent): string => (e.seq === undefined ? `${e.at}:${e.containerId}:${e.kind}` : String(e.seq));

/** Events matching the filter text (name, pod, what happened, ID), as the other panes filter. */
export function filterEvents(events: readonly NodeEvent[], filter: string): readonly NodeEvent[] {
	const terms = parseFilter(filter);
	if (terms.length === 0) return events;
	return events.filter(e => matchesFilter({
		id: e.containerId.toLowerCase(),
		name: e.name.toLowerCase(),
		namespace: '',
		pod: e.podName.toLowerCase(),
		state: `${e.object === 'pod' ? 'pod ' : ''}${e.kind}`,
		image: '',
	}, terms));
}
