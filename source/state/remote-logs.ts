// Logs of a container on another node (--node ssh://…): the file is read on the
// node over its ssh connection (wire/ssh-logs.ts, the same root rules as local
// files), and what comes back is parsed here exactly as a local file's lines
// are: the last lines first, then the new ones as they are written.
import {createLogJoiner, parseLogLines, parseLogRecord, type LogLine} from '../wire/log-parse.js';
import {matchesFilter, type LogFilter} from '../wire/log-reader.js';

/** Reading a node's log files (made by the CLI from the node's ssh connection). */
export type NodeLogAccess = {
	/** The last `tailBytes` of the file at `nodePath` on the node. */
	read(nodePath: string, tailBytes: number): Promise<Buffer>;
	/** New bytes as they are written, through rotation; onEnd once it stops by itself. */
	follow(nodePath: string, handlers: {onData(chunk: Buffer): void; onEnd(error?: Error): void}): {stop(): void};
};

/** How much of the end of a remote file is fetched for the first lines (a long line may need more). */
const TAIL_BYTES_PER_LINE = 1024;
const TAIL_BYTES_MAX = 4 << 20;

/** The last `lines` lines of the first candidate path that can be read; the error names the last refusal. */
export async function tailRemote(access: NodeLogAccess, paths: readonly string[], lines: number, filter: LogFilter): Promise<{lines: LogLine[]; path: string; rejected: number}> {
	let last: unknown = new Error('no log path to read on the node');
	for (const path of paths) {
		try {
			const bytes = Math.min(TAIL_BYTES_MAX, Math.max(64 << 10, lines * TAIL_BYTES_PER_LINE));
			const text = (await access.read(path, bytes)).toString('utf8');
			const raw = text.split('\n');
			raw.pop(); // after the last newline: nothing, or a line still being written
			// The first line may be cut by the byte window: dropped unless the whole file came back.
			if (text.length >= bytes && raw.length > 1) raw.shift();
			const rejected = raw.filter(l => parseLogRecord(l).format === 'raw').length;
			const parsed = parseLogLines(raw.filter(l => parseLogRecord(l).format !== 'raw')).filter(l => matchesFilter(l, filter));
			return {lines: parsed.slice(-lines), path, rejected};
		} catch (error) {
			last = error;
		}
	}

	throw last;
}

/** Follows the file on the node; whole lines only, parsed and filtered. */
export function followRemote(access: NodeLogAccess, path: string, options: {filter: LogFilter; onLines(lines: LogLine[]): void; onError(error: Error): void}): {stop(): void} {
	let rest = '';
	const joiner = createLogJoiner();
	return access.follow(path, {
		onData(chunk) {
			const text = rest + chunk.toString('utf8');
			const parts = text.split('\n');
			rest = parts.pop() ?? '';
			const out: LogLine[] = [];
			for (const part of parts) {
				const record = parseLogRecord(part);
				if (record.format === 'raw') continue;
				const line = joiner.push(record);
				if (line && matchesFilter(line, options.filter)) out.push(line);
			}

			if (out.length > 0) options.onLines(out);
		},
		onEnd(error) {
			options.onError(error ?? new Error(`following ${path} on the node ended`));
		},
	});
}
