// Which runtime sockets are alive: every candidate at once (a hung runtime
// must not make the others wait), each stat'ed first so missing ones cost
// nothing, then asked Version and Status with a short deadline.
import {promises as fs} from 'node:fs';
import {checkSocket} from './call-errors.js';
import {createCriClient} from './cri-client.js';
import {socketLabel} from './endpoint.js';
import {CriError} from './errors.js';
import type {RuntimeCondition, VersionResponse} from '../model/cri-types.js';

export type ProbeResult =
	| {path: string; label?: string; ok: true; version: VersionResponse; ready: boolean; conditions: RuntimeCondition[]}
	| {path: string; label?: string; ok: false; error: CriError};

export type ProbeOptions = {
	/** Report missing paths too (as 'unavailable' errors) instead of leaving them out. @default false */
	includeMissing?: boolean;
	/** Strip this host root when looking up a path's well-known label. */
	hostRoot?: string;
};

async function realpathOrSelf(p: string): Promise<string> {
	try {
		return await fs.realpath(p);
	} catch {
		return p;
	}
}

function labelOf(p: string, hostRoot?: string): string | undefined {
	const nodePath = hostRoot && p.startsWith(`${hostRoot}/`) ? p.slice(hostRoot.length) : p;
	return socketLabel(nodePath);
}

async function probeOne(path: string, timeoutMs: number, label: string | undefined): Promise<ProbeResult> {
	const client = createCriClient({runtimeEndpoint: path, timeoutMs});
	try {
		// Both at once so a probe costs one deadline at most.
		const [version, status] = await Promise.allSettled([client.version(), client.status()]);
		if (version.status === 'rejected') throw version.reason;
		// Version answered, so this is a runtime; if Status did not, readiness is unknown (not ready).
		const conditions = status.status === 'fulfilled' ? status.value.status?.conditions ?? [] : [];
		const ready = conditions.some(c => c.type === 'RuntimeReady' && c.status);
		return {path, label, ok: true, version: version.value, ready, conditions};
	} catch (error) {
		const criError = error instanceof CriError ? error : new CriError(`probing ${path} failed: ${String(error)}`, 'other', 'Version', path);
		return {path, label, ok: false, error: criError};
	} finally {
		client.close();
	}
}

/**
 * Probes the given socket paths in parallel; results keep the input order.
 * Paths that are the same file (e.g. /var/run → /run symlink) are probed once, under the first name.
 */
export async function probeEndpoints(paths: string[], timeoutMs = 1000, options: ProbeOptions = {}): Promise<ProbeResult[]> {
	const real = await Promise.all(paths.map(realpathOrSelf));
	const seen = new Set<string>();
	const unique = paths.filter((_, i) => {
		if (seen.has(real[i])) return false;
		seen.add(real[i]);
		return true;
	});
	const results = await Promise.all(unique.map(async (path): Promise<ProbeResult | undefined> => {
		const label = labelOf(path, options.hostRoot);
		const problem = await checkSocket(path, 'Version');
		if (problem) {
			const missing = problem.code === 'unavailable';
			return missing && !options.includeMissing ? undefined : {path, label, ok: false, error: problem};
		}
		return probeOne(path, timeoutMs, label);
	}));
	return results.filter((r): r is ProbeResult => r !== undefined);
}
