// Turns a burst of "something changed" signals (runtime events) into at most
// one re-list per refresh period: the first signal re-lists after a short
// wait that gathers its burst (a pod starting is several events); signals
// during the period after a re-list wait for the period's end and share one
// re-list there. A flood of 1000 events costs one re-list a period, not 1000.
import type {Part} from './node-data.js';
import type {Timers} from './poller.js';

export type RefreshCoalescerOptions = {
	/** Re-list these parts (every part when absent). */
	refresh: (parts?: readonly Part[]) => void;
	/** The refresh period, ms: at most one refresh per period. */
	periodMs: number;
	/** Wait gathering a burst before the first refresh, ms. @default 100 */
	burstMs?: number;
	now?: () => number;
	timers?: Timers;
};

export type RefreshCoalescer = {
	/**
	 * Something changed in these parts (every part when absent): a refresh
	 * will follow, shared with every other request until it runs (the union of their parts).
	 */
	request(parts?: readonly Part[]): void;
	/** Forget a pending refresh (the feed stopped). */
	stop(): void;
};

export function createRefreshCoalescer(options: RefreshCoalescerOptions): RefreshCoalescer {
	const burstMs = options.burstMs ?? 100;
	const now = options.now ?? Date.now;
	const timers: Timers = options.timers ?? {setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout)};
	let last = Number.NEGATIVE_INFINITY;
	let pending: unknown;
	// The parts asked for since the last refresh; null: every part.
	let asked: Set<Part> | null = new Set();
	return {
		request(parts) {
			if (!parts) asked = null;
			else if (asked) for (const part of parts) asked.add(part);
			if (pending !== undefined) return;
			const wait = Math.max(burstMs, last + options.periodMs - now());
			pending = timers.setTimeout(() => {
				pending = undefined;
				last = now();
				const which = asked;
				asked = new Set();
				options.refresh(which ? [...which] : undefined);
			}, wait);
		},
		stop() {
			if (pending !== undefined) timers.clearTimeout(pending);
			pending = undefined;
			asked = new Set();
		},
	};
}
