// The time ages are counted to. A refresh (or a stats round) moves it; while nothing refreshes
// (events drive the lists and the node is quiet, so the lists are polled only
// every 30 s) it still moves on its own, so ages never freeze. It ticks only
// when a refresh is overdue: while polling, refreshes move it and it costs no
// extra frame.
import {useEffect, useState} from 'react';

export function useAgeClock(lastRefresh: number | null, periodMs: number): number {
	const [tick, setTick] = useState(() => Date.now());
	const now = Math.max(lastRefresh ?? 0, tick);
	useEffect(() => {
		// Half a period of slack, so a poll that is a little late is not beaten by the clock.
		const timer = setTimeout(() => setTick(Date.now()), Math.max(0, now + periodMs * 1.5 - Date.now()));
		return () => clearTimeout(timer);
	}, [now, periodMs]);
	return now;
}
