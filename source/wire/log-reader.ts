// Reads container log files straight from disk, as crictl and the kubelet do
// (there is no CRI RPC for logs). Two promises to the user on a sick node:
// opening a huge log is instant (the tail is read backwards from the end in
// chunks, bounded), and following survives rotation (rename + new file, or
// truncation), which the runtimes do on their own schedule.
// Only container logs are shown: files are opened through log-access.ts (log
// roots, resolved inside the host root, regular files only) and only lines in
// a container-log format (CRI or Docker json-file) are kept; the others are
// counted, never shown, so a file that is not a log shows nothing of itself.
import type {Stats} from 'node:fs';
import {stat, lstat, readlink, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import {LogFileError, openLogFile, type LogAccess} from './log-access.js';
import {createLogJoiner, logTimeMs, parseLogRecord, type LogLine, type LogRecord, type LogStream} from './log-parse.js';

export {LogFileError, type LogFileErrorCode} from './log-access.js';

export type StreamFilter = 'both' | LogStream;

export type LogFilter = {
	/** @default 'both' */
	stream?: StreamFilter;
	/** Only lines at or after this time (ms since the epoch). */
	sinceMs?: number;
};

/**
 * Turns a runtime's logPath into a path on this machine (`--host-root` for a node mounted
 * elsewhere). `..` stops at the node's root; symlinks are resolved inside it when the file is opened.
 */
export function resolveLogPath(logPath: string, hostRoot?: string): string {
	const nodePath = path.posix.resolve('/', logPath);
	return hostRoot && hostRoot !== '/' ? path.join(hostRoot, nodePath) : nodePath;
}

/** The sentence for a failed open/read of a log file. */
export async function describeLogError(error: unknown, path: string): Promise<LogFileError> {
	if (error instanceof LogFileError) return error;
	const code = (error as NodeJS.ErrnoException)?.code;
	if (code === 'EACCES' || code === 'EPERM') {
		return new LogFileError(`cannot read ${path}: permission denied — run as root`, 'permission', path);
	}

	if (code === 'ENOENT' || code === 'ENOTDIR') {
		// cri-dockerd's log path is a symlink to Docker's json-file log: say so when the target is gone.
		const target = await lstat(path).then(async s => (s.isSymbolicLink() ? readlink(path) : undefined), () => undefined);
		if (target) {
			return new LogFileError(`log file ${path} links to ${target}, which is missing (the container was removed or its log rotated away)`, 'not-found', path);
		}

		return new LogFileError(`no log file at ${path} (the runtime may run on another host or the container was removed)`, 'not-found', path);
	}

	if (code === 'EISDIR') return new LogFileError(`${path} is a directory, not a log file`, 'not-file', path);
	const detail = error instanceof Error ? error.message : String(error);
	return new LogFileError(`cannot read ${path}: ${detail}`, 'other', path);
}

/** Whether a parsed line passes the filter (lines in no log format never get here). */
export function matchesFilter(line: LogLine, filter: LogFilter = {}): boolean {
	if (filter.stream && filter.stream !== 'both' && line.stream !== filter.stream) return false;
	if (filter.sinceMs !== undefined) {
		const ms = logTimeMs(line.time);
		if (!Number.isNaN(ms) && ms < filter.sinceMs) return false;
	}

	return true;
}

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

const newline = 0x0a;

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

function countNewlines(buffer: Buffer): number {
	let count = 0;
	for (let i = buffer.indexOf(newline); i !== -1; i = buffer.indexOf(newline, i + 1)) count++;
	return count;
}

/** Complete lines of the window [start, end): the first fragment is dropped unless the window starts the file. */
function parseWindow(data: Buffer, start: number, end: number, atFileStart: boolean): {lines: LogLine[]; rejected: number} {
	let body = data.subarray(0, end - start);
	if (!atFileStart) {
		const first = body.indexOf(newline);
		body = first === -1 ? Buffer.alloc(0) : body.subarray(first + 1);
	}

	const joiner = createLogJoiner();
	const lines: LogLine[] = [];
	let rejected = 0;
	for (const raw of splitLines(body)) {
		const record = parseLogRecord(raw);
		if (!isLogRecord(record)) rejected++;
		else {
			const line = joiner.push(record);
			if (line) lines.push(line);
		}
	}

	return {lines, rejected};
}

/** A line in a container-log format; anything else is counted and never shown. */
function isLogRecord(record: LogRecord): boolean {
	return record.format !== 'raw';
}

function splitLines(body: Buffer): Buffer[] {
	const lines: Buffer[] = [];
	let from = 0;
	for (let i = body.indexOf(newline); i !== -1; i = body.indexOf(newline, from)) {
		lines.push(body.subarray(from, i));
		from = i + 1;
	}

	return lines;
}

export type FollowOptions = {
	/** Byte offset to start from (TailResult.offset). */
	offset: number;
	/** Inode the offset belongs to (TailResult.ino). */
	ino: number;
	filter?: LogFilter;
	/** @default 250 */
	pollMs?: number;
	/** Most bytes read per poll, so a flood cannot stall the screen; the rest comes next poll. @default 1 MiB */
	maxBytesPerPoll?: number;
	onLines(lines: LogLine[]): void;
	onError(error: LogFileError): void;
	/** Lines in no container-log format were read (and dropped). */
	onRejected?(count: number): void;
	/** Which files may be read. @default currentLogAccess() */
	access?: LogAccess;
	/** The file was rotated; reading continues from the start of the new file. */
	onRotate?(how: 'renamed' | 'truncated'): void;
};

export type LogFollower = {
	stop(): void;
	/** Resolves after the first poll (the file is open; appends from now on are seen). */
	ready: Promise<void>;
};

/** Follows appended lines by polling (fs.watch misses renames on some filesystems and never sees NFS writes). */
export function followLog(path: string, options: FollowOptions): LogFollower {
	const pollMs = options.pollMs ?? 250;
	const maxBytes = options.maxBytesPerPoll ?? 1024 * 1024;
	const joiner = createLogJoiner();
	let file: FileHandle | undefined;
	let ino = options.ino;
	let offset = options.offset;
	let remainder: Buffer = Buffer.alloc(0);
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let lastError = '';
	let markReady!: () => void;
	const ready = new Promise<void>(resolve => {
		markReady = resolve;
	});
	const report = (error: LogFileError) => {
		if (error.message !== lastError && !stopped) options.onError(error);
		lastError = error.message;
	};

	const emit = (data: Buffer) => {
		const all = remainder.length > 0 ? Buffer.concat([remainder, data]) : data;
		const last = all.lastIndexOf(newline);
		if (last === -1) {
			remainder = all;
			return;
		}

		remainder = Buffer.from(all.subarray(last + 1));
		const lines: LogLine[] = [];
		let rejected = 0;
		for (const raw of splitLines(all.subarray(0, last + 1))) {
			const record = parseLogRecord(raw);
			if (!isLogRecord(record)) {
				rejected++;
				continue;
			}

			const line = joiner.push(record);
			if (line && matchesFilter(line, options.filter)) lines.push(line);
		}

		if (rejected > 0 && !stopped) options.onRejected?.(rejected);
		if (lines.length > 0 && !stopped) options.onLines(lines);
	};

	/** Reads what was appended to the open file; true when more is waiting. */
	const drain = async (handle: FileHandle): Promise<boolean> => {
		const {size} = await handle.stat();
		if (size < offset) {
			offset = 0;
			remainder = Buffer.alloc(0);
			options.onRotate?.('truncated');
		}

		const length = Math.min(size - offset, maxBytes);
		if (length <= 0) return false;
		const buffer = Buffer.alloc(length);
		const {bytesRead} = await handle.read(buffer, 0, length, offset);
		offset += bytesRead;
		emit(buffer.subarray(0, bytesRead));
		return offset < size;
	};

	const tick = async () => {
		let more = false;
		try {
			if (!file) {
				const {handle, stat: opened} = await openLogFile(path, options.access);
				file = handle;
				if (opened.ino !== ino) {
					// Reopened after the path went missing: this is a new file.
					ino = opened.ino;
					offset = 0;
					remainder = Buffer.alloc(0);
					options.onRotate?.('renamed');
				}
			}

			const current = await stat(path).catch(async (error: unknown) => {
				// Missing path with the old file still open: mid-rotation, or the container is gone. Say so, keep reading.
				report(await describeLogError(error, path));
				return undefined;
			});
			if (current && current.ino !== ino) {
				// Renamed away and a new file created: finish the old one, then start the new one.
				while (await drain(file));
				await file.close();
				file = undefined;
				const {handle, stat: opened} = await openLogFile(path, options.access);
				file = handle;
				ino = opened.ino;
				offset = 0;
				remainder = Buffer.alloc(0);
				options.onRotate?.('renamed');
			}

			more = await drain(file);
			if (current) lastError = '';
		} catch (error) {
			// A rotation can leave the path missing for a moment: report once, keep polling.
			report(await describeLogError(error, path));
			await file?.close().catch(() => undefined);
			file = undefined;
		}

		markReady();
		if (stopped) {
			await file?.close().catch(() => undefined);
		} else {
			timer = setTimeout(tick, more ? 0 : pollMs);
		}
	};

	timer = setTimeout(tick, 0);
	return {
		ready,
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			void file?.close().catch(() => undefined);
		},
	};
}
