// runtime.v1.RuntimeService of the simulated node: listing, status, stop/remove, exec, events.
import type * as grpc from '@grpc/grpc-js';
import type {Container, PodSandbox} from '../model/cri-types.js';
import {code} from './flavours.js';
import {enumName, matchesLabels, missing, SimError, stream, unary, type Kit} from './handler-kit.js';
import {containersAnswer, podsAnswer, type ListAnswer} from './list-answer.js';
import type {LogWriter} from './logs.js';
import type {Messages} from './messages.js';
import type {SimContainer, SimModel, SimPod} from './model.js';
import type {ExecSession} from './exec-server.js';
import {missingProgram} from './exec-process.js';
import {runProgram, whereIs} from './sim-shell.js';
import {statsHandlers} from './stats-service.js';
import {writeHandlers} from './write-service.js';

export type SimContext = {kit: Kit; model: SimModel; messages: Messages; logs: LogWriter; execUrl: (session: ExecSession) => Promise<string>};

const containerStates = ['CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_UNKNOWN'];
const podStates = ['SANDBOX_READY', 'SANDBOX_NOTREADY'];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export function runtimeHandlers(ctx: SimContext): grpc.UntypedServiceImplementation {
	const {kit, model, messages} = ctx;
	const spec = model.spec;
	const allContainers = containersAnswer(model, messages);
	const allPods = podsAnswer(model, messages);
	/** Pre-encoded wire bytes (see fast-encode.ts), or objects when a fault must pad them. */
	const answer = (rpc: string, field: string, kind: 'container' | 'pod', items: Array<Container | PodSandbox> | ListAnswer<Container | PodSandbox>) => {
		const whole = !Array.isArray(items);
		if (kit.faults.oversizeFor(rpc) > 0) return {[field]: whole ? items.list : items};
		return whole ? items.bytes : Buffer.concat(items.map(item => messages.bytes(item, kind)));
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

	const listContainers = (filter: any): Container[] | ListAnswer<Container> => {
		const state = enumName(filter?.state?.state, containerStates);
		if (!filter?.id && !state && !filter?.podSandboxId && !hasKeys(filter?.labelSelector)) return allContainers();
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

	const listPods = (filter: any): PodSandbox[] | ListAnswer<PodSandbox> => {
		const state = enumName(filter?.state?.state, podStates);
		if (!filter?.id && !state && !hasKeys(filter?.labelSelector)) return allPods();
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
			return {
				status: {conditions: [condition('RuntimeReady'), condition('NetworkReady')]}, info,
				runtimeHandlers: spec.runtimeHandlers.map(name => ({name, features: {recursiveReadOnlyMounts: true, userNamespaces: true}})),
				features: spec.features ? {supplementalGroupsPolicy: true, userNamespacesHostNetwork: false} : null,
			};
		}),
		RuntimeConfig: unary(kit, 'RuntimeConfig', () => (spec.cgroupDriver ? {linux: {cgroupDriver: spec.cgroupDriver}} : missing(kit, 'RuntimeConfig'))),
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
			if (!c && spec.unknownId.StopContainer === 'ok') return {};
			// cri-dockerd passes Docker's error on elsewhere, but its StopContainer says NotFound.
			if (!c) throw new SimError(code.notFound, spec.notFound('container', request.containerId).message);
			// A process ignoring SIGTERM is killed only when the grace period runs out.
			if (c.state === 'CONTAINER_RUNNING' && model.pods.get(c.podId)?.stubborn) await sleep(Number(request.timeout ?? 0) * 1000);
			model.stopContainer(c.id);
			return {};
		}),
		StopPodSandbox: unary(kit, 'StopPodSandbox', async (request, call) => {
			const p = model.findPod(request.podSandboxId);
			if (!p && spec.unknownId.StopPodSandbox === 'not-found') throw notFound('sandbox', request.podSandboxId);
			if (!p) return {}; // CRI-O and cri-dockerd: idempotent, the kubelet retries stops of pods already gone
			const running = [...model.containers.values()].some(c => c.podId === p.id && c.state === 'CONTAINER_RUNNING');
			// A pod already stopped returns at once (cri-dockerd's app containers may still run in it).
			if (p.stubborn && running && p.state === 'SANDBOX_READY') {
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
			if (!c && spec.unknownId.RemoveContainer === 'error') throw notFound('container', request.containerId);
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
			const cmd: string[] = request.cmd ?? [];
			const machine = {hostname: hostname(c), shell: c.image.shell};
			if (!whereIs(cmd[0] ?? '', machine)) {
				// CRI-O and containerd fail the RPC; cri-dockerd answers exit 126 with no output.
				if (spec.exec.missingSync === 'exit-126') return {stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 126};
				throw new SimError(code.unknown, `failed to exec in container: OCI runtime exec failed: ${missingProgram(cmd[0] ?? '')}: unknown`);
			}
			const result = runProgram(cmd, machine);
			return {stdout: Buffer.from(result.stdout), stderr: Buffer.from(result.stderr), exitCode: result.exitCode};
		}),
		Exec: unary(kit, 'Exec', async request => {
			if (!request.cmd?.length) throw new SimError(3, 'cmd must not be empty');
			const c = model.findContainer(request.containerId);
			const running = c?.state === 'CONTAINER_RUNNING';
			// CRI-O hands out a URL anyway and says so on the stream; the others fail the RPC.
			if (!running && spec.exec.notRunning === 'rpc-error') {
				if (!c) throw notFound('container', request.containerId);
				throw new SimError(code.unknown, `container ${c.id} is not running (state ${c.state})`);
			}
			const session = {
				cmd: request.cmd, tty: Boolean(request.tty), stdin: Boolean(request.stdin), stdout: Boolean(request.stdout), stderr: Boolean(request.stderr),
				hostname: c ? hostname(c) : '', shell: c?.image.shell ?? 'none',
				notRunning: running ? undefined : 'container is not created or running',
			};
			return {url: await ctx.execUrl(session)};
		}),
		GetContainerEvents: stream(kit, 'GetContainerEvents', (_request, call) => {
			if (!spec.events) missing(kit, 'GetContainerEvents');
			const crio = spec.eventStyle === 'crio';
			const off = model.onEvent(event => {
				// CRI-O: no containersStatuses, and the pod's own life as events with the pod's ID.
				if (!event.container && !crio) return;
				call.write({
					containerId: event.container?.id ?? event.pod.id, containerEventType: event.type, createdAt: event.at.toString(),
					podSandboxStatus: messages.podStatus(event.pod),
					containersStatuses: event.container && !crio ? [messages.containerStatus(event.container)] : [],
				});
			});
			call.on('cancelled', off);
			call.on('close', off);
		}),
		StreamContainers: stream(kit, 'StreamContainers', (request, call) => {
			if (!spec.listStreaming) missing(kit, 'StreamContainers');
			writeChunks(call, 'containers', itemsOf(listContainers(request.filter)));
		}),
		StreamPodSandboxes: stream(kit, 'StreamPodSandboxes', (request, call) => {
			if (!spec.listStreaming) missing(kit, 'StreamPodSandboxes');
			writeChunks(call, 'podSandboxes', itemsOf(listPods(request.filter)));
		}),
		...statsHandlers(ctx),
		...writeHandlers(ctx),
	};
	return handlers;

	function hostname(c: SimContainer): string {
		return model.pods.get(c.podId)?.name ?? c.name;
	}
}

function itemsOf<T>(answer: T[] | ListAnswer<T>): T[] {
	return Array.isArray(answer) ? answer : answer.list;
}

function hasKeys(map: unknown): boolean {
	return Boolean(map) && Object.keys(map as object).length > 0;
}

/**
 * Stream lists in pieces of at most 1000 items, then end (as KEP 5825 asks: each item once). As a
 * real server does, it waits for the client to read (drain) and stops when the client cancels: a
 * client that cuts a 100,000-item list at its cap must not leave the node encoding the rest.
 */
export function writeChunks(call: grpc.ServerWritableStream<any, any>, field: string, items: unknown[]) {
	let next = 0;
	let cancelled = false;
	call.once('cancelled', () => {
		cancelled = true;
	});
	const write = () => {
		while (!cancelled && next < items.length) {
			const piece = items.slice(next, next + 1000);
			next += 1000;
			if (!call.write({[field]: piece})) {
				call.once('drain', write);
				return;
			}
		}
		if (!cancelled) call.end();
	};
	write();
}
