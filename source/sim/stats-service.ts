// The stats RPCs, each runtime with its own gaps: cri-dockerd lists exited containers with zeros and
// lacks pod stats, CRI-O may leave pod cpu/memory null, containerd 1.6 fails ListPodSandboxStats.
import type * as grpc from '@grpc/grpc-js';
import {code} from './flavours.js';
import {matchesLabels, missing, SimError, unary} from './handler-kit.js';
import type {SimContainer, SimPod} from './model.js';
import type {SimContext} from './runtime-service.js';

export function statsHandlers(ctx: SimContext): grpc.UntypedServiceImplementation {
	const {kit, model, messages} = ctx;
	const spec = model.spec;
	const listed = (c: SimContainer) => c.state === 'CONTAINER_RUNNING' || (spec.stats.exited !== 'omit' && c.state === 'CONTAINER_EXITED');
	/** An unknown ID: CRI-O answers code 2 (UNKNOWN) where the others say not found their way. */
	const unknown = (kind: 'container' | 'sandbox', id: string) => {
		const {code: c2, message} = spec.notFound(kind, id);
		return new SimError(spec.unknownId.stats === 'unknown' ? code.unknown : c2, message);
	};

	const podStats = (pods: SimPod[], rpc: string) => {
		if (spec.podStats === 'unimplemented') missing(kit, rpc);
		if (spec.podStats === 'fails' && pods.length > 0) {
			throw new SimError(code.unknown, `failed to decode sandbox container metrics for sandbox "${pods[0].id}": cgroups: cgroup deleted: unknown`);
		}
		const now = model.now();
		const byPod = new Map<string, SimContainer[]>();
		for (const c of model.containers.values()) if (c.state === 'CONTAINER_RUNNING') byPod.set(c.podId, [...(byPod.get(c.podId) ?? []), c]);
		return pods.map(p => messages.podStats(p, byPod.get(p.id) ?? [], now, spec.podStats === 'nullable'));
	};

	return {
		ContainerStats: unary(kit, 'ContainerStats', request => {
			const c = model.findContainer(request.containerId);
			if (!c) throw unknown('container', request.containerId);
			return {stats: messages.containerStats(c, model.now())};
		}),
		ListContainerStats: unary(kit, 'ListContainerStats', request => {
			const filter = request.filter;
			const now = model.now();
			const one = filter?.id ? model.findContainer(filter.id) : undefined;
			const source = filter?.id ? (one ? [one] : []) : model.containers.values();
			const stats = [];
			for (const c of source) {
				if (!listed(c)) continue;
				if (filter?.podSandboxId && !c.podId.startsWith(filter.podSandboxId)) continue;
				if (!matchesLabels(c.labels, filter?.labelSelector)) continue;
				stats.push(messages.containerStats(c, now));
			}
			return {stats};
		}),
		PodSandboxStats: unary(kit, 'PodSandboxStats', request => {
			const p = model.findPod(request.podSandboxId);
			if (!p) throw unknown('sandbox', request.podSandboxId);
			return {stats: podStats([p], 'PodSandboxStats')[0]};
		}),
		ListPodSandboxStats: unary(kit, 'ListPodSandboxStats', request => {
			const filter = request.filter;
			const pods = [...model.pods.values()].filter(p => p.state === 'SANDBOX_READY'
				&& (!filter?.id || p.id.startsWith(filter.id)) && matchesLabels(p.labels, filter?.labelSelector));
			return {stats: podStats(pods, 'ListPodSandboxStats')};
		}),
	};
}
