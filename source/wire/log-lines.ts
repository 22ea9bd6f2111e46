// From bytes of a container log to lines: split at newlines, parsed (CRI or Docker json-file), the
// partial records joined, the filter applied. Lines in no container-log format are counted and
// never shown, so a file that is not a log shows nothing of itself.
import {logTimeMs, parseLogRecord, type LogJoiner, type LogLine, type LogStream} from './log-parse.js';

export type StreamFilter = 'both' | LogStream;

export type LogFilter = {
	/** @default 'both' */
	stream?: StreamFilter;
	/** Only lines at or after this time (ms since the epoch). */
	sinceMs?: number;
};

export const newline = 0x0a;

/** Whether a parsed line passes the filter (lines in no log format never get here). */
export function matchesFilter(line: LogLine, filter: LogFilter = {}): boolean {
	if (filter.stream && filter.stream !== 'both' && line.stream !== filter.stream) return false;
	if (filter.sinceMs !== undefined) {
		const ms = logTimeMs(line.time);
		if (!Number.isNaN(ms) && ms < filter.sinceMs) return false;
	}

	return true;
}

/** The complete lines of `body` (which ends at a newline) through `joiner`; those in no log format only counted. */
export function joinLines(body: Buffer, joiner: LogJoiner, filter?: LogFilter): {lines: LogLine[]; rejected: number} {
	const lines: LogLine[] = [];
	let rejected = 0;
	let from = 0;
	for (let i = body.indexOf(newline); i !== -1; i = body.indexOf(newline, from)) {
		const record = parseLogRecord(body.subarray(from, i));
		from = i + 1;
		if (record.format === 'raw') {
			rejected++;
			continue;
		}

		const line = joiner.push(record);
		if (line && (!filter || matchesFilter(line, filter))) lines.push(line);
	}

	return {lines, rejected};
}

/** Newlines in a chunk (how many lines it ends). */
export function countNewlines(buffer: Buffer): number {
	let count = 0;
	for (let i = buffer.indexOf(newline); i !== -1; i = buffer.indexOf(newline, i + 1)) count++;
	return count;
}
