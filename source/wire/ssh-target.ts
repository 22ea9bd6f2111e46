// `--node ssh://[user@]host[:port][/path/to/socket]`: what a node reached over OpenSSH is, parsed
// once and refused with a sentence when it could smuggle an option or a shell word into ssh.
import {CriError} from './errors.js';

export type SshTarget = {
	/** As the person wrote it, for sentences. */
	raw: string;
	user?: string;
	host: string;
	port?: number;
	/** The CRI socket on the node; undefined: probe the well-known sockets there. */
	socketPath?: string;
};

// Host names, IPv4 and bracketed IPv6; ssh config aliases are host names too.
const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/;
const userPattern = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
// A socket path is passed to `ssh -L local:remote`, where ':' separates fields and the remote
// shell never sees it; still keep it to the characters real socket paths use.
const socketPattern = /^\/[A-Za-z0-9._/+-]*$/;

function bad(raw: string, why: string): never {
	throw new CriError(`--node ${raw}: ${why}; write it as ssh://[user@]host[:port][/path/to/cri.sock]`, 'other', 'parse', raw);
}

/** Parses one `--node` value. Throws a CriError whose message names the value and the fix. */
export function parseSshTarget(raw: string): SshTarget {
	const s = raw.trim();
	const match = /^ssh:\/\/([^/]*)(\/.*)?$/.exec(s);
	if (!match) bad(s, 'not an ssh:// address');
	const [, authority = '', socketPath] = match;
	const at = authority.lastIndexOf('@');
	const user = at >= 0 ? authority.slice(0, at) : undefined;
	let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
	let port: number | undefined;
	const portMatch = /^(.*[^:]):(\d+)$/.exec(hostPort);
	if (portMatch && !(hostPort.startsWith('[') && !hostPort.includes(']:'))) {
		hostPort = portMatch[1]!;
		port = Number(portMatch[2]);
		if (port < 1 || port > 65_535) bad(s, `port ${portMatch[2]} is out of range`);
	}
	if (user !== undefined && !userPattern.test(user)) bad(s, `the user name ${JSON.stringify(user)} has characters ssh would not take`);
	if (!hostPattern.test(hostPort)) bad(s, hostPort === '' ? 'no host' : `the host ${JSON.stringify(hostPort)} is not a host name or address`);
	if (socketPath !== undefined && (!socketPattern.test(socketPath) || socketPath.includes('/../') || socketPath.endsWith('/..'))) {
		bad(s, `the socket path ${JSON.stringify(socketPath)} is not a plain absolute path`);
	}
	return {raw: s, user, host: hostPort.replace(/^\[(.*)\]$/, '$1'), port, socketPath: socketPath === '/' ? undefined : socketPath};
}

/** The short name of a node for a NODE column: the host, without the domain. */
export function shortNodeName(target: SshTarget): string {
	return /^[\d.]+$|:/.test(target.host) ? target.host : target.host.split('.')[0]!;
}

/** A word for a POSIX shell: single-quoted, with ' written as '\''. */
export function shellWord(word: string): string {
	return `'${word.replaceAll("'", `'\\''`)}'`;
}
