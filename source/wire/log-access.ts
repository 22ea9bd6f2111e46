// Which files may be read as container logs, and opening one without being led
// anywhere else. The runtime names the file (ContainerStatus.log_path) and this
// tool runs as root, so a hostile or broken runtime could name /etc/shadow, a
// symlink to it, a `../` path, a FIFO (the open blocks) or a device. Rules:
// - the path is resolved the way a process chrooted at the node's root would
//   (--host-root, else /): every symlink, absolute or relative, is followed
//   INSIDE that root and `..` stops at it (cri-dockerd's links are absolute
//   node paths, /var/lib/docker/containers/ID/ID-json.log);
// - the resolved file must lie under a log root (defaultLogRoots, plus
//   --log-root and the in-process simulated node's directory) and be a regular
//   file; it is opened O_NOFOLLOW|O_NONBLOCK and checked again after the open
//   (fstat, and /proc/self/fd on Linux), so a link swapped in between is caught.
// The pod's log_directory is NOT a root: it comes from the same runtime, so it
// cannot widen what the runtime may name.
import {constants, promises as fs, type Stats} from 'node:fs';
import type {FileHandle} from 'node:fs/promises';
import path from 'node:path';

/** Node paths where runtimes and the kubelet keep container logs. */
export const defaultLogRoots: readonly string[] = [
	'/var/log/pods', // kubelet's pod log directories (containerd, CRI-O, cri-dockerd)
	'/var/log/containers', // kubelet's symlinks into /var/log/pods
	'/var/lib/docker/containers', // Docker's json-file logs, the target of cri-dockerd's links
];

export type LogAccess = {
	/** The node's filesystem on this machine (--host-root). @default '/' */
	hostRoot?: string;
	/** Node paths under which logs may be read. @default defaultLogRoots */
	roots?: readonly string[];
};

const extraRoots = new Set<string>();
let processHostRoot: string | undefined;

/** Set once at start-up: the host root and the log roots added with --log-root. */
export function configureLogAccess(options: {hostRoot?: string; roots?: readonly string[]}): void {
	processHostRoot = options.hostRoot && options.hostRoot !== '/' ? options.hostRoot : undefined;
	for (const root of options.roots ?? []) extraRoots.add(path.posix.resolve('/', root));
}

/** Adds a log root (a node path), e.g. the in-process simulated node's log directory. */
export function allowLogRoot(nodeDir: string): void {
	extraRoots.add(path.posix.resolve('/', nodeDir));
}

/** What configureLogAccess/allowLogRoot set up. */
export function currentLogAccess(): Required<LogAccess> {
	return {hostRoot: processHostRoot ?? '/', roots: [...defaultLogRoots, ...extraRoots]};
}

export type LogFileErrorCode = 'permission' | 'not-found' | 'not-file' | 'outside' | 'other';

/** A log file that cannot be read or was refused, with a sentence saying why and where we looked. */
export class LogFileError extends Error {
	override name = 'LogFileError';
	constructor(message: string, readonly code: LogFileErrorCode, readonly path: string) {
		super(message);
	}
}

/** Most symlinks followed for one path (Linux's own limit). */
const maxLinks = 40;

/** Path of `nodePath` ('/'-based) under `root` on this machine. */
function local(root: string, nodePath: string): string {
	return root === '/' ? nodePath : path.join(root, nodePath);
}

/**
 * Resolves `nodePath` as a process chrooted at `root` would: returns the node
 * path with every symlink followed and the lstat of the file it names.
 * Rejects with the file system's error (ENOENT, EACCES, ELOOP) like open would.
 */
