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
	/** Which flag named this socket, so a sentence says which one to fix. @default 'runtime' */
	role?: EndpointRole;
};

/** The runtime service's socket (-r) or a separate image service socket (-i). */
export type EndpointRole = 'runtime' | 'image';

const flagOf = (role: EndpointRole) => (role === 'image' ? '--image-endpoint (-i)' : '--runtime-endpoint');

const MiB = 1024 * 1024;

function sizeText(bytes: number): string {
	return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export function missingSocket(endpoint: string, rpc = 'connect', role: EndpointRole = 'runtime'): CriError {
	if (role === 'image') {
		return new CriError(`no image service socket at ${endpoint} (the image endpoint): fix --image-endpoint (-i), or leave it out to use the runtime's socket`, 'unavailable', rpc, endpoint);
	}
	return new CriError(
		`no runtime socket at ${endpoint}: is the runtime running? Start it (e.g. systemctl start containerd) or choose another endpoint with --runtime-endpoint`,
		'unavailable', rpc, endpoint);
}

export function permissionDenied(endpoint: string, rpc = 'connect'): CriError {
	return new CriError(`permission denied on ${endpoint}: run as root or as a member of its group`, 'permission', rpc, endpoint);
}

function notSocket(endpoint: string, kind: string, rpc: string, role: EndpointRole): CriError {
	const what = role === 'image' ? 'the image endpoint ' : '';
	return new CriError(
		`${what}${endpoint} is a ${kind}, not a unix socket: point ${flagOf(role)} at the runtime's socket (e.g. unix:///run/containerd/containerd.sock)`,
		'not-socket', rpc, endpoint);
}

/** Maps an OS error code (from stat/connect) to a CriError, or undefined if it is not one we explain. */
export function syscallError(code: string | undefined, endpoint: string, rpc = 'connect', role: EndpointRole = 'runtime'): CriError | undefined {
	switch (code) {
		case 'ENOENT': case 'ENOTDIR': return missingSocket(endpoint, rpc, role);
		case 'EACCES': case 'EPERM': return permissionDenied(endpoint, rpc);
		case 'ECONNREFUSED': return new CriError(
			`nothing is listening on ${endpoint} (connection refused): the runtime has stopped or is restarting; start it or choose another endpoint${role === 'image' ? ' with --image-endpoint (-i)' : ''}`,
			'unavailable', rpc, endpoint);
		case 'ENOTSOCK': return notSocket(endpoint, 'file', rpc, role);
		default: return undefined;
	}
}

/**
 * Looks at the path before any bytes are sent: missing, not a socket, or not
 * writable (connecting to a unix socket needs write permission). Resolves to
 * undefined when the path is a socket we may connect to.
 */
export async function checkSocket(endpoint: string, rpc = 'connect', role: EndpointRole = 'runtime'): Promise<CriError | undefined> {
	try {
		const st = await fs.stat(endpoint);
		if (!st.isSocket()) return notSocket(endpoint, st.isDirectory() ? 'directory' : st.isFile() ? 'regular file' : 'special file', rpc, role);
		await fs.access(endpoint, constants.R_OK | constants.W_OK);
		return undefined;
	} catch (error) {
		return syscallError((error as NodeJS.ErrnoException).code, endpoint, rpc, role)
			?? new CriError(`cannot use ${endpoint}: ${(error as Error).message}`, 'unavailable', rpc, endpoint);
	}
}

/** One line, bounded: server details can be long or multi-line. */
function shortDetails(details: string): string {
	const line = details.split('\n')[0].replace(/\s*Resolution note:\s*$/, '').trim();
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * What answered Version (or said "unknown service runtime.v1.RuntimeService") has no runtime.v1.
 * Whether it is an old runtime (v1alpha2) or no runtime at all takes one more call: the client
 * asks, then gives wrongApi or notCri.
 */
export function noRuntimeV1(endpoint: string, rpc: string, grpcCode?: number): CriError {
	return new CriError(
		`${endpoint} does not offer CRI runtime.v1 (runtime.v1 RuntimeService unimplemented): point --runtime-endpoint at a current runtime's socket (containerd ≥1.6, CRI-O ≥1.24, cri-dockerd)`,
		'wrong-api', rpc, endpoint, grpcCode);
}

/** A gRPC server with neither runtime.v1 nor v1alpha2: another service on the socket. */
export function notCri(endpoint: string, rpc: string, grpcCode?: number): CriError {
	return new CriError(
		`${endpoint} is not a CRI runtime (runtime.v1 RuntimeService unimplemented, and no v1alpha2 either): it answers gRPC but serves something else; point --runtime-endpoint at containerd's, CRI-O's or cri-dockerd's socket`,
		'wrong-api', rpc, endpoint, grpcCode);
}

/** The socket answers gRPC but has no CRI image service. */
export function noImageService(endpoint: string, rpc: string, role: EndpointRole, grpcCode?: number): CriError {
	return new CriError(role === 'image'
		? `the image endpoint ${endpoint} offers no CRI image service (runtime.v1 ImageService unimplemented): fix --image-endpoint (-i), or leave it out to use the runtime's socket`
		: `${endpoint} offers no CRI image service (runtime.v1 ImageService unimplemented): give the image service's socket with --image-endpoint (-i)`,
	'unimplemented', rpc, endpoint, grpcCode);
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
	const role = ctx.role ?? 'runtime';
	const e = error as {code?: number | string; details?: string; message?: string};
	const code = typeof e.code === 'number' ? e.code : undefined;
	const details = shortDetails(e.details ?? e.message ?? String(error));

	if (typeof e.code === 'string') {
		return syscallError(e.code, endpoint, rpc, role) ?? new CriError(`${rpc} failed on ${endpoint}: ${details}`, 'other', rpc, endpoint);
	}
	switch (code) {
		case GrpcStatus.UNAVAILABLE: {
			const errno = /\b(ENOENT|ENOTDIR|EACCES|EPERM|ECONNREFUSED|ENOTSOCK)\b/.exec(details)?.[1];
			const mapped = errno ? syscallError(errno, endpoint, rpc, role) : undefined;
			if (mapped) return new CriError(mapped.message, mapped.code, rpc, endpoint, code);
			if (/protocol error|RST_STREAM|HTTP status code|PROTOCOL_ERROR|ERR_HTTP2|bad http/i.test(details)) {
				return new CriError(
					`${role === 'image' ? 'the image endpoint ' : ''}${endpoint} answered but does not speak gRPC (is it docker.sock or another HTTP/1 API?): point ${flagOf(role)} at a CRI socket such as containerd's, CRI-O's or cri-dockerd's`,
					'not-grpc', rpc, endpoint, code);
			}
			return new CriError(
				`the runtime at ${endpoint} is unavailable (${details}): it may be restarting; try again in a moment`,
				'unavailable', rpc, endpoint, code);
		}
		case GrpcStatus.DEADLINE_EXCEEDED:
			return new CriError(
				`${rpc} got no answer from ${endpoint} within ${formatSeconds(ctx.timeoutMs)}: the runtime may be hung or overloaded (or this is not a CRI socket); try again or raise --timeout`,
				'deadline', rpc, endpoint, code, ctx.timeoutMs);
		case GrpcStatus.UNIMPLEMENTED:
			// Go servers say "unknown service runtime.v1.ImageService" where no image service is; on a
			// separate image socket, any image call refused means the same (grpc-js servers say only
			// "does not implement the method").
			if (/unknown service runtime\.v1\.ImageService/.test(details) || role === 'image') return noImageService(endpoint, rpc, role, code);
			// ... and "unknown service runtime.v1.RuntimeService" where runtime.v1 is not (an old runtime,
			// or no runtime); any runtime.v1 server implements Version, so its absence means the same.
			if (/unknown service runtime\.v1\./.test(details) || rpc === 'Version') return noRuntimeV1(endpoint, rpc, code);
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
