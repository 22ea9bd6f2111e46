// startSimNode: a simulated Kubernetes node serving real CRI runtime.v1 gRPC on a unix socket, with
// runtime flavours (containerd, CRI-O, cri-dockerd), a life that moves, and switchable faults.
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {allowLogRoot} from '../wire/log-access.js';
import {loadCri} from '../wire/proto.js';
import {startExecServer, type ExecServer} from './exec-server.js';
import {createFaults, type FaultController} from './faults.js';
import type {Flavor} from './flavours.js';
import {imageHandlers} from './image-service.js';
import {LogWriter} from './logs.js';
import {Messages} from './messages.js';
import {SimModel} from './model.js';
import {runtimeHandlers, type SimContext} from './runtime-service.js';

export type {Flavor} from './flavours.js';
export type {FaultController} from './faults.js';
export {hostileSamples, type HostileSample} from './hostile.js';

export type SimOptions = {
	/** Where to listen (parent dirs created). */
	socketPath: string;
	/** @default 'containerd' (1.6, as on the real testbed) */
	flavor?: Flavor;
	/** Same seed, same node. @default 1 */
	seed?: number;
	/** Total containers; pods ≈ containers/3, images ≈ max(5, containers/20). @default 12 */
	containers?: number;
	/** Where pod log dirs go. @default a temp dir (removed by stop()) */
	logRoot?: string;
	/** Life tick: crashes, restarts, stats, log lines. 0 = only on tick(). @default 1000 */
	tickMs?: number;
	/** Include hostile strings in names, labels, images and log lines. @default false */
	hostile?: boolean;
};

export type SimNode = {
	socketPath: string;
	flavor: Flavor;
	logRoot: string;
	/** Per-RPC call counts, e.g. calls.ListContainers. */
	calls: Record<string, number>;
	faults: FaultController;
	/** Advance life one step deterministically. */
	tick(): void;
	/** Stop the server, remove the socket (and the temp log root if it made one). */
	stop(): Promise<void>;
	/** Stop listening and listen again on the same path (state kept, as after a daemon restart). */
	restart(): Promise<void>;
};

/** Small nodes get every log file at start; big ones make them on first ContainerStatus. */
const eagerLogLimit = 500;

export async function startSimNode(options: SimOptions): Promise<SimNode> {
	const flavor = options.flavor ?? 'containerd';
	const madeLogRoot = !options.logRoot;
	const logRoot = options.logRoot ?? mkdtempSync(path.join(os.tmpdir(), 'crisock-sim-logs-'));
	mkdirSync(logRoot, {recursive: true});
	// This process made the directory: its files may be read as logs here (--demo, tests).
	allowLogRoot(logRoot);
	const model = new SimModel({flavor, seed: options.seed ?? 1, containers: options.containers ?? 12, hostile: options.hostile ?? false});
	const messages = new Messages(model, logRoot);
	const logs = new LogWriter(logRoot, model.spec);
	const calls: Record<string, number> = {};
	const faults = createFaults();
	let exec: Promise<ExecServer> | undefined;
	const ctx: SimContext = {
		kit: {calls, faults, spec: model.spec},
		model, messages, logs,
		async execUrl(session) {
			exec ??= startExecServer(model.spec.exec);
			return (await exec).url(session);
		},
	};
	if (model.containers.size <= eagerLogLimit) {
		const now = model.now();
		for (const c of model.containers.values()) logs.ensure(c, messages.logPath(c), now);
	}

	const cri = loadCri();
	const runtimeServiceDefinition = passBuffers(cri.runtimeServiceDefinition, ['ListContainers', 'ListPodSandbox']);
	const imageServiceDefinition = passBuffers(cri.imageServiceDefinition, ['ListImages']);
	const runtime = runtimeHandlers(ctx);
	const images = imageHandlers(ctx);
	let server: grpc.Server | undefined;

	const listen = async () => {
		mkdirSync(path.dirname(options.socketPath), {recursive: true});
		if (existsSync(options.socketPath)) rmSync(options.socketPath, {force: true});
		const next = new grpc.Server({'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': 64 * 1024 * 1024});
		next.addService(runtimeServiceDefinition, runtime);
		next.addService(imageServiceDefinition, images);
		await new Promise<void>((resolve, reject) => {
			next.bindAsync(`unix://${options.socketPath}`, grpc.ServerCredentials.createInsecure(), error => (error ? reject(error) : resolve()));
		});
		server = next;
	};
	const close = async () => {
		const current = server;
		server = undefined;
		if (!current) return;
		// forceShutdown: open streams (events) must end now, as when a daemon dies.
		current.forceShutdown();
		rmSync(options.socketPath, {force: true});
	};

	const tick = () => {
		model.tick();
		const now = model.now();
		for (const c of model.containers.values()) {
			if (logs.isWritten(c)) logs.tick(c, now);
			else if (model.containers.size <= eagerLogLimit) logs.ensure(c, messages.logPath(c), now);
		}
	};
	const tickMs = options.tickMs ?? 1000;
	const timer = tickMs > 0 ? setInterval(tick, tickMs) : undefined;
	timer?.unref();

	await listen();
	const warm = warmListBytes(model, messages);
	return {
		socketPath: options.socketPath,
		flavor,
		logRoot,
		calls,
		faults,
		tick,
		async stop() {
			warm.cancel();
			if (timer) clearInterval(timer);
			await close();
			if (exec) await (await exec).close();
			if (madeLogRoot) rmSync(logRoot, {recursive: true, force: true});
		},
		async restart() {
			await close();
			model.daemonRestarted();
			await listen();
		},
	};
}

/** Encodes the list items in the background, a slice at a time, so even the first ListContainers
 * of a big node is fast and start-up is not delayed. */
function warmListBytes(model: SimModel, messages: Messages): {cancel(): void} {
	const work = [
		...[...model.containers.values()].map(c => () => messages.bytes(messages.container(c), 'container')),
		...[...model.pods.values()].map(p => () => messages.bytes(messages.pod(p), 'pod')),
	];
	let next = 0;
	let handle: NodeJS.Immediate | undefined;
	const step = () => {
		const end = Math.min(work.length, next + 500);
		for (; next < end; next++) work[next]();
		handle = next < work.length ? setImmediate(step) : undefined;
	};
	if (work.length > eagerLogLimit) handle = setImmediate(step);
	return {cancel: () => handle && clearImmediate(handle)};
}

/** A copy of `definition` whose listed methods send a Buffer answer as is (already encoded). */
function passBuffers(definition: grpc.ServiceDefinition, methods: string[]): grpc.ServiceDefinition {
	const copy = {...definition} as Record<string, grpc.MethodDefinition<unknown, unknown>>;
	for (const name of methods) {
		const method = definition[name];
		const serialize = method.responseSerialize;
		copy[name] = {...method, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : serialize(value))};
	}
	return copy as grpc.ServiceDefinition;
}
