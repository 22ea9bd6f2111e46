// Every CRI call the program makes, newest last, in a bounded ring: the data of the `:trace`
// view and of `--trace FILE`. Recorded at ONE place (grpc-call.ts); when nobody has asked for
// detail a call costs a timestamp and one small record. Sizes (bytes on the wire) and payloads
// (the decoded request and answer) are kept only once `setTraceDetail` asked for them.
import {status as GrpcStatus} from '@grpc/grpc-js';

export type TraceRecord = {
	/** Increasing number of the call in this process. */
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

const capacity = 500;
const ring: TraceRecord[] = [];
let next = 0;
let seq = 0;
let detail: TraceDetail = 'none';
const listeners = new Set<() => void>();

/** Serialized sizes of messages, by the decoded (or to-be-encoded) object; filled by proto.ts while detail is on. */
export const messageBytes = new WeakMap<object, number>();

/** Whether proto.ts should note message sizes (one boolean check per message otherwise). */
export function measuring(): boolean {
	return detail !== 'none';
}

/** Asks for sizes, or sizes and payloads, from now on. Never lowered by a view closing: a `--trace` file may need it. */
export function setTraceDetail(level: TraceDetail): void {
	const order: TraceDetail[] = ['none', 'bytes', 'payload'];
	if (order.indexOf(level) > order.indexOf(detail)) detail = level;
}

export function traceDetail(): TraceDetail {
	return detail;
}

const statusNames = new Map<number, string>(
	Object.entries(GrpcStatus).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v as number, k]),
);

/** `OK`, a gRPC status name, or `ERROR` (a failure that never reached gRPC, e.g. the socket is missing). */
export function statusName(error: unknown): string {
	if (!error) return 'OK';
	const code = (error as {code?: unknown; grpcCode?: unknown}).grpcCode ?? (error as {code?: unknown}).code;
	return typeof code === 'number' ? statusNames.get(code) ?? String(code) : 'ERROR';
}

/** Called by grpc-call.ts when a call ends (answer, error or stream end). */
export function recordCall(call: {method: string; endpoint: string; request: object; startedAt: number; startedMono: number; error?: unknown; response?: unknown; responseBytes?: number}): void {
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
}

/** The calls still in the ring, newest first. */
export function traceRecords(): TraceRecord[] {
	const oldestFirst = ring.length < capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
	return [...oldestFirst].reverse();
}

/** Called after every recorded call (the trace view re-renders); returns the unsubscribe. */
export function onTrace(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Tests: forget everything. */
export function resetTrace(): void {
	ring.length = 0;
	next = 0;
	seq = 0;
	detail = 'none';
}
