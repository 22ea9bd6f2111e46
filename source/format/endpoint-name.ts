// Short names for the endpoints of one screen (the NODE column, the header):
// a socket's runtime (`containerd`, `crio`), or its folder when the file name
// says nothing (`/tmp/sim-b/cri.sock` → `sim-b`), a node's host name; made
// unique with -2, -3 and kept to plain characters (they are drawn and keyed).

const vague = new Set(['cri', 'socket', 'sock', 'runtime', 'api', 'cri-runtime']);

function clean(s: string): string {
	const out = s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 24);
	return out === '' ? 'endpoint' : out;
}

/** The short name of a socket path (before deduplication). */
export function socketName(socketPath: string): string {
	const parts = socketPath.split('/').filter(Boolean);
	const file = (parts.at(-1) ?? '').replace(/\.sock(et)?$/, '');
	if (file && !vague.has(file.toLowerCase())) return clean(file);
	return clean(parts.at(-2) ?? file);
}

/** Names made unique in order: a repeated name gets -2, -3, … */
export function uniqueNames(names: readonly string[]): string[] {
	const seen = new Map<string, number>();
	const taken = new Set(names);
	return names.map(name => {
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		if (count === 1) return name;
		let n = count;
		while (taken.has(`${name}-${n}`)) n++;
		const unique = `${name}-${n}`;
		taken.add(unique);
		return unique;
	});
}
