// How the simulated node finds and names things: ID prefixes (containerd's truncindex), image
// references the way the runtimes normalise them, path segments safe on disk.

/** Exact key or unique prefix; undefined when absent or ambiguous. */
export function findByPrefix<T>(map: Map<string, T>, key: string): T | undefined {
	if (!key) return undefined;
	const exact = map.get(key);
	if (exact || key.length >= 64) return exact;
	let found: T | undefined;
	for (const [id, value] of map) {
		if (!id.startsWith(key)) continue;
		if (found) return undefined;
		found = value;
	}
	return found;
}

/** `busybox:1.36` → `docker.io/library/busybox:1.36`; a missing tag means `latest`. */
export function normaliseRef(ref: string): string {
	let name = ref;
	if (!/^[^/]+[.:][^/]*\//.test(name) && !name.startsWith('localhost/')) name = `docker.io/${name.includes('/') ? '' : 'library/'}${name}`;
	if (!/:[^/]+$/.test(name) && !name.includes('@')) name += ':latest';
	return name;
}

/** A path segment that is safe on disk: no slash or NUL, at most 200 bytes. */
export function safeSegment(text: string): string {
	const clean = text.replace(/[/\0]/g, '_');
	return Buffer.byteLength(clean) <= 200 ? clean : Buffer.from(clean).subarray(0, 200).toString('utf8').replace(/\uFFFD+$/, '');
}
