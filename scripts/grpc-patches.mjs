// Exact patches of @grpc/grpc-js (applied by bundle-patches.mjs) for memory at scale.
//
// 1. A message is copied into its own buffer as its bytes arrive, not kept as slices of the
// socket's read buffers until it is whole and then concatenated. A 5 MB ListContainers answer at
// 10,000 containers comes in ~80 reads of 64 KiB; each slice kept its whole read buffer alive
// until the last one arrived, long enough to be promoted to V8's old generation, so every poll
// left ~5 MB of dead read buffers that only a full collection frees (V8 starts one for external
// memory only after 64 MiB more of it). Copied at once, each read buffer dies young and the next
// scavenge frees it (the compress flag byte is copied too, not sliced). The message's bytes and its frame header are the same as Buffer.concat
// made them (test/scripts/grpc-patches.test.ts), and the size check comes before the allocation
// as before.
export const grpcPatches = {
	'@grpc/grpc-js/build/src/stream-decoder.js': [
		// The flag byte too: a slice of it held its read buffer until the next message.
		['this.readCompressFlag = data.slice(readHead, readHead + 1);', 'this.readCompressFlag[0] = data[readHead];'],
		[`                        if (this.readMessageRemaining > 0) {
                            this.readState = ReadState.READING_MESSAGE;`, `                        if (this.readMessageRemaining > 0) {
                            this.readState = ReadState.READING_MESSAGE;
                            this.readMessage = Buffer.allocUnsafe(this.readMessageSize + 5);
                            this.readCompressFlag.copy(this.readMessage, 0, 0, 1);
                            this.readPartialSize.copy(this.readMessage, 1, 0, 4);`],
		['this.readPartialMessage.push(data.slice(readHead, readHead + toRead));', 'data.copy(this.readMessage, this.readMessage.length - this.readMessageRemaining, readHead, readHead + toRead);'],
		[`                        const framedMessageBuffers = [
                            this.readCompressFlag,
                            this.readPartialSize,
                        ].concat(this.readPartialMessage);
                        const framedMessage = Buffer.concat(framedMessageBuffers, this.readMessageSize + 5);`, `                        const framedMessage = this.readMessage;
                        this.readMessage = null;`],
	],
};
