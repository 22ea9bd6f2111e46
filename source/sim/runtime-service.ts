// runtime.v1.RuntimeService of the simulated node: listing, status, stop/remove, exec, events.
import type * as grpc from '@grpc/grpc-js';
import type {Container, PodSandbox} from '../model/cri-types.js';
import {code} from './flavours.js';
import {enumName, matchesLabels, missing, SimError, stream, unary, type Kit} from './handler-kit.js';
import type {LogWriter} from './logs.js';
import type {Messages} from './messages.js';
import type {SimContainer, SimModel, SimPod} from './model.js';
import {execSync} from './exec-fake.js';
import {statsHandlers} from './stats-service.js';

export type SimContext = {kit: Kit; model: SimModel; messages: Messages; logs: LogWriter; execUrl: (containerId: string, cmd: string[], tty: boolean) => Promise<string>};

const containerStates = ['CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_UNKNOWN'];
const podStates = ['SANDBOX_READY', 'SANDBOX_NOTREADY'];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export function runtimeHandlers(ctx: SimContext): grpc.UntypedServiceImplementation {
	const {kit, model, messages} = ctx;
	const spec = model.spec;
	let allContainers = {revision: -1, list: [] as Container[]};
	let allPods = {revision: -1, list: [] as PodSandbox[]};
	const encoded = new WeakMap<object[], Buffer>();
	/** Pre-encoded wire bytes (see fast-encode.ts), or objects when a fault must pad them. */
	const answer = (rpc: string, field: string, kind: 'container' | 'pod', items: Array<Container | PodSandbox>) => {
		if (kit.faults.oversizeFor(rpc) > 0) return {[field]: items};
		let bytes = encoded.get(items);
		if (!bytes) {
			bytes = Buffer.concat(items.map(item => messages.bytes(item, kind)));
			if (items === allContainers.list || items === allPods.list) encoded.set(items, bytes);
		}
		return bytes;
	};

	const container = (id: string): SimContainer => {
		const found = model.findContainer(id);
		if (!found) throw notFound('container', id);
		return found;
	};
	const pod = (id: string): SimPod => {
		const found = model.findPod(id);
		if (!found) throw notFound('sandbox', id);
		return found;
	};
	const notFound = (kind: 'container' | 'sandbox', id: string) => {
		const {code: c, message} = spec.notFound(kind, id);
		return new SimError(c, message);
	};

	const listContainers = (filter: any): Container[] => {
		const state = enumName(filter?.state?.state, containerStates);
		if (!filter?.id && !state && !filter?.podSandboxId && !hasKeys(filter?.labelSelector)) {
			if (allContainers.revision !== model.revision) allContainers = {revision: model.revision, list: [...model.containers.values()].map(c => messages.container(c))};
			return allContainers.list;
		}
		let source: Iterable<SimContainer> = model.containers.values();
		if (filter.id) source = [model.findContainer(filter.id)].filter(Boolean) as SimContainer[];
		const podId = filter.podSandboxId ? model.findPod(filter.podSandboxId)?.id ?? filter.podSandboxId : '';
		const out: Container[] = [];
		for (const c of source) {
			if (state && c.state !== state) continue;
			if (podId && c.podId !== podId) continue;
			if (!matchesLabels(c.labels, filter.labelSelector)) continue;
			out.push(messages.container(c));
		}
		return out;
	};

	const listPods = (filter: any): PodSandbox[] => {
		const state = enumName(filter?.state?.state, podStates);
		if (!filter?.id && !state && !hasKeys(filter?.labelSelector)) {
			if (allPods.revision !== model.revision) allPods = {revision: model.revision, list: [...model.pods.values()].map(p => messages.pod(p))};
			return allPods.list;
		}
		let source: Iterable<SimPod> = model.pods.values();
		if (filter.id) source = [model.findPod(filter.id)].filter(Boolean) as SimPod[];
		const out: PodSandbox[] = [];
		for (const p of source) {
			const msg = messages.pod(p);
			if (state && p.state !== state) continue;
			if (!matchesLabels(msg.labels, filter.labelSelector)) continue;
			out.push(msg);
		}
		return out;
	};

	const containerStatus = (c: SimContainer) => {
		const status = messages.containerStatus(c);
		ctx.logs.ensure(c, status.logPath, model.now());
		return status;
	};

	const handlers: grpc.UntypedServiceImplementation = {
		Version: unary(kit, 'Version', () => ({version: '0.1.0', runtimeName: spec.runtimeName, runtimeVersion: spec.runtimeVersion, runtimeApiVersion: 'v1'})),
		Status: unary(kit, 'Status', request => {
			const info: Record<string, string> = {};
			if (request.verbose) for (const [key, value] of Object.entries(spec.statusInfo(spec.pauseImage))) info[key] = JSON.stringify(value);
			const condition = (type: string) => {
				const sick = kit.faults.conditionFor(type);
				return {type, status: !sick, reason: sick?.reason ?? '', message: sick?.message ?? ''};
			};
			return {status: {conditions: [condition('RuntimeReady'), condition('NetworkReady')]}, info};
		}),
		RuntimeConfig: unary(kit, 'RuntimeConfig', () => (spec.metrics ? {linux: {cgroupDriver: 'SYSTEMD'}} : missing(kit, 'RuntimeConfig'))),
		ListMetricDescriptors: unary(kit, 'ListMetricDescriptors', () => (spec.metrics
			? {descriptors: [{name: 'container_cpu_usage_seconds_total', help: 'Cumulative cpu time consumed in seconds.', labelKeys: ['container', 'pod', 'namespace']}, {name: 'container_memory_working_set_bytes', help: 'Current working set in bytes.', labelKeys: ['container', 'pod', 'namespace']}]}
			: missing(kit, 'ListMetricDescriptors'))),
		ListPodSandbox: unary(kit, 'ListPodSandbox', request => answer('ListPodSandbox', 'items', 'pod', listPods(request.filter))),
		ListContainers: unary(kit, 'ListContainers', request => answer('ListContainers', 'containers', 'container', listContainers(request.filter))),
		PodSandboxStatus: unary(kit, 'PodSandboxStatus', request => {
			const p = pod(request.podSandboxId);
			return {status: messages.podStatus(p), info: request.verbose ? messages.podInfo(p) : {}, containersStatuses: [], timestamp: '0'};
		}),
		ContainerStatus: unary(kit, 'ContainerStatus', request => {
			const c = container(request.containerId);
			return {status: containerStatus(c), info: request.verbose ? messages.containerInfo(c) : {}};
		}),
		StopContainer: unary(kit, 'StopContainer', async request => {
			const c = model.findContainer(request.containerId);
			if (!c) throw notFound('container', request.containerId);
			// A process ignoring SIGTERM is killed only when the grace period runs out.
			if (c.state === 'CONTAINER_RUNNING' && model.pods.get(c.podId)?.stubborn) await sleep(Number(request.timeout ?? 0) * 1000);
			model.stopContainer(c.id);
			return {};
		}),
		StopPodSandbox: unary(kit, 'StopPodSandbox', async (request, call) => {
			const p = model.findPod(request.podSandboxId);
			if (!p) return {}; // idempotent: the kubelet retries stops of pods already gone
			const running = [...model.containers.values()].some(c => c.podId === p.id && c.state === 'CONTAINER_RUNNING');
			if (p.stubborn && running) {
				if (spec.stopPodGrace === 'own-10s') await sleep(10_000);
				else if (spec.stopPodGrace === 'until-deadline') {
					const deadline = call.getDeadline();
					const left = deadline instanceof Date ? deadline.getTime() - Date.now() : Number.isFinite(Number(deadline)) ? Number(deadline) - Date.now() : 0;
					await sleep(Math.max(0, left - 150));
				}
			}
			model.stopPod(p.id);
			return {};
		}),
		RemoveContainer: unary(kit, 'RemoveContainer', request => {
			const c = model.findContainer(request.containerId);
			if (c) {
				model.removeContainer(c.id);
				ctx.logs.removed(c);
			}
			return {};
		}),
		RemovePodSandbox: unary(kit, 'RemovePodSandbox', request => {
			const p = model.findPod(request.podSandboxId);
			if (p) for (const c of model.removePod(p.id)) ctx.logs.removed(c);
			return {};
		}),
		ExecSync: unary(kit, 'ExecSync', request => {
			const c = container(request.containerId);
			if (c.state !== 'CONTAINER_RUNNING') throw new SimError(code.unknown, `failed to exec in container: container is in ${c.state} state`);
			const result = execSync(request.cmd ?? [], model.pods.get(c.podId)?.name ?? c.name);
			return {stdout: Buffer.from(result.stdout), stderr: Buffer.from(result.stderr), exitCode: result.exitCode};
		}),
		Exec: unary(kit, 'Exec', async request => {
			const c = container(request.containerId);
			if (c.state !== 'CONTAINER_RUNNING') throw new SimError(code.unknown, `container ${c.id} is not running (state ${c.state})`);
			if (!request.cmd?.length) throw new SimError(3, 'cmd must not be empty');
			return {url: await ctx.execUrl(c.id, request.cmd, Boolean(request.tty))};
		}),
		GetContainerEvents: stream(kit, 'GetContainerEvents', (_request, call) => {
			if (!spec.events) missing(kit, 'GetContainerEvents');
			const off = model.onEvent(event => {
				const p = model.pods.get(event.container.podId);
				call.write({
					containerId: event.container.id, containerEventType: event.type, createdAt: event.at.toString(),
					podSandboxStatus: p ? messages.podStatus(p) : null,
					containersStatuses: [messages.containerStatus(event.container)],
				});
			});
			call.on('cancelled', off);
			call.on('close', off);
		}),
		StreamContainers: stream(kit, 'StreamContainers', (request, call) => {
			if (!spec.listStreaming) missing(kit, 'StreamContainers');
			writeChunks(call, 'containers', listContainers(request.filter));
		}),
		StreamPodSandboxes: stream(kit, 'StreamPodSandboxes', (request, call) => {
			if (!spec.listStreaming) missing(kit, 'StreamPodSandboxes');
			writeChunks(call, 'podSandboxes', listPods(request.filter));
		}),
		...statsHandlers(ctx),
	};
	return handlers;
}

function hasKeys(map: unknown): boolean {
	return Boolean(map) && Object.keys(map as object).length > 0;
}

/** Stream lists in pieces of at most 1000 items, then end (as KEP 5825 asks: each item once). */
export function writeChunks(call: grpc.ServerWritableStream<any, any>, field: string, items: unknown[]) {
	for (let i = 0; i < items.length; i += 1000) call.write({[field]: items.slice(i, i + 1000)});
	call.end();
}
