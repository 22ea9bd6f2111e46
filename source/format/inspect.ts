// The inspect document shaped like crictl 1.33's `inspect` / `inspectp` /
// `inspecti` output, so the two can be read side by side:
// - `{status, <info keys>…}`: each verbose-info value (a JSON string) parsed
//   and put at the top level beside `status` (containerd's one key `info`
//   stays `info`, never `info: info:`); a value that is not JSON stays text.
// - container and pod status: every field of the message, `null` when unset
//   (crictl walks the Go struct); inside them, unset messages are left out
//   (protojson with EmitDefaultValues). Image status: unset messages left out.
// - times as Go's RFC 3339 with nanoseconds, trailing zeros trimmed
//   (`2026-11-28T04:57:30.188890073Z`); a container's startedAt is Go's zero
//   time (`0001-01-01T00:00:00Z`) until it started, its finishedAt until it
//   exited, whatever the runtime sent (cri-dockerd's running containers carry
//   a large negative finishedAt). crictl prints local time; this prints UTC.
// - keys sorted at every level, as Go's JSON of a map is, except that
//   `status` comes first.

/** Go's zero time.Time as crictl prints it. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const NS = 1_000_000_000n;

/**
 * Go's `time.Unix(0, ns).UTC().Format(time.RFC3339Nano)` for an int64 of
 * nanoseconds given as a decimal string. Not a number: returned as it came.
 */
export function rfc3339Nano(ns: string | number | bigint): string {
	const text = String(ns);
	if (!/^-?\d{1,20}$/.test(text)) return text;
	const value = BigInt(text);
	let seconds = value / NS;
	let nanos = value % NS;
	if (nanos < 0n) {
		nanos += NS;
		seconds -= 1n;
	}

	const date = new Date(Number(seconds) * 1000);
	if (Number.isNaN(date.getTime())) return text;
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	const base = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
	const fraction = nanos === 0n ? '' : `.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}`;
	return `${base}${fraction}Z`;
}

/** ContainerStatus fields in the order of the Go struct crictl walks. */
const CONTAINER_FIELDS = [
	'id', 'metadata', 'state', 'createdAt', 'startedAt', 'finishedAt', 'exitCode', 'image', 'imageRef', 'reason',
	'message', 'labels', 'annotations', 'mounts', 'logPath', 'resources', 'imageId', 'user', 'stopSignal',
] as const;

/** PodSandboxStatus fields, likewise. */
const POD_FIELDS = [
	'id', 'metadata', 'state', 'createdAt', 'network', 'linux', 'labels', 'annotations', 'runtimeHandler',
] as const;

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** Keys sorted at every level; `null` members of objects dropped (unset messages). */
function normalise(value: unknown, dropNulls: boolean): Json {
	if (Array.isArray(value)) return value.map(v => normalise(v, dropNulls));
	if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: Record<string, Json> = {};
		for (const key of Object.keys(value).sort()) {
			const v = (value as Record<string, unknown>)[key];
			if (v === undefined || (dropNulls && v === null)) continue;
			out[key] = normalise(v, dropNulls);
		}

		return out;
	}

	if (Buffer.isBuffer(value)) return value.toString('base64');
	if (value === undefined) return null;
	return value as Json;
}

function structFields(status: Record<string, unknown>, fields: readonly string[]): Record<string, Json> {
	const out: Record<string, Json> = {};
	for (const field of fields) out[field] = normalise(status[field] ?? null, true);
	// Fields newer than our list still show (a newer runtime's answer).
	for (const [key, value] of Object.entries(status)) if (!(key in out)) out[key] = normalise(value, true);
	return normalise(out, false) as Record<string, Json>;
}

function containerStatus(status: Record<string, unknown>): Record<string, Json> {
	const out = structFields(status, CONTAINER_FIELDS);
	const state = String(status.state ?? '');
	const finished = String(status.finishedAt ?? '0');
	out.createdAt = rfc3339Nano(String(status.createdAt ?? '0'));
	out.startedAt = state === 'CONTAINER_CREATED' ? ZERO_TIME : rfc3339Nano(String(status.startedAt ?? '0'));
	const hasFinished = state === 'CONTAINER_EXITED'
		|| (state === 'CONTAINER_UNKNOWN' && /^\d+$/.test(finished) && BigInt(finished) > 0n);
	out.finishedAt = hasFinished ? rfc3339Nano(finished) : ZERO_TIME;
	return out;
}

function podStatus(status: Record<string, unknown>): Record<string, Json> {
	const out = structFields(status, POD_FIELDS);
	out.createdAt = rfc3339Nano(String(status.createdAt ?? '0'));
	return out;
}

/** A verbose-info value: parsed JSON, or the text itself when it is not JSON. */
export function parseInfoValue(value: string): Json {
	try {
		return normalise(JSON.parse(value), false);
	} catch {
		return value;
	}
}

export type InspectKind = 'pod' | 'container' | 'image';

/**
 * The document crictl prints for `inspectp` / `inspect` / `inspecti`: the
 * status shaped as above, then each info key beside it (sorted; `status`
 * itself is never overwritten by an info key of that name).
 */
export function inspectDocument(
	kind: InspectKind,
	status: object | null | undefined,
	info: Record<string, string> | null | undefined,
): Record<string, Json> {
	const raw = (status ?? null) as Record<string, unknown> | null;
	let shaped: Json = null;
	if (raw) {
		if (kind === 'container') shaped = containerStatus(raw);
		else if (kind === 'pod') shaped = podStatus(raw);
		else shaped = normalise(raw, true);
	}

	// status first (crictl sorts it after `info`): on a 24-row screen it is what a person looks for.
	const document: Record<string, Json> = {status: shaped};
	for (const key of Object.keys(info ?? {}).sort()) {
		if (key !== 'status') document[key] = parseInfoValue(info![key]);
	}

	return document;
}
