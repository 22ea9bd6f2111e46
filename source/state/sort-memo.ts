// A pane's sorted list kept between refreshes. At 10,000 containers a poll that changed one
// container (stopped: a new object for it, every other object the same, wire/list-decode.ts)
// re-sorted all 10,000. When the new list has the old one's length and differs only in a few
// places, each by an object with the same sort key as the one it replaces, the old order holds:
// the new objects take the old ones' places in the previous sorted list, in one pass. Ties
// resolve exactly as a full (stable) sort of the new list would, since the replacement keeps
// the old one's place in the input too. Anything else sorts in full.
import type {SortState} from './ui-state.js';
import {stateRank, type UsageById} from './selectors.js';

type Sortable = {id: string; createdAt: string; state?: string; metadata?: {name?: string; attempt?: number} | null};

/** Sorts `items` by `sort` (with `usage` for CPU/MEM); the previous result is reused where it can be. */
export type SortMemo<T> = (items: readonly T[], sort: SortState, usage: UsageById | undefined, run: (items: readonly T[]) => T[]) => T[];

/** More changed places than this (or a tenth of the list): a full sort, which is then as cheap. */
const maxChanged = 256;

/** Whether `b` sorts exactly where `a` did under `sort` (its key and its tie-break, newest first). */
export function sameSortKey(a: Sortable, b: Sortable, sort: SortState): boolean {
	if (a.createdAt !== b.createdAt) return false;
	switch (sort.key) {
		case 'name': return (a.metadata?.name ?? '').toLowerCase() === (b.metadata?.name ?? '').toLowerCase();
		case 'attempt': return (a.metadata?.attempt ?? 0) === (b.metadata?.attempt ?? 0);
		case 'state': return stateRank(a.state) === stateRank(b.state);
		// The usage is the same map (checked by the memo): the same ID has the same value.
		case 'cpu':
		case 'mem': return a.id === b.id;
		default: return true;
	}
}

export function createSortMemo<T extends Sortable>(): SortMemo<T> {
	let last: {items: readonly T[]; sort: SortState; usage: UsageById | undefined; out: T[]} | undefined;
	return (items, sort, usage, run) => {
		const out = (last && last.sort === sort && last.usage === usage ? replaced(last.items, last.out, items, sort) : undefined) ?? run(items);
		last = {items, sort, usage, out};
		return out;
	};
}

/** The previous sorted list with the changed objects in their predecessors' places, or undefined. */
function replaced<T extends Sortable>(before: readonly T[], sorted: readonly T[], items: readonly T[], sort: SortState): T[] | undefined {
	if (before === items) return sorted as T[];
	if (before.length !== items.length || sorted.length !== items.length) return undefined;
	const limit = Math.min(maxChanged, Math.max(1, items.length >> 3));
	let swaps: Map<T, T> | undefined;
	for (let i = 0; i < items.length; i++) {
		const old = before[i]!;
		const next = items[i]!;
		if (old === next) continue;
		if (!sameSortKey(old, next, sort)) return undefined;
		swaps ??= new Map();
		if (swaps.has(old) || swaps.size >= limit) return undefined;
		swaps.set(old, next);
	}
	// The same objects in a new array: the same order.
	if (!swaps) return sorted as T[];
	const out = sorted.slice();
	let found = 0;
	for (let j = 0; j < out.length && found < swaps.size; j++) {
		const next = swaps.get(out[j]!);
		if (next === undefined) continue;
		out[j] = next;
		found++;
	}
	return found === swaps.size ? out : undefined;
}
