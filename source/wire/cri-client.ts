// CONTRACT (agreed by every layer above): the typed CRI client. No React here.
// The implementation below the interface belongs to the wire layer's owner.
import * as grpc from '@grpc/grpc-js';
import {mapCallError, notCri, wrongApi} from './call-errors.js';
import {parseEndpoint} from './endpoint.js';
import {CriError} from './errors.js';
import {Connection, defaultMaxMessageBytes, listCap, type CallSpec, type ListCut} from './grpc-call.js';
import {loadCri} from './proto.js';
import {processTrace, type CallTrace} from './trace.js';
import {usageOfContainer, usageOfPod} from './usage-decode.js';
import type {
	Container, ContainerEventResponse, ContainerFilter, ContainerStats, ContainerStatusResponse,
	ExecSyncResponse, Image, ImageFsInfoResponse, ImageStatusResponse, PodSandbox, PodSandboxFilter,
	PodSandboxStats, PodSandboxStatusResponse, StatusResponse, UsageSample, VersionResponse,
} from '../model/cri-types.js';

/** A list and, when the runtime could not give all of it, a sentence saying what was cut. */
export type ListResult<T> = {items: T[]; truncated?: string};

export type ClientOptions = {
	/** unix socket path of the runtime service. */
	runtimeEndpoint: string;
	/** unix socket path of the image service. @default runtimeEndpoint */
	imageEndpoint?: string;
	/** Deadline of every call, ms. @default 2000 */
	timeoutMs?: number;
	/** Refuse every mutating RPC in the client itself. @default false */
	readOnly?: boolean;
	/** Largest message sent or received, bytes. @default 16 MiB */
	maxMessageBytes?: number;
	/** Where its calls are recorded (share one across reconnects to keep one history). @default processTrace */
	trace?: CallTrace;
};

export type ExecRequest = {containerId: string; cmd: string[]; tty: boolean; stdin: boolean; stdout: boolean; stderr: boolean};

export type EventSubscription = {cancel(): void};

export interface CriClient {
	readonly runtimeEndpoint: string;
	readonly imageEndpoint: string;
	readonly readOnly: boolean;
	/** The trace its calls go to (the `:trace` view shows it). Absent in test doubles. */
	readonly trace?: CallTrace;
	version(): Promise<VersionResponse>;
	status(verbose?: boolean): Promise<StatusResponse>;
	listPodSandbox(filter?: PodSandboxFilter): Promise<ListResult<PodSandbox>>;
	podSandboxStatus(id: string, verbose?: boolean): Promise<PodSandboxStatusResponse>;
	listContainers(filter?: ContainerFilter): Promise<ListResult<Container>>;
	containerStatus(id: string, verbose?: boolean): Promise<ContainerStatusResponse>;
	listImages(): Promise<ListResult<Image>>;
	imageStatus(image: string, verbose?: boolean): Promise<ImageStatusResponse>;
	imageFsInfo(): Promise<ImageFsInfoResponse>;
	listContainerStats(): Promise<ContainerStats[]>;
	listPodSandboxStats(): Promise<PodSandboxStats[]>;
	/** ListContainerStats cut to what the dashboard shows (ID, CPU counter, working set), decoded cheaply. */
	listContainerUsage(): Promise<UsageSample[]>;
	/** ListPodSandboxStats cut the same way (a pod without linux stats has cpu and memory null). */
	listPodSandboxUsage(): Promise<UsageSample[]>;
	/** Mutating. timeoutSeconds is the grace period given to the runtime; the call deadline grows with it. */
	stopContainer(id: string, timeoutSeconds: number): Promise<void>;
	/** Mutating. Uses a longer deadline than reads: runtimes wait out grace periods. */
	stopPodSandbox(id: string): Promise<void>;
	removeContainer(id: string): Promise<void>;
	removePodSandbox(id: string): Promise<void>;
	removeImage(image: string): Promise<void>;
	/** Mutating (runs a process in the container). */
	execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecSyncResponse>;
	/** Mutating. Returns the streaming URL for the exec session. */
	exec(request: ExecRequest): Promise<{url: string}>;
	/** Streams GetContainerEvents; onError receives a CriError (code 'unimplemented' where the runtime lacks it). */
	containerEvents(onEvent: (event: ContainerEventResponse) => void, onError: (error: Error) => void): EventSubscription;
	close(): void;
}