export async function resolveInRoot(root: string, nodePath: string): Promise<{nodePath: string; stat: Stats}> {
	const done: string[] = [];
	const todo = nodePath.split('/').filter(Boolean);
	let links = 0;
	let stat = await fs.lstat(root);
	while (todo.length > 0) {
		const part = todo.shift()!;
		if (part === '.') continue;
		if (part === '..') {
			done.pop(); // at the root, `..` is the root itself
			stat = await fs.lstat(local(root, `/${done.join('/')}`));
			continue;
		}

		const here = local(root, `/${[...done, part].join('/')}`);
		stat = await fs.lstat(here);
		if (!stat.isSymbolicLink()) {
			done.push(part);
			continue;
		}

		if (++links > maxLinks) throw Object.assign(new Error(`too many symbolic links in ${nodePath}`), {code: 'ELOOP'});
		const target = await fs.readlink(here);
		// An absolute target starts again at the root (the node's /), not at this machine's /.
		if (target.startsWith('/')) done.length = 0;
		todo.unshift(...target.split('/').filter(Boolean));
	}

	return {nodePath: `/${done.join('/')}`, stat};
}

function isUnder(child: string, parent: string): boolean {
	return child === parent || child.startsWith(parent === '/' ? '/' : `${parent}/`);
}

/** What a path is when it is not a regular file, for sentences ("it is a FIFO (named pipe)"). */
export function kindOf(stat: Stats): string {
	if (stat.isFIFO()) return 'a FIFO (named pipe)';
	if (stat.isCharacterDevice()) return 'a character device';
	if (stat.isBlockDevice()) return 'a block device';
	if (stat.isSocket()) return 'a socket';
	if (stat.isDirectory()) return 'a directory';
	return 'not a regular file';
}

export type OpenedLog = {
	handle: FileHandle;
	/** fstat of the open file. */
	stat: Stats;
	/** The file actually opened, on this machine. */
	realPath: string;
};

/**
 * Opens `localPath` (a runtime's log_path already placed under the host root)
 * for reading if, resolved inside the host root, it is a regular file under a
 * log root. Never blocks on a FIFO and never opens a device. Rejects with a
 * LogFileError for a refusal, or the file system's own error (ENOENT, EACCES…).
 */
export async function openLogFile(localPath: string, access: LogAccess = currentLogAccess()): Promise<OpenedLog> {
	const hostRoot = access.hostRoot && access.hostRoot !== '/' ? path.resolve(access.hostRoot) : '/';
	const roots = access.roots ?? defaultLogRoots;
	const absolute = path.resolve(localPath);
	if (!isUnder(absolute, hostRoot)) {
		throw new LogFileError(`refusing to read ${localPath}: it is outside the node's root ${hostRoot}`, 'outside', localPath);
	}

	const realRoot = await fs.realpath(hostRoot);
	const asked = hostRoot === '/' ? absolute : absolute.slice(hostRoot.length) || '/';
	const resolved = await resolveInRoot(realRoot, asked);

	const allowed = await Promise.all(roots.map(root => resolveInRoot(realRoot, root).then(r => r.nodePath, () => undefined)));
	if (!allowed.some(root => root !== undefined && isUnder(resolved.nodePath, root))) {
		const shownRoots = roots.map(r => local(hostRoot, r)).join(', ');
		const leads = resolved.nodePath === asked ? '' : `, which leads to ${local(hostRoot, resolved.nodePath)},`;
		throw new LogFileError(
			`refusing to read ${localPath}${leads} as a log: it is not under a log directory (${shownRoots}); start with --log-root DIR if this node keeps container logs elsewhere`,
			'outside', localPath);
	}

	if (!resolved.stat.isFile()) {
		throw new LogFileError(`refusing to read ${localPath} as a log: it is ${kindOf(resolved.stat)}, not a regular file`, 'not-file', localPath);
	}

	const realPath = local(realRoot, resolved.nodePath);
	// O_NOFOLLOW: the last part was checked not to be a link; O_NONBLOCK: a FIFO swapped in cannot block.
	const handle = await fs.open(realPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);

	try {
		const stat = await handle.stat();
		const opened = await fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => realPath);
		if (!stat.isFile() || stat.ino !== resolved.stat.ino || stat.dev !== resolved.stat.dev || opened !== realPath) {
			throw new LogFileError(`refusing to read ${localPath}: it changed while it was being opened`, 'other', localPath);
		}

		return {handle, stat, realPath};
	} catch (error) {
		await handle.close().catch(() => undefined);
		throw error;
	}
}
