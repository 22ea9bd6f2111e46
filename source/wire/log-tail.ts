// The last N lines of a container log, read backwards from the end in bounded chunks, so opening
// a huge log on a sick node is instant (there is no CRI RPC for logs: the file is read as crictl does).
import type {Stats} from 'node:fs';
import type {FileHandle} from 'node:fs/promises';
import {openLogFile, type LogAccess} from './log-access.js';
import {describeLogError} from './log-error.js';
import {countNewlines, joinLines, matchesFilter, newline, type LogFilter} from './log-lines.js';
import {createLogJoiner, logTimeMs, type LogLine} from './log-parse.js';

export type TailOptions = {
	/** How many (joined, filtered) lines to return. @default 200 */
	lines?: number;
	filter?: LogFilter;
	/** Bytes read per step backwards. @default 65536 */
	chunkSize?: number;
	/** Give up scanning backwards after this many bytes (a filter that matches nothing must not read 1 GB). @default 16 MiB */
	maxScanBytes?: number;
	/** Which files may be read. @default currentLogAccess() */
	access?: LogAccess;
};

export type TailResult = {
	lines: LogLine[];
	/** Bytes actually read from the file. */
	bytesRead: number;
	/** Where a follower continues: just after the last complete line. */
	offset: number;
	/** Inode of the file read, to notice rotation when following. */
	ino: number;
	/** true when the scan stopped at maxScanBytes before the start of the file. */
	scanLimited: boolean;
	/** Lines read that are in no container-log format (not shown). */
	rejected: number;
};

/** The last N lines of a log file, reading backwards from the end. */
export async function tailLog(path: string, options: TailOptions = {}): Promise<TailResult> {
	const want = options.lines ?? 200;
	const chunkSize = options.chunkSize ?? 65_536;
	const maxScan = options.maxScanBytes ?? 16 * 1024 * 1024;
	const filter = options.filter ?? {};
	let file: FileHandle;
	let info: Stats;
	try {
		({handle: file, stat: info} = await openLogFile(path, options.access));
	} catch (error) {
		throw await describeLogError(error, path);
	}

	try {
		const size = info.size;
		const chunks: Buffer[] = [];
		let start = size;
		let bytesRead = 0;
		let end = size; // end of the last complete line
		let endKnown = false;
		let rawLines = 0;
		let needRaw = want;
		let result: LogLine[] = [];
		let rejected = 0;
		while (start > 0) {
			const length = Math.min(chunkSize, start);
			start -= length;
			const buffer = Buffer.alloc(length);
			const {bytesRead: got} = await file.read(buffer, 0, length, start);
			bytesRead += got;
			const chunk = buffer.subarray(0, got);
			chunks.unshift(chunk);
			if (!endKnown) {
				// A line still being written at EOF is left for the follower.
				const last = chunk.lastIndexOf(newline);
				if (last !== -1) {
					end = start + last + 1;
					endKnown = true;
				}
			}

			rawLines += countNewlines(chunk);
			const limited = bytesRead >= maxScan;
			if (rawLines <= needRaw && start > 0 && !limited) continue;
			({lines: result, rejected} = parseWindow(Buffer.concat(chunks), start, end, start === 0));
			const kept = result.filter(line => matchesFilter(line, filter));
			const before = filter.sinceMs !== undefined && result.some(l => logTimeMs(l.time) < filter.sinceMs!);
			if (kept.length >= want || before || start === 0 || limited) {
				return {lines: kept.slice(-want), bytesRead, offset: endKnown ? end : 0, ino: info.ino, scanLimited: limited && start > 0, rejected};
			}

			// Partial records join and filters drop lines: ask for more raw lines in proportion.
			needRaw = rawLines + Math.max(want - kept.length, 1) * Math.max(2, Math.ceil(rawLines / Math.max(kept.length, 1)));
		}

		return {lines: result, bytesRead, offset: endKnown ? end : 0, ino: info.ino, scanLimited: false, rejected};
	} finally {
		await file.close();
	}
}

/** Complete lines of the window [start, end): the first fragment is dropped unless the window starts the file. */
function parseWindow(data: Buffer, start: number, end: number, atFileStart: boolean): {lines: LogLine[]; rejected: number} {
	let body = data.subarray(0, end - start);
	if (!atFileStart) {
		const first = body.indexOf(newline);
		body = first === -1 ? Buffer.alloc(0) : body.subarray(first + 1);
	}

	return joinLines(body, createLogJoiner());
}
