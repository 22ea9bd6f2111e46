// Frees a decoded answer's bytes at once instead of at V8's next full collection.
//
// grpc-js hands each answer to the deserializer as a Buffer of its own (the 5-byte frame header
// and the message). At 10,000 containers a poll brings ~5 MB of ListContainers; by the time it is
// decoded its ArrayBuffer has usually outlived two scavenges of the 1 MiB young generation and is
// in the old generation, so it is freed only by a mark-compact, which V8 starts for external
// memory only after 64 MiB more of it: the dashboard grew by a poll's answers every 2 s until then
// (measured: +9 MB a poll, peak RSS 166 MiB of which ~60 was dead answers). Detaching the
// ArrayBuffer (transferring its contents to a clone nobody keeps) hands the bytes to a young
// object, which the next scavenge frees; on Node ≥ 21, `transfer(0)` frees them on the spot.
//
// Only for answers our own decoders turned into plain objects and strings (list-decode.ts,
// usage-decode.ts): nothing made from them points into the bytes.

/** Below this an answer is left to the GC: small Buffers may share a pooled slab. */
const minBytes = 64 * 1024;

type Transferable = ArrayBuffer & {transfer?: (length: number) => ArrayBuffer};

/**
 * Detaches `buf`'s ArrayBuffer when it holds nothing but `buf` (and at most the 5-byte gRPC frame
 * header before it) and is large enough to be its own allocation; otherwise does nothing. After
 * the call `buf` reads as empty.
 */
export function releaseAnswer(buf: Buffer): void {
	const buffer = buf.buffer as Transferable;
	if (buf.byteLength < minBytes || !(buffer instanceof ArrayBuffer)) return;
	if (buf.byteOffset > 5 || buffer.byteLength - buf.byteLength > 5) return;
	try {
		if (typeof buffer.transfer === 'function') buffer.transfer(0);
		else structuredClone(buffer, {transfer: [buffer]});
	} catch {
		// Not detachable (e.g. a WebAssembly memory): the GC frees it as before.
	}
}
