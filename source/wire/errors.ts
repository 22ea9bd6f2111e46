// CONTRACT: every failure that leaves the wire layer is a CriError whose message
// is one sentence a person can act on (names the path or object, says what to do).

export type CriErrorCode =
	| 'unimplemented' // the runtime lacks this RPC
	| 'unavailable' // socket missing, refused, or the runtime went away
	| 'deadline' // no answer within the timeout
	| 'permission' // EACCES on the socket
	| 'not-socket' // path exists but is not a unix socket
	| 'not-grpc' // something answered that does not speak gRPC/HTTP2 (e.g. docker.sock)
	| 'wrong-api' // runtime speaks an older CRI (v1alpha2) or not runtime.v1
	| 'not-found' // the object is gone
	| 'read-only' // refused by --read-only before any call was made
	| 'too-large' // response exceeded the message size limit
	| 'other';

export class CriError extends Error {
	override name = 'CriError';
	constructor(
		message: string,
		readonly code: CriErrorCode,
		/** RPC name, e.g. "ListContainers". */
		readonly rpc: string,
		/** Socket path the call went to. */
		readonly endpoint: string,
		/** gRPC status code, when there was one. */
		readonly grpcCode?: number,
		/** The deadline the call had, ms (code 'deadline'): a pane can say "timed out after 2s". */
		readonly timeoutMs?: number,
	) {
		super(message);
	}
}