// ---------------------------------------------------------------------------
// Implementation.

/** StopPodSandbox waits out the grace periods of every container (cri-dockerd: its own 10 s). */
const stopPodDeadlineMs = 30_000;
/** ExecSync with timeout 0 ("none") still gets a deadline: the tool must never hang. */
const execSyncDefaultMs = 30_000;

type ListKind = 'containers' | 'pods' | 'images';

const lists = {
	containers: {stream: 'StreamContainers', streamField: 'containers', unary: 'ListContainers', unaryField: 'containers', noun: 'container', narrow: {state: {state: 'CONTAINER_RUNNING'}}, narrowText: 'running containers'},
	pods: {stream: 'StreamPodSandboxes', streamField: 'podSandboxes', unary: 'ListPodSandbox', unaryField: 'items', noun: 'pod', narrow: {state: {state: 'SANDBOX_READY'}}, narrowText: 'ready pods'},
	images: {stream: 'StreamImages', streamField: 'images', unary: 'ListImages', unaryField: 'images', noun: 'image', narrow: undefined, narrowText: ''},
} as const;


/**
 * Per socket and list: whether the runtime answers the streamed list (true) or refuses it as
 * UNIMPLEMENTED (false). Kept for the whole process, so reconnects and later clients ask once.
 */
const streamSupport = new Map<string, boolean>();

