// When a stats round starts and when its numbers are painted, while the lists are polled at the
// same period. A poll and a stats round each used to paint a frame of their own (a React commit
// and an ink frame of the whole screen, most of an idle round's CPU): two frames every period at
// 1,000 containers. Here a round is started so its answer lands just before the next poll's, and
// is held for that poll's frame, so both paint together; if that frame does not come in time the
// round paints on its own, as before.

/** How long before the poll's answer a round's answer should land, beyond what the last round took. @default 100 */
export const leadMs = 100;

/** The longest a round's numbers wait for the poll's frame. @default 400 */
export const holdCeilingMs = 400;

/**
 * The wait before the next round. `delayMs` is the unaligned wait (statsDelayMs); `listsAt` when
 * the lists last landed, null while they are not polled at `intervalMs` (events drive them).
 * Aligned only at the plain period (a slowed round keeps its slower pace) and while the polls
 * keep time (the last landed within two periods).
 */
export function nextRoundMs(delayMs: number, intervalMs: number, listsAt: number | null, lastRoundMs: number, now: number): number {
	if (listsAt === null || delayMs > intervalMs || now - listsAt > 2 * intervalMs) return delayMs;
	let start = listsAt + intervalMs - lastRoundMs - leadMs;
	// Never sooner than half a period after this round: numbers stay at least that long on screen.
	while (start - now < intervalMs / 2) start += intervalMs;
	return start - now;
}

/**
 * How long a round's numbers wait for the next poll's frame: until just after that poll is due
 * (`listsAt` + `intervalMs`), at most holdCeilingMs; 0 (paint now) when not polling at the period,
 * or when the poll the round was timed for has already landed (`listsAt` after `startedAt`).
 */
export function holdMs(intervalMs: number, listsAt: number | null, startedAt: number, now: number): number {
	if (listsAt === null || listsAt > startedAt || now - listsAt > 2 * intervalMs) return 0;
	return Math.max(0, Math.min(holdCeilingMs, listsAt + intervalMs + leadMs - now));
}
