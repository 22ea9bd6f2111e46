// Turns what grpc-js and the file system report into CriError sentences a
// person on a sick node can act on. Kept apart from the client so every
// mapping can be tested with synthetic errors (EACCES cannot be produced by
// permissions when the tests run as root).
import {promises as fs, constants} from 'node:fs';
import {status as GrpcStatus} from '@grpc/grpc-js';
import {CriError} from './errors.js';

export type CallContext = {
	rpc: string;
	endpoint: string;
	/** Deadline the call had, ms (for the deadline sentence). */
	timeoutMs: number;
	/** "containerd 1.7.2" once Version answered; else the path is named. */
	runtimeLabel?: string;
	/** The object the call was about, e.g. `container 3f2a…` (for NOT_FOUND). */
	subject?: string;
	/** Max message size in bytes (for the too-large sentence). */
	maxMessageBytes?: number;
};

const MiB = 1024 * 1024;

function sizeText(bytes: number): string {
	return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export function missingSocket(endpoint: string, rpc = 'connect'): CriError {
	return new CriError(
		`no runtime socket at ${endpoint}: is the runtime running? Start it (e.g. systemctl start containerd) or choose another endpoint with --runtime-endpoint`,
		'unavailable', rpc, endpoint);
}

export function permissionDenied(endpoint: string, rpc = 'connect'): CriError {
	return new CriError(`permission denied on ${endpoint}: run as root or as a member of its group`, 'permission', rpc, endpoint);
}

function notSocket(endpoint: string, kind: string, rpc: string): CriError {
	return new CriError(
		`${endpoint} is a ${kind}, not a unix socket: point --runtime-endpoint at the runtime's socket (e.g. unix:///run/containerd/containerd.sock)`,
		'not-socket', rpc, endpoint);
}

/** Maps an OS error code (from stat/connect) to a CriError, or undefined if it is not one we explain. */
export function syscallError(code: string | undefined, endpoint: string, rpc = 'connect'): CriError | undefined {
	switch (code) {
		case 'ENOENT': case 'ENOTDIR': return missingSocket(endpoint, rpc);
		case 'EACCES': case 'EPERM': return permissionDenied(endpoint, rpc);
		case 'ECONNREFUSED': return new CriError(
			`nothing is listening on ${endpoint} (connection refused): the runtime has stopped or is restarting; start it or choose another endpoint`,
			'unavailable', rpc, endpoint);
		case 'ENOTSOCK': return notSocket(endpoint, 'file', rpc);
		default: return undefined;
	}
}

/**
 * Looks at the path before any bytes are sent: missing, not a socket, or not
 * writable (connecting to a unix socket needs write permission). Resolves to
 * undefined when the path is a socket we may connect to.
 */
export async function checkSocket(endpoint: string, rpc = 'connect'): Promise<CriError | undefined> {
	try {
		const st = await fs.stat(endpoint);
		if (!st.isSocket()) return notSocket(endpoint, st.isDirectory() ? 'directory' : st.isFile() ? 'regular file' : 'special file', rpc);
		await fs.access(endpoint, constants.R_OK | constants.W_OK);
		return undefined;
	} catch (error) {
		return syscallError((error as NodeJS.ErrnoException).code, endpoint, rpc)
			?? new CriError(`cannot use ${endpoint}: ${(error as Error).message}`, 'unavailable', rpc, endpoint);
	}
}

/** One line, bounded: server details can be long or multi-line. */
function shortDetails(details: string): string {
	const line = details.split('\n')[0].replace(/\s*Resolution note:\s*$/, '').trim();
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function wrongApi(endpoint: string, rpc: string, grpcCode?: number): CriError {
	return new CriError(
		`${endpoint} only offers an older CRI version (v1alpha2), which crisock-tui and current crictl do not speak: upgrade the runtime (containerd ≥1.6 / CRI-O ≥1.24)`,
		'wrong-api', rpc, endpoint, grpcCode);
}

/** Maps a grpc-js call error (ServiceError or anything thrown) to a CriError. */
export function mapCallError(error: unknown, ctx: CallContext): CriError {
	if (error instanceof CriError) return error;
	const {rpc, endpoint} = ctx;
	const e = error as {code?: number | string; details?: string; message?: string};
	const code = typeof e.code === 'number' ? e.code : undefined;
	const details = shortDetails(e.details ?? e.message ?? String(error));

	if (typeof e.code === 'string') {
		return syscallError(e.code, endpoint, rpc) ?? new CriError(`${rpc} failed on ${endpoint}: ${details}`, 'other', rpc, endpoint);
	}
	switch (code) {
		case GrpcStatus.UNAVAILABLE: {
			const errno = /\b(ENOENT|ENOTDIR|EACCES|EPERM|ECONNREFUSED|ENOTSOCK)\b/.exec(details)?.[1];
			const mapped = errno ? syscallError(errno, endpoint, rpc) : undefined;
			if (mapped) return new CriError(mapped.message, mapped.code, rpc, endpoint, code);
			if (/protocol error|RST_STREAM|HTTP status code|PROTOCOL_ERROR|ERR_HTTP2|bad http/i.test(details)) {
				return new CriError(
					`${endpoint} answered but does not speak gRPC (is it docker.sock or another HTTP/1 API?): point --runtime-endpoint at a CRI socket such as containerd's, CRI-O's or cri-dockerd's`,
					'not-grpc', rpc, endpoint, code);
			}
			return new CriError(
				`the runtime at ${endpoint} is unavailable (${details}): it may be restarting; try again in a moment`,
				'unavailable', rpc, endpoint, code);
		}
		case GrpcStatus.DEADLINE_EXCEEDED:
			return new CriError(
				`${rpc} got no answer from ${endpoint} within ${formatSeconds(ctx.timeoutMs)}: the runtime may be hung or overloaded (or this is not a CRI socket); try again or raise --timeout`,
				'deadline', rpc, endpoint, code);
		case GrpcStatus.UNIMPLEMENTED:
			// Go runtimes say "unknown service runtime.v1.RuntimeService" when they only serve
			// v1alpha2; any runtime.v1 server implements Version, so its absence means the same.
			if (/unknown service runtime\.v1\./.test(details) || rpc === 'Version') return wrongApi(endpoint, rpc, code);
			return new CriError(`${rpc} is not supported by ${ctx.runtimeLabel ?? endpoint}`, 'unimplemented', rpc, endpoint, code);
		case GrpcStatus.RESOURCE_EXHAUSTED:
			return new CriError(
				`the answer to ${rpc} from ${endpoint} is larger than ${sizeText(ctx.maxMessageBytes ?? 16 * MiB)}, the most crisock-tui accepts (${details})`,
				'too-large', rpc, endpoint, code);
		case GrpcStatus.NOT_FOUND:
			return new CriError(
				`${ctx.subject ?? 'the object'} no longer exists on ${ctx.runtimeLabel ?? endpoint} (${details}): it was probably removed meanwhile; refresh`,
				'not-found', rpc, endpoint, code);
		case GrpcStatus.PERMISSION_DENIED:
			return new CriError(`${rpc} was refused by ${ctx.runtimeLabel ?? endpoint}: ${details}`, 'permission', rpc, endpoint, code);
		default:
			return new CriError(`${rpc} failed on ${ctx.runtimeLabel ?? endpoint}: ${details}`, 'other', rpc, endpoint, code);
	}
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
