// Applies a runtime event to the part it names instead of re-listing
// everything: a container's event updates that one row — from the status the
// event carries (containerd), else one ContainerStatus (CRI-O leaves it out) —
// or removes it (DELETED). Pod events, containers of pods not listed yet, and
// bursts too big to ask about one by one fall back to a re-list (coalesced by
// the caller). The periodic full re-list stays the safety net.
import type {CriClient} from '../wire/cri-client.js';
import {CriError} from '../wire/errors.js';
import type {Container, ContainerEventResponse} from '../model/cri-types.js';
import {containerFromStatus} from './container-patch.js';
import type {Part} from './node-data.js';
import type {Timers} from './poller.js';

export type EventApplierOptions = {
	client: () => Pick<CriClient, 'containerStatus'> | null;
	/** The lists as the dashboard holds them now. */
	known: () => {containersById: ReadonlyMap<string, Container>; podsById: ReadonlyMap<string, unknown>};
	/** Replace (or with null remove) one container's row. */
	patch: (id: string, container: Container | null) => void;
	/** Ask for a re-list of these parts (all when absent); the caller coalesces. */
	relist: (parts?: readonly Part[]) => void;
	/** Wait gathering a burst's container IDs before asking their statuses, ms. @default 100 */
	burstMs?: number;
	/** More containers than this in one burst: one re-list instead of as many ContainerStatus calls. @default 20 */
	maxPerBurst?: number;
	timers?: Timers;
};

export type EventApplier = {
	apply(event: ContainerEventResponse): void;
	stop(): void;
};

// A container's life also changes its pod (a job's pod goes NotReady when it ends) and containerd
// 1.7 sends no pod events: the small pods list follows each patched event, coalesced.
const besidePatch: readonly Part[] = ['pods'];

export function createEventApplier(options: EventApplierOptions): EventApplier {
	const burstMs = options.burstMs ?? 100;
	const maxPerBurst = options.maxPerBurst ?? 20;
	const timers: Timers = options.timers ?? {setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)};
	// Container ID → its pod's ID, waiting for the burst to end.
	let pending = new Map<string, string>();
	let timer: unknown;
	let stopped = false;

	const flush = () => {
		timer = undefined;
		const batch = pending;
		pending = new Map();
		if (batch.size > maxPerBurst) {
			options.relist();
			return;
		}

		const client = options.client();
		if (!client) return;
		for (const [id, podSandboxId] of batch) {
			client.containerStatus(id).then(
				answer => {
					if (stopped || options.client() !== client) return;
					options.patch(id, answer.status ? containerFromStatus(answer.status, podSandboxId) : null);
				},
				(error: unknown) => {
					if (stopped || options.client() !== client) return;
					// Gone already (created and removed within the burst): nothing to show.
					if (error instanceof CriError && error.code === 'not-found') options.patch(id, null);
					else options.relist(['containers']);
				},
			);
		}
	};

	return {
		apply(event) {
			if (stopped) return;
			const id = event.containerId;
			const pod = event.podSandboxStatus;
			// CRI-O: the pod's own start, stop and removal come as events with the pod's ID.
			if (pod && pod.id === id) {
				options.relist();
				return;
			}

			const {containersById, podsById} = options.known();
			const known = containersById.get(id);
			if (event.containerEventType === 'CONTAINER_DELETED_EVENT') {
				pending.delete(id);
				if (known) options.patch(id, null);
				options.relist(besidePatch);
				return;
			}

			const podSandboxId = pod?.id || known?.podSandboxId || '';
			// A pod the lists do not hold yet: it and its containers come with one re-list.
			if (!podSandboxId || !podsById.has(podSandboxId)) {
				options.relist();
				return;
			}

			options.relist(besidePatch);
			const status = event.containersStatuses?.find(s => s.id === id);
			if (status) {
				pending.delete(id);
				options.patch(id, containerFromStatus(status, podSandboxId));
				return;
			}

			pending.set(id, podSandboxId);
			timer ??= timers.setTimeout(flush, burstMs);
		},
		stop() {
			stopped = true;
			if (timer !== undefined) timers.clearTimeout(timer);
			timer = undefined;
			pending.clear();
		},
	};
}
