// The one sentence for a log file that cannot be read: which file, why, and what to do (cri-dockerd's
// dangling symlink to Docker's json-file log named as such).
import {lstat, readlink} from 'node:fs/promises';
import {LogFileError} from './log-access.js';

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
