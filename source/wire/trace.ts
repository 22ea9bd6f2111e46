// Every CRI call a client makes, newest last, in a bounded ring: the data of the `:trace` view and
// of `--trace FILE`. Each client records into its own trace (the program's clients share
// `processTrace`), at ONE place (grpc-call.ts); when nobody has asked for detail a call costs a
// timestamp and one small record. Sizes (bytes on the wire) and payloads (the decoded request and
// answer) are kept only once the trace's `setDetail` asked for them.
import {status as GrpcStatus} from '@grpc/grpc-js';

export type TraceRecord = {
	/** Increasing number of the call in its trace. */
	seq: number;
	/** RPC name, e.g. `ListContainers`. */
	method: string;
	/** Socket path the call went to. */
	endpoint: string;
	/** The request as sent (our own object: never changed after the call). */
	request: object;
	/** Wall clock at the start, ms since the epoch. */
	startedAt: number;
	durationMs: number;
	/** `OK` or the gRPC status name (`NOT_FOUND`, `DEADLINE_EXCEEDED`, …); `ERROR` for a failure before gRPC. */
	status: string;
	/** The failure's message, when there was one. */
	error?: string;
	/** Serialized request size, bytes (detail only). */
	requestBytes?: number;
	/** Serialized answer size, bytes, summed over a stream's messages (detail only). */
	responseBytes?: number;
	/** The decoded answer (payload detail only). */
	response?: unknown;
};

export type TraceDetail = 'none' | 'bytes' | 'payload';

/** The calls of one or more clients, newest last, in a bounded ring. */
export type CallTrace = {
	/** Called by grpc-call.ts when a call ends (answer, error or stream end). */
	record(call: FinishedCall): void;
	/** The calls still in the ring, newest first. */
	records(): TraceRecord[];
	/** Called after every recorded call (the trace view re-renders); returns the unsubscribe. */
	onRecord(listener: () => void): () => void;
	/** Asks for sizes, or sizes and payloads, from now on. Never lowered by a view closing: a `--trace` file may need it. */
	setDetail(level: TraceDetail): void;
	readonly detail: TraceDetail;
	/** Its detail no longer counts for the decoders (highestTraceDetail); for a trace that is done, e.g. a test's. */
	release(): void;
};

export type FinishedCall = {method: string; endpoint: string; request: object; startedAt: number; startedMono: number; error?: unknown; response?: unknown; responseBytes?: number};

const order: TraceDetail[] = ['none', 'bytes', 'payload'];
const higher = (a: TraceDetail, b: TraceDetail) => (order.indexOf(b) > order.indexOf(a) ? b : a);
/** How many unreleased traces ask for sizes, and for payloads: what proto.ts measures and the decoders keep. */
const asking = {bytes: 0, payload: 0};

/** Serialized sizes of messages, by the decoded (or to-be-encoded) object; filled by proto.ts while detail is on. */
export const messageBytes = new WeakMap<object, number>();

/** Whether proto.ts should note message sizes (one boolean check per message otherwise). */
export function measuring(): boolean {
	return asking.bytes > 0;
}

/**
 * The most detail any trace asked for. The decoders (shared by every client) keep what a trace at
 * `payload` shows while any does; what each trace records follows its own detail.
 */
export function highestTraceDetail(): TraceDetail {
	return asking.payload > 0 ? 'payload' : asking.bytes > 0 ? 'bytes' : 'none';
}

/**
 * A trace of its own: a client records into the trace it was given (cri-client.ts), so two
 * clients (two tests in one process) never see each other's calls unless they share one.
 */
export function createCallTrace(capacity = 500): CallTrace {
	const ring: TraceRecord[] = [];
	let next = 0;
	let seq = 0;
	let detail: TraceDetail = 'none';
	let released = false;
	const count = (level: TraceDetail, by: number) => {
		if (level !== 'none') asking.bytes += by;
		if (level === 'payload') asking.payload += by;
	};
	const listeners = new Set<() => void>();
	return {
		get detail() {
			return detail;
		},
		setDetail(level) {
			const raised = higher(detail, level);
			if (!released) {
				count(detail, -1);
				count(raised, 1);
			}
			detail = raised;
		},
		release() {
			if (!released) count(detail, -1);
			released = true;
		},
		record(call) {
			const record: TraceRecord = {
				seq: ++seq,
				method: call.method,
				endpoint: call.endpoint,
				request: call.request,
				startedAt: call.startedAt,
				durationMs: performance.now() - call.startedMono,
				status: statusName(call.error),
			};
			if (call.error) record.error = (call.error as Error).message;
			if (detail !== 'none') {
				record.requestBytes = messageBytes.get(call.request);
				record.responseBytes = call.responseBytes ?? (call.response && typeof call.response === 'object' ? messageBytes.get(call.response) : undefined);
			}
			if (detail === 'payload') record.response = call.response;
			if (ring.length < capacity) ring.push(record);
			else ring[next] = record;
			next = (next + 1) % capacity;
			for (const listener of listeners) listener();
		},
		records() {
			const oldestFirst = ring.length < capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
			return [...oldestFirst].reverse();
		},
		onRecord(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/** The trace of the program's clients (those given none of their own): the `:trace` view and `--trace FILE`. */
export const processTrace = createCallTrace();

const statusNames = new Map<number, string>(
	Object.entries(GrpcStatus).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v as number, k]),
);

/** `OK`, a gRPC status name, or `ERROR` (a failure that never reached gRPC, e.g. the socket is missing). */
export function statusName(error: unknown): string {
	if (!error) return 'OK';
	const code = (error as {code?: unknown; grpcCode?: unknown}).grpcCode ?? (error as {code?: unknown}).code;
	return typeof code === 'number' ? statusNames.get(code) ?? String(code) : 'ERROR';
}
