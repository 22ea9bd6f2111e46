// Following a container log as it grows, by polling (fs.watch misses renames on some filesystems
// and never sees NFS writes), through the rotations the runtimes do on their own schedule (rename
// and a new file, or truncation): the old file is finished, then the new one read from its start.
import {stat, type FileHandle} from 'node:fs/promises';
import {LogFileError, openLogFile, type LogAccess} from './log-access.js';
import {describeLogError} from './log-error.js';
import {joinLines, newline, type LogFilter} from './log-lines.js';
import {createLogJoiner, type LogLine} from './log-parse.js';

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
		const {lines, rejected} = joinLines(all.subarray(0, last + 1), joiner, options.filter ?? {});

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
