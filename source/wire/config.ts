// Settings with crictl's precedence: flag > environment > config file > default.
// The config file is the flag -c/--config, else $CRI_CONFIG_FILE, else
// /etc/crictl.yaml, all under --host-root. Every value says where it came from
// so the UI can show "endpoint from /etc/crictl.yaml".
import leven from 'leven';
import {sanitize} from '../format/sanitize.js';
import {defaultConfigPath, parseEndpoint, underHostRoot} from './endpoint.js';

export type SettingsFlags = {
	runtimeEndpoint?: string;
	/** The second and further -r: several endpoints on one screen. */
	moreRuntimeEndpoints?: readonly string[];
	imageEndpoint?: string;
	/** crictl's -t/--timeout: a duration (`2s`, `500ms`, `1m30s`) or a number of seconds. */
	timeout?: string | number;
	config?: string;
	debug?: boolean;
	readOnly?: boolean;
};

export type SettingsInput = {
	flags: SettingsFlags;
	env: Record<string, string | undefined>;
	/** Reads a file; returns undefined when it does not exist. */
	readFile: (path: string) => string | undefined;
	/** The node's root (e.g. /host); every path is resolved under it. @default '/' */
	hostRoot?: string;
	/** For relative endpoint paths. @default process.cwd() */
	cwd?: string;
	/**
	 * Parses the config file's YAML (yaml's `parse`); needed only when `readFile` returns text.
	 * Passed in so the parser is loaded only when there is a file: see loadYamlParser in config-file.ts.
	 */
	parseYaml?: (text: string) => unknown;
};

/** Where a value came from: `name` is the flag, variable or node path of the file, or "default". */
export type SettingOrigin = {kind: 'flag' | 'env' | 'config' | 'default' | 'probe'; name: string};

export type Settings = {
	/** Socket path to connect to (under the host root), or 'probe' when nothing is configured. */
	runtimeEndpoint: string | 'probe';
	/**
	 * Every configured runtime endpoint, runtimeEndpoint first (-r repeated, or the config file's
	 * runtime-endpoints list); empty when probing. More than one: all on one screen.
	 */
	runtimeEndpoints: string[];
	/** Defaults to the runtime endpoint ('probe' too when that is probed). */
	imageEndpoint: string | 'probe';
	timeoutMs: number;
	debug: boolean;
	readOnly: boolean;
	/** The config file that was read, as a local path, if any. */
	configFile?: string;
	hostRoot?: string;
	sources: Record<'runtimeEndpoint' | 'imageEndpoint' | 'timeoutMs' | 'debug' | 'readOnly', SettingOrigin>;
	/** One line per thing in the config file worth a warning (an unknown key and the nearest known one). */
	warnings: string[];
};

export class SettingsError extends Error {
	override name = 'SettingsError';
}

export const defaultTimeoutMs = 2000;

