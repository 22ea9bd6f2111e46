// Unique-prefix IDs as crictl users type them (`crictl inspect 3f2a`). containerd and CRI-O
// resolve a prefix themselves; others want the whole ID. Resolving here gives every runtime
// the same behaviour and a clear sentence for an ambiguous prefix.
import type {CriClient} from '../wire/cri-client.js';
import {CriError} from '../wire/errors.js';

export type IdKind = 'container' | 'pod' | 'image';

/** The one ID `prefix` names among `ids`; the prefix itself when none does (the runtime then says NotFound). */
export function pickId(kind: IdKind, prefix: string, ids: readonly string[], endpoint: string): string {
	if (ids.includes(prefix)) return prefix;
	const bare = (id: string) => id.replace(/^sha256:/, '');
	const matches = [...new Set(ids.filter(id => id.startsWith(prefix) || bare(id).startsWith(bare(prefix))))];
	if (matches.length === 1) return matches[0];
	if (matches.length > 1) {
		const shown = matches.slice(0, 4).map(id => bare(id).slice(0, 13)).join(', ');
		throw new CriError(`the ${kind} ID prefix ${JSON.stringify(prefix)} matches ${matches.length} ${kind}s (${shown}${matches.length > 4 ? ', …' : ''}): type more of the ID`, 'other', 'resolve', endpoint);
	}

	return prefix;
}

/** Whole IDs for the prefixes typed, one list call for all of them. */
export async function resolveIds(client: CriClient, kind: IdKind, prefixes: readonly string[]): Promise<string[]> {
	if (kind === 'container') {
		const ids = (await client.listContainers()).items.map(c => c.id);
		return prefixes.map(p => pickId(kind, p, ids, client.runtimeEndpoint));
	}

	if (kind === 'pod') {
		const ids = (await client.listPodSandbox()).items.map(p => p.id);
		return prefixes.map(p => pickId(kind, p, ids, client.runtimeEndpoint));
	}

	// Images are named by reference as often as by ID: only hex words are treated as ID prefixes.
	if (!prefixes.some(p => /^(sha256:)?[a-f0-9]{1,64}$/.test(p))) return [...prefixes];
	const ids = (await client.listImages()).items.map(i => i.id);
	return prefixes.map(p => (/^(sha256:)?[a-f0-9]{1,64}$/.test(p) ? pickId(kind, p, ids, client.imageEndpoint) : p));
}
