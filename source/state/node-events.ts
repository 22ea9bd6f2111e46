// "What changed on the node in the last minutes": container lifecycle events,
// either as the runtime streams them (GetContainerEvents: containerd 1.7+,
// CRI-O) or, where that is UNIMPLEMENTED (containerd 1.6, cri-dockerd),
// inferred from the difference between two refreshes. Pure functions; the
// hook is use-events.ts.
import type {Container, ContainerEventResponse, ContainerEventType} from '../model/cri-types.js';

export type NodeEventKind = 'created' | 'started' | 'stopped' | 'deleted';

export type NodeEvent = {
	/** ms since the epoch. */
	at: number;
	kind: NodeEventKind;
	/** Full container ID. */
	containerId: string;
	/** Container name, '' when unknown (a deleted container the runtime no longer describes). */
	name: string;
	podSandboxId: string;
	source: 'stream' | 'diff';
	/** Exit code for a stop, when known. */
	exitCode?: number;
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
	return {
		at: ns > 0n ? Number(ns / 1_000_000n) : nowMs,
		kind: kinds[event.containerEventType] ?? 'created',
		containerId: event.containerId,
		name: status?.metadata?.name ?? '',
		podSandboxId: event.podSandboxStatus?.id ?? '',
		source: 'stream',
		exitCode: event.containerEventType === 'CONTAINER_STOPPED_EVENT' ? status?.exitCode : undefined,
	};
}

const fromContainer = (c: Container, kind: NodeEventKind, at: number): NodeEvent => ({
	at, kind, containerId: c.id, name: c.metadata?.name ?? '', podSandboxId: c.podSandboxId, source: 'diff',
});

/** Events implied by two successive container lists (all containers, exited included). */
export function diffContainers(previous: readonly Container[], next: readonly Container[], at: number): NodeEvent[] {
	const before = new Map(previous.map(c => [c.id, c]));
	const events: NodeEvent[] = [];
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
		if (old.state === c.state) continue;
		if (c.state === 'CONTAINER_RUNNING') events.push(fromContainer(c, 'started', at));
		else if (c.state === 'CONTAINER_EXITED') {
			if (old.state === 'CONTAINER_CREATED') events.push(fromContainer(c, 'started', at));
			events.push(fromContainer(c, 'stopped', at));
		}
	}

	for (const gone of before.values()) events.push(fromContainer(gone, 'deleted', at));
	return events;
}

/** The event log with new events added, newest last, bounded. */
export function appendEvents(log: readonly NodeEvent[], added: readonly NodeEvent[], limit = eventLimit): NodeEvent[] {
	if (added.length === 0) return log as NodeEvent[];
	const all = [...log, ...added];
	return all.length > limit ? all.slice(all.length - limit) : all;
}
