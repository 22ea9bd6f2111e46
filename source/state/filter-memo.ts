// The `/` filter's last few results for one list, so a keystroke at 10,000
// objects looks at as few of them as it can: a query typed before (a
// backspace) is answered from memory, and a query that narrows an earlier one
// ("ngi" → "ngin") filters only that earlier result. The order is the list's:
// a filter keeps a subsequence. Everything is forgotten when the list or
// anything else the filter reads (the `deps`) changes.
import {narrows, parseFilter, type FilterTerm} from '../format/filter-query.js';

type Entry<T> = {key: string; terms: readonly FilterTerm[]; result: readonly T[]};

/**
 * Filters `items` by `text` with `run`, which must keep exactly the items it is
 * given (in order) that pass `terms` and whatever `deps` hold; it is given the
 * whole list or an earlier result of a query that `terms` narrows.
 */
export type FilterMemo<T> = (
	items: readonly T[], text: string, deps: readonly unknown[], run: (items: readonly T[], terms: readonly FilterTerm[]) => readonly T[],
) => readonly T[];

/** A memoised filter remembering `max` results (default 8). */
export function createFilterMemo<T>(max = 8): FilterMemo<T> {
	let source: readonly T[] | undefined;
	let sourceDeps: readonly unknown[] = [];
	let entries: Array<Entry<T>> = [];
	return (items, text, deps, run) => {
		if (items !== source || deps.length !== sourceDeps.length || deps.some((d, i) => d !== sourceDeps[i])) {
			source = items;
			sourceDeps = [...deps];
			entries = [];
		}

		const terms = parseFilter(text);
		const key = JSON.stringify(terms);
		const at = entries.findIndex(e => e.key === key);
		if (at !== -1) {
			const [hit] = entries.splice(at, 1);
			entries.unshift(hit!);
			return hit!.result;
		}

		let base = items;
		for (const e of entries) if (e.result.length < base.length && narrows(terms, e.terms)) base = e.result;
		const result = run(base, terms);
		entries.unshift({key, terms, result});
		if (entries.length > max) entries.length = max;
		return result;
	};
}