export function createCriClient(options: ClientOptions): CriClient {
	const {RuntimeService, RuntimeUsage, ImageService} = loadCri();
	const runtimeEndpoint = parseEndpoint(options.runtimeEndpoint);
	const imageEndpoint = options.imageEndpoint ? parseEndpoint(options.imageEndpoint) : runtimeEndpoint;
	const timeoutMs = options.timeoutMs ?? 2000;
	const readOnly = options.readOnly ?? false;
	const maxBytes = options.maxMessageBytes ?? defaultMaxMessageBytes;

	// One channel per distinct socket, shared by both services when they are the same.
	const trace = options.trace ?? processTrace;
	const runtimeConn = new Connection(runtimeEndpoint, maxBytes, 'runtime', trace);
	const imageConn = imageEndpoint === runtimeEndpoint ? runtimeConn : new Connection(imageEndpoint, maxBytes, 'image', trace);
	const runtime = runtimeConn.stub(RuntimeService);
	const runtimeUsage = runtimeConn.stub(RuntimeUsage);
	const image = imageConn.stub(ImageService);
	let runtimeLabel: string | undefined;

	const spec = (rpc: string, extra: Partial<CallSpec> = {}): CallSpec => ({rpc, deadlineMs: timeoutMs, runtimeLabel, ...extra});
	const callRuntime = <T>(rpc: string, request: object, extra?: Partial<CallSpec>) => runtimeConn.unary<T>(runtime, spec(rpc, extra), request);
	const callImage = <T>(rpc: string, request: object, extra?: Partial<CallSpec>) => imageConn.unary<T>(image, spec(rpc, extra), request);

	/** Rejects before any bytes are sent when --read-only is on. */
	function guard(rpc: string, action: string): void {
		if (!readOnly) return;
		throw new CriError(`read-only mode: refusing to ${action}; start without --read-only to allow it`, 'read-only', rpc, runtimeEndpoint);
	}

	async function fetchAll<T>(kind: ListKind, filter: object | undefined, onCut?: (cut: ListCut) => void): Promise<T[]> {
		const list = lists[kind];
		const [conn, stub] = kind === 'images' ? [imageConn, image] : [runtimeConn, runtime];
		const request = filter ? {filter} : {};
		const known = streamSupport.get(`${conn.endpoint} ${kind}`);
		const unary = async () => {
			const all = (await conn.unary<Record<string, T[]>>(stub, spec(list.unary), request))[list.unaryField] ?? [];
			if (all.length <= listCap.items) return all;
			onCut?.({items: listCap.items, bytes: 0});
			return all.slice(0, listCap.items);
		};
		if (known === false) return unary();
		// Not known yet for this socket: the unary list goes out beside the stream, so a runtime that
		// refuses the stream (every one observed) costs no extra round trip before the first list.
		const fallback = known === undefined ? unary() : undefined;
		fallback?.catch(() => undefined);
		try {
			const items = await conn.collect<T>(stub, spec(list.stream), request, list.streamField, onCut);
			streamSupport.set(`${conn.endpoint} ${kind}`, true);
			return items;
		} catch (error) {
			const code = (error as grpc.ServiceError).code;
			if (code !== grpc.status.UNIMPLEMENTED) throw mapCallError(error, conn.context(spec(list.stream)));
			streamSupport.set(`${conn.endpoint} ${kind}`, false);
			return fallback ?? unary();
		}
	}

	/** A list; when it is over the size limit, the narrower list that fits, or none, with a sentence. */
	async function listOf<T>(kind: ListKind, filter?: {state?: unknown}): Promise<ListResult<T>> {
		const list = lists[kind];
		try {
			let cut: ListCut | undefined;
			const items = await fetchAll<T>(kind, filter, c => {
				cut = c;
			});
			if (!cut) return {items};
			const why = cut.bytes > listCap.bytes ? `${Math.round(listCap.bytes / 1024 / 1024)} MiB` : `${listCap.items.toLocaleString('en-US')} ${list.noun}s`;
			return {items, truncated: `the ${list.noun} list was cut at ${items.length.toLocaleString('en-US')} (crisock-tui brings in at most ${why} per list, to bound its memory); narrow it with crictl${list.narrow ? ` (e.g. ${kind === 'pods' ? 'crictl pods --state ready' : 'crictl ps --state running --pod ID'})` : ' images with a name'} or look at one pod`};
		} catch (error) {
			if (!(error instanceof CriError) || error.code !== 'too-large') throw error;
		}
		const limit = `${Math.round(maxBytes / 1024 / 1024 * 10) / 10} MiB`;
		if (list.narrow && !filter?.state) {
			try {
				const items = await fetchAll<T>(kind, {...filter, ...list.narrow});
				return {items, truncated: `the runtime's ${list.noun} list is larger than ${limit}, the most one answer may carry, so only ${list.narrowText} are shown`};
			} catch (error) {
				if (!(error instanceof CriError) || error.code !== 'too-large') throw error;
			}
		}
		return {items: [], truncated: `the runtime's ${list.noun} list is larger than ${limit}, the most one answer may carry, so none can be shown; use crictl with a filter instead`};
	}

	const listContainerStats = async () => (await callRuntime<{stats: ContainerStats[]}>('ListContainerStats', {})).stats ?? [];
	const listPodSandboxStats = async () => (await callRuntime<{stats: PodSandboxStats[]}>('ListPodSandboxStats', {})).stats ?? [];

	return {
		runtimeEndpoint,
		imageEndpoint,
		readOnly,
		trace,
		async version() {
			let response: VersionResponse;
			try {
				response = await callRuntime<VersionResponse>('Version', {version: 'v1'});
			} catch (error) {
				if (!(error instanceof CriError) || error.code !== 'wrong-api') throw error;
				// No runtime.v1: an old runtime (v1alpha2) is told to upgrade; anything else is named for what it is not.
				const old = await runtimeConn.offers('/runtime.v1alpha2.RuntimeService/Version', timeoutMs);
				throw (old ? wrongApi : notCri)(runtimeEndpoint, 'Version', error.grpcCode);
			}

			runtimeLabel = `${response.runtimeName} ${response.runtimeVersion}`.trim() || undefined;
			return response;
		},
		status: (verbose = false) => callRuntime<StatusResponse>('Status', {verbose}),
		listPodSandbox: filter => listOf<PodSandbox>('pods', filter),
		podSandboxStatus: (id, verbose = false) =>
			callRuntime<PodSandboxStatusResponse>('PodSandboxStatus', {podSandboxId: id, verbose}, {subject: `pod ${id}`}),
		listContainers: filter => listOf<Container>('containers', filter),
		containerStatus: (id, verbose = false) =>
			callRuntime<ContainerStatusResponse>('ContainerStatus', {containerId: id, verbose}, {subject: `container ${id}`}),
		listImages: () => listOf<Image>('images'),
		imageStatus: (ref, verbose = false) =>
			callImage<ImageStatusResponse>('ImageStatus', {image: {image: ref}, verbose}, {subject: `image ${ref}`}),
		imageFsInfo: () => callImage<ImageFsInfoResponse>('ImageFsInfo', {}),
		listContainerStats,
		listPodSandboxStats,
		// While the trace keeps answers, the full answer is decoded, so the trace shows what came.
		async listContainerUsage() {
			if (trace.detail === 'payload') return (await listContainerStats()).map(usageOfContainer);
			return (await runtimeConn.unary<{stats: UsageSample[]}>(runtimeUsage, spec('ListContainerStats', {method: 'ListContainerUsage'}), {})).stats;
		},
		async listPodSandboxUsage() {
			if (trace.detail === 'payload') return (await listPodSandboxStats()).map(usageOfPod);
			return (await runtimeConn.unary<{stats: UsageSample[]}>(runtimeUsage, spec('ListPodSandboxStats', {method: 'ListPodSandboxUsage'}), {})).stats;
		},
		async stopContainer(id, timeoutSeconds) {
			guard('StopContainer', `stop container ${id}`);
			const deadlineMs = Math.max(0, timeoutSeconds) * 1000 + timeoutMs;
			await callRuntime('StopContainer', {containerId: id, timeout: timeoutSeconds}, {deadlineMs, subject: `container ${id}`});
		},
		async stopPodSandbox(id) {
			guard('StopPodSandbox', `stop pod ${id}`);
			await callRuntime('StopPodSandbox', {podSandboxId: id}, {deadlineMs: Math.max(stopPodDeadlineMs, timeoutMs), subject: `pod ${id}`});
		},
		async removeContainer(id) {
			guard('RemoveContainer', `remove container ${id}`);
			await callRuntime('RemoveContainer', {containerId: id}, {subject: `container ${id}`});
		},
		async removePodSandbox(id) {
			guard('RemovePodSandbox', `remove pod ${id}`);
			await callRuntime('RemovePodSandbox', {podSandboxId: id}, {deadlineMs: Math.max(stopPodDeadlineMs, timeoutMs), subject: `pod ${id}`});
		},
		async removeImage(ref) {
			guard('RemoveImage', `remove image ${ref}`);
			await callImage('RemoveImage', {image: {image: ref}}, {subject: `image ${ref}`});
		},
		async execSync(containerId, cmd, timeoutSeconds) {
			guard('ExecSync', `run ${JSON.stringify(cmd.join(' '))} in container ${containerId}`);
			const deadlineMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 + timeoutMs : Math.max(execSyncDefaultMs, timeoutMs);
			return callRuntime<ExecSyncResponse>('ExecSync', {containerId, cmd, timeout: timeoutSeconds}, {deadlineMs, subject: `container ${containerId}`});
		},
		async exec(request) {
			guard('Exec', `open a process (${JSON.stringify(request.cmd.join(' '))}) in container ${request.containerId}`);
			const response = await callRuntime<{url: string}>('Exec', request, {subject: `container ${request.containerId}`});
			return {url: response.url};
		},
		containerEvents(onEvent, onError) {
			// A long-lived stream: no deadline; cancel() ends it.
			let call: grpc.ClientReadableStream<ContainerEventResponse>;
			try {
				call = (runtime.GetContainerEvents as (r: object) => grpc.ClientReadableStream<ContainerEventResponse>).call(runtime, {});
			} catch (error) {
				// grpc-js throws at once on a closed channel (a retry timer holding an old client):
				// report it like any lost stream instead of crashing the caller's timer.
				let cancelled = false;
				setImmediate(() => {
					if (!cancelled) onError(new CriError(`the event stream of ${runtimeEndpoint} cannot start: ${(error as Error).message}`, 'unavailable', 'GetContainerEvents', runtimeEndpoint));
				});
				return {cancel: () => void (cancelled = true)};
			}

			let over = false;
			call.on('data', (event: ContainerEventResponse) => {
				if (!over) onEvent(event);
			});
			call.on('error', (error: grpc.ServiceError) => {
				if (over) return;
				over = true;
				onError(mapCallError(error, runtimeConn.context(spec('GetContainerEvents'))));
			});
			call.on('end', () => {
				if (over) return;
				over = true;
				onError(new CriError(`the runtime at ${runtimeEndpoint} closed the container event stream: it may have restarted`, 'unavailable', 'GetContainerEvents', runtimeEndpoint));
			});
			return {
				cancel() {
					over = true;
					call.cancel();
				},
			};
		},
		close() {
			runtimeConn.close();
			if (imageConn !== runtimeConn) imageConn.close();
		},
	};
}
