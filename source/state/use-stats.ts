// Polls ListContainerStats (and ListPodSandboxStats while the runtime has it)
// on the refresh period and keeps the usage history. A runtime without stats
// (UNIMPLEMENTED) is asked once: the columns then say so instead of blank.
import {useEffect, useRef, useState} from 'react';
import type {CriClient} from '../wire/cri-client.js';
import {CriError} from '../wire/errors.js';
import type {Container} from '../model/cri-types.js';
import {podInputs, updateHistory, type StatsHistory} from './stats-history.js';
import {holdMs, nextRoundMs} from './stats-timing.js';

export type StatsView = {
	containers: StatsHistory;
	pods: StatsHistory;
	/** "not supported by docker" when ListContainerStats is UNIMPLEMENTED, else null. */
	unsupported: string | null;
	/** The same for ListPodSandboxStats. */
	podsUnsupported: string | null;
	/** The last failure sentence of a supported call, else null. */
	error: string | null;
	/**
	 * When the last round landed (ms since the epoch), else null: the age clock moves with it, so
	 * ages repaint in the frame the stats paint anyway instead of in one of their own (use-age-clock.ts).
	 */
	at: number | null;
};

export const emptyStats: StatsView = {containers: new Map(), pods: new Map(), unsupported: null, podsUnsupported: null, error: null, at: null};

const unsupportedBy = (error: unknown, runtimeName: string) =>
	error instanceof CriError && error.code === 'unimplemented' ? `not supported by ${runtimeName || 'this runtime'}` : null;

// Made once per container list, not per round: an unchanged list keeps its array (node-data.ts).
const statesByList = new WeakMap<readonly Container[], ReadonlyMap<string, Container['state']>>();
function statesOf(containers: readonly Container[]): ReadonlyMap<string, Container['state']> {
	let states = statesByList.get(containers);
	if (!states) {
		states = new Map(containers.map(c => [c.id, c.state]));
		statesByList.set(containers, states);
	}
	return states;
}

/**
 * One round: the next StatsView from the previous one. Never throws. Without `withPods` the pods'
 * call is left out and their last numbers kept (only the pods pane shows them).
 */
export async function fetchStats(
	client: Pick<CriClient, 'listContainerUsage' | 'listPodSandboxUsage'>,
	previous: StatsView,
	containers: readonly Container[],
	runtimeName: string,
	nowNs: number = Date.now() * 1_000_000,
	withPods = true,
): Promise<StatsView> {
	const states = statesOf(containers);
	const next: StatsView = {...previous, error: null};
	const [containerAnswer, podAnswer] = await Promise.allSettled([
		previous.unsupported ? Promise.resolve(null) : client.listContainerUsage(),
		previous.podsUnsupported || !withPods ? Promise.resolve(null) : client.listPodSandboxUsage(),
	]);
	next.at = Date.now();
	if (containerAnswer.status === 'fulfilled') {
		if (containerAnswer.value) next.containers = updateHistory(previous.containers, containerAnswer.value, states, nowNs);
	} else {
		next.unsupported = unsupportedBy(containerAnswer.reason, runtimeName);
		next.containers = new Map();
		if (!next.unsupported) next.error = containerAnswer.reason instanceof Error ? containerAnswer.reason.message : String(containerAnswer.reason);
	}

	if (podAnswer.status === 'fulfilled') {
		if (podAnswer.value) next.pods = updateHistory(previous.pods, podInputs(podAnswer.value), new Map(), nowNs);
	} else {
		// Pod stats are a bonus: any failure (containerd 1.6 errors on it) just hides them.
		next.podsUnsupported = unsupportedBy(podAnswer.reason, runtimeName) ?? 'pod stats unavailable';
		next.pods = new Map();
	}

	return next;
}

export type UseStatsOptions = {
	/** The live client, or null while disconnected. */
	client: () => CriClient | null;
	/** Latest container list (states decide who gets numbers). */
	containers: readonly Container[];
	/** From Version, for "not supported by <runtime>". */
	runtimeName: string;
	/** @default 2000 */
	intervalMs?: number;
	/** Polled at all: false while no pane on screen shows CPU/MEM. @default true */
	enabled?: boolean;
	/**
	 * ListPodSandboxStats asked too: only the pods pane shows it (at 10,000 containers it is an
	 * answer as large as the containers'). Turned on, a round runs at once. @default true
	 */
	withPods?: boolean;
	/**
	 * When the lists last landed, while they are polled every `intervalMs` (not on events): rounds
	 * are then timed to land just before the next poll and painted in its frame (stats-timing.ts).
	 * @default null (each round paints on its own)
	 */
	listsAt?: number | null;
};

/**
 * The wait before the next stats round: the refresh period, or 10x what the last round took
 * when that is longer. At 10,000 containers a ListContainerStats answer is ~5 MB and a round
 * ~0.3-0.5 s; asking every 2 s spent a quarter of a core on stats alone (and the same on the
 * runtime), on the node that is already sick. Usage is then at most ~10 % of a core behind.
 */
export function statsDelayMs(intervalMs: number, lastRoundMs: number): number {
	return Math.max(intervalMs, 10 * lastRoundMs);
}

/**
 * Stats polled while mounted and enabled; one call in flight at a time. Returns the newest round's
 * view: a round held for the poll's frame (stats-timing.ts) is painted by whatever renders first.
 */
export function useStats(options: UseStatsOptions): StatsView {
	const {intervalMs = 2000, enabled = true, withPods = true, runtimeName} = options;
	// Only to paint a round that no other render has shown.
	const [, paint] = useState<StatsView>(emptyStats);
	const newest = useRef<StatsView>(emptyStats);
	const shown = useRef<StatsView>(emptyStats);
	const latest = useRef(options);
	latest.current = options;
	shown.current = newest.current;

	useEffect(() => {
		if (!enabled) return;
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		let hold: NodeJS.Timeout | undefined;
		const round = async () => {
			const client = latest.current.client();
			const started = Date.now();
			if (client) {
				const next = await fetchStats(client, newest.current, latest.current.containers, runtimeName, undefined, withPods);
				if (stopped) return;
				newest.current = next;
				const wait = holdMs(intervalMs, latest.current.listsAt ?? null, started, Date.now());
				clearTimeout(hold);
				if (wait === 0) paint(next);
				else {
					hold = setTimeout(() => {
						if (shown.current !== next && newest.current === next) paint(next);
					}, wait);
				}
			}

			if (stopped) return;
			const now = Date.now();
			timer = setTimeout(round, nextRoundMs(statsDelayMs(intervalMs, now - started), intervalMs, latest.current.listsAt ?? null, now - started, now));
		};

		void round();
		return () => {
			stopped = true;
			clearTimeout(timer);
			clearTimeout(hold);
		};
	}, [enabled, intervalMs, runtimeName, withPods]);

	return newest.current;
}