const units: Record<string, number> = {ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** `2s`, `500ms`, `1m30s`, `1.5` (seconds) or 2 → milliseconds; undefined if malformed. */
export function parseDuration(value: string | number): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
	const s = value.trim();
	if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
	if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
	let total = 0;
	for (const [, amount, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(amount) * units[unit];
	return total;
}

type FileConfig = {runtimeEndpoint?: string; runtimeEndpoints?: string[]; imageEndpoint?: string; timeoutMs?: number; debug?: boolean; readOnly?: boolean; warnings?: string[]};

/** crictl's config keys (the last two are crictl's own, accepted and unused here) and ours. */
export const knownConfigKeys = ['runtime-endpoint', 'runtime-endpoints', 'image-endpoint', 'timeout', 'debug', 'read-only', 'pull-image-on-create', 'disable-pull-on-run'] as const;

/** The known key nearest to `key` (edit distance on the lower-cased key, `_` as `-`). */
export function nearestConfigKey(key: string): {key: string; distance: number} {
	const typed = key.toLowerCase().replace(/_/g, '-');
	return knownConfigKeys.map(k => ({key: k, distance: leven(typed, k)})).sort((a, b) => a.distance - b.distance)[0];
}

/**
 * Unknown keys get a warning naming the nearest known one; one that means
 * read-only (read_only, Read-Only, readonly, read-onyl) stops the program:
 * ignoring it would run read-write on a node where read-only was asked for.
 */
function checkKeys(shown: string, keys: string[]): string[] {
	const warnings: string[] = [];
	for (const key of keys) {
		if ((knownConfigKeys as readonly string[]).includes(key)) continue;
		const nearest = nearestConfigKey(key);
		const squashed = key.toLowerCase().replace(/[^a-z]/g, '');
		if (squashed === 'readonly' || (nearest.key === 'read-only' && nearest.distance <= 2)) {
			throw new SettingsError(`${shown}: ${JSON.stringify(sanitize(key))} is not a key crisock-tui knows, and it looks like read-only; rather than run read-write, crisock-tui stops: write it read-only: true (or remove it)`);
		}

		warnings.push(nearest.distance <= Math.max(2, Math.floor(key.length / 3))
			? `warning: ${shown}: unknown key ${JSON.stringify(sanitize(key))} is ignored (did you mean ${nearest.key}?)`
			: `warning: ${shown}: unknown key ${JSON.stringify(sanitize(key))} is ignored (known keys: ${knownConfigKeys.join(', ')})`);
	}

	return warnings;
}

function readConfigFile(shown: string, text: string, parseYaml: SettingsInput['parseYaml']): FileConfig {
	if (!parseYaml) throw new Error(`resolveSettings read ${shown} but was given no parseYaml`);
	let doc: unknown;
	try {
		doc = parseYaml(text);
	} catch (error) {
		const first = (error as Error).message.split('\n')[0];
		throw new SettingsError(`${shown} is not valid YAML (${first}): fix it or point --config at another file`);
	}
	if (doc === null || doc === undefined) return {};
	if (typeof doc !== 'object' || Array.isArray(doc)) {
		throw new SettingsError(`${shown} should be a YAML mapping of keys like runtime-endpoint: unix:///run/containerd/containerd.sock`);
	}
	const d = doc as Record<string, unknown>;
	const warnings = checkKeys(shown, Object.keys(d));
	const str = (key: string) => {
		const v = d[key];
		if (v === undefined || v === null || v === '') return undefined;
		if (typeof v !== 'string') throw new SettingsError(`${shown}: ${key} should be a string such as unix:///run/containerd/containerd.sock`);
		return v;
	};
	const bool = (key: string) => {
		const v = d[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v === 'boolean') return v;
		if (v === 'true' || v === 'false') return v === 'true';
		throw new SettingsError(`${shown}: ${key} should be true or false, not ${JSON.stringify(v)}`);
	};
	// crisock-tui's own: several endpoints on one screen (crictl reads only runtime-endpoint).
	const list = d['runtime-endpoints'];
	let runtimeEndpoints: string[] | undefined;
	if (list !== undefined && list !== null) {
		if (!Array.isArray(list) || list.some(v => typeof v !== 'string' || v === '') || list.length > 256) {
			throw new SettingsError(`${shown}: runtime-endpoints should be a list of up to 256 endpoints such as [unix:///run/containerd/containerd.sock, unix:///run/crio/crio.sock]`);
		}
		runtimeEndpoints = list as string[];
	}
	let timeoutMs: number | undefined;
	if (d.timeout !== undefined && d.timeout !== null) {
		timeoutMs = typeof d.timeout === 'number' || typeof d.timeout === 'string' ? parseDuration(d.timeout) : undefined;
		if (timeoutMs === undefined) throw new SettingsError(`${shown}: timeout should be a number of seconds such as 2, not ${JSON.stringify(d.timeout)}`);
		if (timeoutMs === 0) timeoutMs = undefined; // crictl: 0 means the default
	}
	return {runtimeEndpoint: str('runtime-endpoint'), runtimeEndpoints, imageEndpoint: str('image-endpoint'), timeoutMs, debug: bool('debug'), readOnly: bool('read-only'), warnings};
}

/** Where the config file is read from on this machine (crictl's order, under the host root). */
export function configFilePath({flags, env, hostRoot}: Pick<SettingsInput, 'flags' | 'env' | 'hostRoot'>): string {
	const root = hostRoot && hostRoot !== '/' ? hostRoot : undefined;
	return underHostRoot(root, flags.config ?? (env.CRI_CONFIG_FILE || undefined) ?? defaultConfigPath);
}

export function resolveSettings({flags, env, readFile, hostRoot, cwd, parseYaml}: SettingsInput): Settings {
	const root = hostRoot && hostRoot !== '/' ? hostRoot : undefined;
	const explicitConfig = flags.config ?? (env.CRI_CONFIG_FILE || undefined);
	const configLocal = configFilePath({flags, env, hostRoot});
	let text: string | undefined;
	try {
		text = readFile(configLocal);
	} catch (error) {
		throw new SettingsError(`cannot read ${configLocal}: ${(error as Error).message}`);
	}
	if (text === undefined && explicitConfig) {
		const via = flags.config ? '--config' : 'CRI_CONFIG_FILE';
		throw new SettingsError(`the config file ${configLocal} (from ${via}) does not exist: fix the path or leave ${via} unset to use ${defaultConfigPath}`);
	}
	const file = text === undefined ? {} : readConfigFile(configLocal, text, parseYaml);
	const fromFile: SettingOrigin = {kind: 'config', name: configLocal};

	const endpoint = (value: string, origin: SettingOrigin) => {
		try {
			return underHostRoot(root, parseEndpoint(value, cwd));
		} catch (error) {
			throw new SettingsError(`${(error as Error).message} (from ${origin.name})`);
		}
	};
	const pick = <T>(candidates: Array<[T | undefined, SettingOrigin]>, fallback: [T, SettingOrigin]): [T, SettingOrigin] =>
		(candidates.find(([v]) => v !== undefined && v !== '') as [T, SettingOrigin] | undefined) ?? fallback;

	const [rawRuntime, runtimeOrigin] = pick<string>([
		[flags.runtimeEndpoint, {kind: 'flag', name: '--runtime-endpoint'}],
		[env.CONTAINER_RUNTIME_ENDPOINT, {kind: 'env', name: 'CONTAINER_RUNTIME_ENDPOINT'}],
		[file.runtimeEndpoint ?? file.runtimeEndpoints?.[0], fromFile],
	], ['probe', {kind: 'probe', name: 'probe'}]);
	const runtimeEndpoint = runtimeOrigin.kind === 'probe' ? 'probe' : endpoint(rawRuntime, runtimeOrigin);
	const more = runtimeOrigin.kind === 'flag' ? flags.moreRuntimeEndpoints ?? []
		: runtimeOrigin.kind === 'config' ? (file.runtimeEndpoints ?? []) : [];
	const runtimeEndpoints = runtimeEndpoint === 'probe' ? [] : [runtimeEndpoint];
	for (const raw of more) {
		const next = endpoint(raw, runtimeOrigin);
		if (!runtimeEndpoints.includes(next)) runtimeEndpoints.push(next);
	}

	const sameAsRuntime = '\0runtime'; // sentinel: no image endpoint of its own
	const [rawImage, imageOrigin] = pick<string>([
		[flags.imageEndpoint, {kind: 'flag', name: '--image-endpoint'}],
		[env.IMAGE_SERVICE_ENDPOINT, {kind: 'env', name: 'IMAGE_SERVICE_ENDPOINT'}],
		[file.imageEndpoint, fromFile],
	], [sameAsRuntime, runtimeOrigin]);
	const imageEndpoint = rawImage === sameAsRuntime ? runtimeEndpoint : endpoint(rawImage, imageOrigin);

	let flagTimeout: number | undefined;
	if (flags.timeout !== undefined && flags.timeout !== '') {
		flagTimeout = parseDuration(flags.timeout);
		if (flagTimeout === undefined || flagTimeout <= 0) throw new SettingsError(`--timeout ${flags.timeout} is not a duration: write it like 2s, 500ms or 10`);
	}
	const [timeoutMs, timeoutOrigin] = pick<number>([
		[flagTimeout, {kind: 'flag', name: '--timeout'}],
		[file.timeoutMs, fromFile],
	], [defaultTimeoutMs, {kind: 'default', name: 'default'}]);

	const [debug, debugOrigin] = pick<boolean>([
		[flags.debug || undefined, {kind: 'flag', name: '--debug'}],
		[file.debug, fromFile],
	], [false, {kind: 'default', name: 'default'}]);
	const [readOnly, readOnlyOrigin] = pick<boolean>([
		[flags.readOnly || undefined, {kind: 'flag', name: '--read-only'}],
		[file.readOnly, fromFile],
	], [false, {kind: 'default', name: 'default'}]);

	return {
		runtimeEndpoint,
		runtimeEndpoints,
		imageEndpoint,
		timeoutMs,
		debug,
		readOnly,
		configFile: text === undefined ? undefined : configLocal,
		hostRoot: root,
		warnings: file.warnings ?? [],
		sources: {runtimeEndpoint: runtimeOrigin, imageEndpoint: imageOrigin, timeoutMs: timeoutOrigin, debug: debugOrigin, readOnly: readOnlyOrigin},
	};
}
