// What ps and pods share with crictl: newest first, --latest / --last, ID prefixes matched
// here (so every runtime, including those that want whole IDs, answers like containerd).
import {age} from '../format/age.js';

const big = (s: string) => (/^-?\d+$/.test(s) ? BigInt(s) : 0n);

/** crictl's containerByCreated / sandboxByCreated: newest first. */
export function newestFirst<T extends {createdAt: string}>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => {
		const x = big(a.createdAt);
		const y = big(b.createdAt);
		return x === y ? 0 : x > y ? -1 : 1;
	});
}

/** --latest keeps one, --last N keeps N (0: all), as crictl. */
export function cut<T>(items: T[], latest: boolean, last: number): T[] {
	let n = items.length;
	if (latest) n = 1;
	if (last > 0) n = last;
	return items.slice(0, Math.min(n, items.length));
}

/** crictl's CREATED cell: "2 minutes ago". */
export function created(createdAt: string, now: number): string {
	return age(createdAt, now);
}

/** The ID crictl prints in a table: 13 characters unless --no-trunc. */
export function tableId(id: string, noTrunc: boolean, prefix = ''): string {
	const bare = prefix && id.startsWith(prefix) ? id.slice(prefix.length) : id;
	return noTrunc ? bare : bare.slice(0, 13);
}

/** `io.kubernetes.pod.name` etc. from labels, or crictl's "unknown". */
export function fromLabels(labels: Record<string, string> | undefined, key: string): string {
	return labels?.[key] ?? 'unknown';
}
