// `--trace FILE`: every CRI call of the command, one JSON object per line in the order they
// were made, with the decoded request and answer. The path is the person's, but this runs as
// root: a symlink is not followed and only a regular file (or a new one) is written.
import {closeSync, constants, fstatSync, ftruncateSync, openSync, writeSync} from 'node:fs';
import type {CrictlTarget} from '../format/crictl.js';
import {crictlForCall, requestSummary} from '../format/rpc-text.js';
import type {CallTrace} from '../wire/trace.js';

export type TraceFile = {write(target: CrictlTarget): void};

/** Opens (creates or truncates) the file now, so a bad path fails before any call is made; `write` puts `trace`'s calls in it. */
export function openTraceFile(path: string, trace: CallTrace): TraceFile {
	let fd: number;
	try {
		fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ELOOP' ? 'it is a symbolic link, which is not followed' : code === 'ENOENT' ? 'its folder does not exist'
			: code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new Error(`cannot write the trace to ${path}: ${why}; choose another --trace path`);
	}

	if (!fstatSync(fd).isFile()) {
		closeSync(fd);
		throw new Error(`cannot write the trace to ${path}: it is not a regular file; choose another --trace path`);
	}

	return {
		write(target) {
			const records = trace.records().reverse();
			const text = records.map(r => JSON.stringify({
				time: new Date(r.startedAt).toISOString(), method: r.method, endpoint: r.endpoint, request: r.request,
				summary: requestSummary(r.request), durationMs: Math.round(r.durationMs * 100) / 100, status: r.status,
				...(r.error ? {error: r.error} : {}), requestBytes: r.requestBytes, responseBytes: r.responseBytes,
				crictl: crictlForCall(r.method, r.request, target), response: r.response,
			}, (_k, v: unknown) => (v && typeof v === 'object' && (v as {type?: string}).type === 'Buffer' && Array.isArray((v as {data?: unknown}).data)
				? Buffer.from((v as {data: number[]}).data).toString('base64') : v))).join('\n');
			try {
				// Truncated only now: an earlier trace survives a command that never ran.
				ftruncateSync(fd, 0);
				writeSync(fd, text ? `${text}\n` : '', 0);
			} finally {
				closeSync(fd);
			}
		},
	};
}
