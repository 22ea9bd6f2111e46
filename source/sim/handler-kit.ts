// What every simulated RPC does around its body: count the call, apply faults (delay, failure,
// oversize), and turn thrown SimErrors into gRPC statuses.
import * as grpc from '@grpc/grpc-js';
import {pad, type FaultState} from './faults.js';
import type {FlavourSpec} from './flavours.js';

export class SimError extends Error {
	constructor(readonly code: number, message: string) {
		super(message);
	}
}

export type Kit = {
	calls: Record<string, number>;
	faults: FaultState;
	spec: FlavourSpec;
};

// A fault's delay is simulated slowness: it must not keep a stopped node's process alive.
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms).unref());

function toStatus(error: unknown): Partial<grpc.StatusObject> {
	if (error instanceof SimError) return {code: error.code, details: error.message};
	return {code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error)};
}

/** A unary handler: `body` gets the decoded request and the call, returns the response object. */
export function unary(kit: Kit, rpc: string, body: (request: any, call: grpc.ServerUnaryCall<any, any>) => unknown): grpc.handleUnaryCall<any, any> {
	return (call, callback) => {
		kit.calls[rpc] = (kit.calls[rpc] ?? 0) + 1;
		const run = async () => {
			const delay = kit.faults.delayFor(rpc);
			if (delay > 0) await sleep(delay);
			const failure = kit.faults.failureFor(rpc);
			if (failure) throw new SimError(failure.code, failure.message);
			let response = (await body(call.request, call)) as Record<string, unknown>;
			const size = kit.faults.oversizeFor(rpc);
			if (size > 0) response = pad(rpc, response, size);
			return response;
		};
		run().then(response => callback(null, response), error => callback(toStatus(error)));
	};
}

/** A server-streaming handler; `body` writes to the call and returns a cleanup (or ends the call itself). */
export function stream(kit: Kit, rpc: string, body: (request: any, call: grpc.ServerWritableStream<any, any>) => void | Promise<void>): grpc.handleServerStreamingCall<any, any> {
	return call => {
		kit.calls[rpc] = (kit.calls[rpc] ?? 0) + 1;
		const run = async () => {
			const delay = kit.faults.delayFor(rpc);
			if (delay > 0) await sleep(delay);
			const failure = kit.faults.failureFor(rpc);
			if (failure) throw new SimError(failure.code, failure.message);
			await body(call.request, call);
		};
		run().catch(error => call.emit('error', toStatus(error)));
	};
}

/** The runtime lacks this RPC: answer UNIMPLEMENTED with its own wording. */
export function missing(kit: Kit, rpc: string): never {
	throw new SimError(grpc.status.UNIMPLEMENTED, kit.spec.unimplemented(rpc));
}

/** Matches a label selector: every key=value must be present. */
export function matchesLabels(labels: Record<string, string>, selector: Record<string, string> | null | undefined): boolean {
	if (!selector) return true;
	for (const [key, value] of Object.entries(selector)) if (labels[key] !== value) return false;
	return true;
}

/** An enum filter value as its name whether the decoder gave a name or a number. */
export function enumName(value: unknown, names: readonly string[]): string | undefined {
	if (value === null || value === undefined) return undefined;
	return typeof value === 'number' ? names[value] : String(value);
}
