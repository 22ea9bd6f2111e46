// Deletes a removed container's log file and its rotations, as `crictl rm`
// does after RemoveContainer (containerd and CRI-O keep them; cri-dockerd
// deletes its own symlink). crictl globs `logPath*`; this is narrower and
// never follows a link, because the path comes from the runtime and this runs
// as root:
// - the path must be absolute and normal (no `..`, no NUL);
// - its folder must be reached without symbolic links (its real path is the
//   path itself, under the host root), so nothing outside it is touched;
// - only the file itself and `NAME.N`, `NAME.YYYYMMDD-HHMMSS` (the kubelet's
//   rotations), each optionally `.gz`, are deleted, and only when they are
//   regular files or symbolic links (a link is deleted, never its target).
import {lstat, readdir, realpath, unlink} from 'node:fs/promises';
import path from 'node:path';

export type LogRemoval = {
	/** Paths deleted (on this machine). */
	removed: string[];
	/** A sentence when files were left on purpose or could not be deleted. */
	problem?: string;
};

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `name` is `base` or one of its rotations. */
export function isLogRotationOf(base: string, name: string): boolean {
	if (name === base) return true;
	return new RegExp(`^${escapeRegex(base)}\\.(?:\\d+|\\d{8}-\\d{6})(?:\\.gz)?$`).test(name);
}

/**
 * Delete the log file a runtime reported (`logPath`, a node path) and its
 * rotations. `hostRoot` places node paths on this machine (`--host-root`).
 * Never throws: what was left and why is in `problem`.
 */
export async function removeLogFiles(logPath: string, options: {hostRoot?: string} = {}): Promise<LogRemoval> {
	if (logPath === '') return {removed: []};
	if (!path.isAbsolute(logPath) || logPath.includes('\0') || path.normalize(logPath) !== logPath || logPath.endsWith('/')) {
		return {removed: [], problem: `log file left in place: the runtime's log path ${JSON.stringify(logPath)} is not a plain absolute path`};
	}

	const root = options.hostRoot && options.hostRoot !== '/' ? options.hostRoot : '/';
	const local = path.join(root, logPath);
	const dir = path.dirname(local);
	const base = path.basename(local);
	try {
		const [realDir, realRoot] = await Promise.all([realpath(dir), realpath(root)]);
		if (realDir !== path.join(realRoot, path.dirname(logPath))) {
			return {removed: [], problem: `log file left in place: its folder ${dir} is reached through a symbolic link (to ${realDir})`};
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {removed: []};
		return {removed: [], problem: `log file left in place: cannot read ${dir} (${(error as Error).message})`};
	}

	const removed: string[] = [];
	const failed: string[] = [];
	let names: string[];
	try {
		names = await readdir(dir);
	} catch (error) {
		return {removed: [], problem: `log file left in place: cannot list ${dir} (${(error as Error).message})`};
	}

	for (const name of names.filter(n => isLogRotationOf(base, n)).sort()) {
		const file = path.join(dir, name);
		try {
			const stat = await lstat(file);
			if (!stat.isFile() && !stat.isSymbolicLink()) continue;
			await unlink(file);
			removed.push(file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed.push(`${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
		}
	}

	return failed.length > 0 ? {removed, problem: `could not delete ${failed.join(', ')}`} : {removed};
}
