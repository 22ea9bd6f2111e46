// Reads container log files straight from disk, as crictl and the kubelet do
// (there is no CRI RPC for logs). Two promises to the user on a sick node:
// opening a huge log is instant (log-tail.ts reads the tail backwards from the
// end in chunks, bounded), and following survives rotation (log-follow.ts:
// rename + new file, or truncation), which the runtimes do on their own schedule.
// Only container logs are shown: files are opened through log-access.ts (log
// roots, resolved inside the host root, regular files only) and only lines in
// a container-log format (CRI or Docker json-file) are kept (log-lines.ts).
// This module is the one the rest of the program imports.
import path from 'node:path';

export {LogFileError, type LogFileErrorCode} from './log-access.js';
export {describeLogError} from './log-error.js';
export {followLog, type FollowOptions, type LogFollower} from './log-follow.js';
export {matchesFilter, type LogFilter, type StreamFilter} from './log-lines.js';
export {tailLog, type TailOptions, type TailResult} from './log-tail.js';

/**
 * Turns a runtime's logPath into a path on this machine (`--host-root` for a node mounted
 * elsewhere). `..` stops at the node's root; symlinks are resolved inside it when the file is opened.
 */
export function resolveLogPath(logPath: string, hostRoot?: string): string {
	const nodePath = path.posix.resolve('/', logPath);
	return hostRoot && hostRoot !== '/' ? path.join(hostRoot, nodePath) : nodePath;
}
