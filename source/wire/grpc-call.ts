// One connection to one runtime socket and the two call shapes the client uses
// (unary, and a server stream collected into a list), each with a deadline and
// every failure mapped to a CriError.
import * as grpc from '@grpc/grpc-js';
import {checkSocket, mapCallError, type CallContext, type EndpointRole} from './call-errors.js';
import {grpcAddress} from './endpoint.js';
import {messageBytes, processTrace, type CallTrace} from './trace.js';

type Callback = (error: grpc.ServiceError | null, response?: unknown) => void;
type UnaryMethod = (request: object, options: grpc.CallOptions, callback: Callback) => grpc.ClientUnaryCall;
type StreamMethod = (request: object, options?: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;
export type Stub = grpc.Client & Record<string, unknown>;

export const defaultMaxMessageBytes = 16 * 1024 * 1024;

/**
 * The most one list may bring in, streamed or not: items, and bytes of answer. Past it the
 * stream is cancelled and the list is shown cut (memory stays bounded on a node with 100,000
 * containers). @default 20,000 items, 64 MiB
 */
export const listCap = {items: 20_000, bytes: 64 * 1024 * 1024};

/** Why a list was cut at the cap. */
export type ListCut = {items: number; bytes: number};

export type CallSpec = Omit<CallContext, 'endpoint' | 'timeoutMs' | 'maxMessageBytes'> & {
	deadlineMs: number;
	/** The stub's method when it is not named `rpc` (the stats RPCs decoded for the dashboard). */
	method?: string;
};

/** HTTP/2 allows at most this window (2^31 - 1 bytes). */
const maxWindowBytes = 0x7fffffff;

/** The options of a channel to one socket that takes answers of up to `maxMessageBytes`. */
export function channelOptions(maxMessageBytes: number): grpc.ChannelOptions {
	return {
		'grpc.max_receive_message_length': maxMessageBytes,
		'grpc.max_send_message_length': maxMessageBytes,
		// A hung runtime must not collect queued retries; the caller polls again anyway.
		'grpc.enable_retries': 0,
		// After a runtime restart, reconnect within about a second rather than minutes.
		'grpc.initial_reconnect_backoff_ms': 200,
		'grpc.max_reconnect_backoff_ms': 1000,
		// HTTP/2 flow control: with grpc-js's default 64 KiB window, the runtime sends 64 KiB and
		// waits for our WINDOW_UPDATE, so a 5 MB ListContainers answer at 10,000 containers took ~80
		// round trips between the two processes, each one waiting for our event loop (busy with the
		// last answer, a frame) and the scheduler. A window as large as the largest answer we take
		// lets the runtime send it in one go: nothing more is held than that answer, which is
		// collected whole anyway.
		'grpc-node.flow_control_window': Math.min(maxWindowBytes, Math.max(65_535, maxMessageBytes)),
	};
}

/** The path's health: checked with stat before the first call and again after a connection failure. */
export class Connection {
	readonly channel: grpc.Channel;
	private verified = false;

	constructor(readonly endpoint: string, readonly maxMessageBytes: number, readonly role: EndpointRole = 'runtime', readonly trace: CallTrace = processTrace) {
		this.channel = new grpc.Channel(grpcAddress(endpoint), grpc.credentials.createInsecure(), channelOptions(maxMessageBytes));
	}

	stub(ctor: grpc.ServiceClientConstructor): Stub {
		return new ctor(grpcAddress(this.endpoint), grpc.credentials.createInsecure(), {channelOverride: this.channel}) as unknown as Stub;
	}

	context(spec: CallSpec): CallContext {
		return {...spec, endpoint: this.endpoint, timeoutMs: spec.deadlineMs, maxMessageBytes: this.maxMessageBytes, role: this.role};
	}

	/** Before bytes go out: a precise sentence for a missing path, a regular file, or no permission. */
	async precheck(rpc: string): Promise<void> {
		if (this.verified) return;
		const problem = await checkSocket(this.endpoint, rpc, this.role);
		if (problem) throw problem;
	}

	settle(error: grpc.ServiceError | null): void {
		if (!error) this.verified = true;
		else if (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED) this.verified = false;
	}

	/** The call's trace entry, once the precheck passed; a failed precheck is recorded, then thrown. */
	private async begin(spec: CallSpec, request: object) {
		const trace = {method: spec.rpc, endpoint: this.endpoint, request, startedAt: Date.now(), startedMono: performance.now()};
		try {
			await this.precheck(spec.rpc);
		} catch (error) {
			this.trace.record({...trace, error});
			throw error;
		}
		return trace;
	}

	async unary<T>(stub: Stub, spec: CallSpec, request: object): Promise<T> {
		const trace = await this.begin(spec, request);

		const method = stub[spec.method ?? spec.rpc] as UnaryMethod;
		return new Promise<T>((resolve, reject) => {
			method.call(stub, request, {deadline: Date.now() + spec.deadlineMs}, (error, response) => {
				this.settle(error);
				this.trace.record({...trace, error, response});
				if (error) reject(mapCallError(error, this.context(spec)));
				else resolve(response as T);
			});
		});
	}

	/**
	 * Calls a server-streaming list RPC and concatenates `field` of every message.
	 * Rejects with the raw grpc-js error so the caller can tell UNIMPLEMENTED (fall back) apart.
	 */
	async collect<T>(stub: Stub, spec: CallSpec, request: object, field: string, onCut?: (cut: ListCut) => void, cap = listCap): Promise<T[]> {
		const trace = await this.begin(spec, request);

		const method = stub[spec.rpc] as StreamMethod;
		return new Promise<T[]>((resolve, reject) => {
			const items: T[] = [];
			let failed = false;
			let bytes: number | undefined;
			const call = method.call(stub, request, {deadline: Date.now() + spec.deadlineMs});
			call.on('data', (message: Record<string, T[]>) => {
				if (failed) return;
				for (const item of message[field] ?? []) items.push(item);
				const size = messageBytes.get(message);
				if (size !== undefined) bytes = (bytes ?? 0) + size;
				if (items.length > cap.items || (bytes ?? 0) > cap.bytes) {
					// Past the cap: stop the stream here and keep what fits.
					failed = true;
					call.cancel();
					this.settle(null);
					const kept = items.slice(0, cap.items);
					onCut?.({items: kept.length, bytes: bytes ?? 0});
					this.trace.record({...trace, response: {[field]: kept}, responseBytes: bytes});
					resolve(kept);
				}
			});
			call.on('error', (error: grpc.ServiceError) => {
				if (failed) return; // the cancel after a cut
				failed = true;
				this.settle(error);
				this.trace.record({...trace, error, responseBytes: bytes});
				reject(error);
			});
			call.on('end', () => {
				if (failed) return;
				this.settle(null);
				this.trace.record({...trace, response: {[field]: items}, responseBytes: bytes});
				resolve(items);
			});
		});
	}

	/**
	 * Whether the server has the unary method at `path` (e.g. '/runtime.v1alpha2.RuntimeService/Version'),
	 * whatever its messages: an empty request (a valid protobuf message with no fields) goes out and
	 * only UNIMPLEMENTED (or no answer) counts as "no".
	 */
	offers(path: string, deadlineMs: number): Promise<boolean> {
		const client = new grpc.Client(grpcAddress(this.endpoint), grpc.credentials.createInsecure(), {channelOverride: this.channel});
		const raw = (bytes: Buffer) => bytes;
		return new Promise(resolve => {
			client.makeUnaryRequest(path, raw, raw, Buffer.alloc(0), {deadline: Date.now() + deadlineMs}, error => {
				resolve(!error || (error.code !== grpc.status.UNIMPLEMENTED && error.code !== grpc.status.DEADLINE_EXCEEDED && error.code !== grpc.status.UNAVAILABLE));
			});
		});
	}

	close(): void {
		this.channel.close();
	}
}
