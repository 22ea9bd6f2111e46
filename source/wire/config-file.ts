// Reading the crictl config file safely at start-up. It is named by -c, an
// environment variable or the node's /etc/crictl.yaml, so it may be anything:
// a FIFO (an open blocks until a writer comes), /dev/zero (a read never ends),
// a huge file, or a file on a hung network mount. Only a regular file of at
// most configMaxBytes is read, and the whole read has a deadline; every other
// case is one sentence.
import {constants, promises as fs} from 'node:fs';
import {SettingsError} from './config.js';
import {kindOf} from './log-access.js';

/** The largest config file read: crictl.yaml is a few lines. @default 64 KiB */
export const configMaxBytes = 64 * 1024;

/** How long opening and reading the config file may take. @default 2000 ms */
export const configReadTimeoutMs = 2000;

async function readBounded(path: string, maxBytes: number): Promise<string | undefined> {
	let handle: fs.FileHandle;
	try {
		// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
		handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'EACCES' || code === 'EPERM') throw new SettingsError(`cannot read the config file ${path}: permission denied — run as root or point --config at a readable file`);
		throw new SettingsError(`cannot read the config file ${path}: ${(error as Error).message}`);
	}

	try {
		const stat = await handle.stat();
		if (!stat.isFile()) throw new SettingsError(`the config file ${path} is ${kindOf(stat)}, not a regular file: point --config at a crictl.yaml file`);
		if (stat.size > maxBytes) {
			throw new SettingsError(`the config file ${path} is ${Math.ceil(stat.size / 1024)} KiB; a crictl config is a few lines and at most ${maxBytes / 1024} KiB is read: point --config at the right file`);
		}

		// One byte more than allowed: a file that grew since fstat is caught too.
		const buffer = Buffer.alloc(maxBytes + 1);
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
		if (bytesRead > maxBytes) throw new SettingsError(`the config file ${path} is larger than ${maxBytes / 1024} KiB: point --config at the right file`);
		return buffer.toString('utf8', 0, bytesRead);
	} finally {
		await handle.close().catch(() => undefined);
	}
}

/**
 * The text of the config file at `path`, or undefined when there is none.
 * Rejects with a SettingsError sentence for anything else.
 */
export async function readConfigText(path: string, options: {maxBytes?: number; timeoutMs?: number} = {}): Promise<string | undefined> {
	const timeoutMs = options.timeoutMs ?? configReadTimeoutMs;
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new SettingsError(`reading the config file ${path} took longer than ${timeoutMs / 1000}s (a hung network file system?): fix the mount or point --config at another file`)), timeoutMs);
	});
	try {
		return await Promise.race([readBounded(path, options.maxBytes ?? configMaxBytes), late]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * yaml's parser when there is a config file to parse, else undefined: loaded on demand because
 * most nodes have no crictl.yaml, and the one-shot print should not load 117 KB it never runs.
 */
export async function loadYamlParser(text: string | undefined): Promise<((text: string) => unknown) | undefined> {
	if (text === undefined) return undefined;
	// The default export (yaml's CommonJS module object): a bundle's dynamic import of a CommonJS
	// package has no named exports.
	const {default: yaml} = await import('yaml');
	return source => yaml.parse(source);
}
