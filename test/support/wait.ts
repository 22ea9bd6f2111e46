// The one way tests wait: for a condition, with a generous ceiling. Never for a fixed time before
// asserting: the machine running the suite may be busy (2 cores shared by many), and a result that
// arrives late must still pass while one that never arrives must fail with a clear sentence.
import os from 'node:os';
import {setTimeout as timer, setImmediate as immediate} from 'node:timers/promises';

export type WaitOptions = {
	/** Give up after this long. @default 10000 */
	timeoutMs?: number;
	/** Look again this often. @default 20 */
	intervalMs?: number;
	/** What is awaited, for the error (a function is called at the deadline, e.g. to show a frame). */
	what?: string | (() => string);
};

const describeWhat = (what: WaitOptions['what'], fallback: string) => (typeof what === 'function' ? what() : what ?? fallback);

/**
 * Polls `check` until it returns (or resolves to) a truthy value and returns that value. A check
 * that throws counts as "not yet" (so an assertion can be the check); at the deadline the last
 * error, or `what`, is in the rejection. The second argument may be just `what`.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions | WaitOptions['what'] = {}): Promise<NonNullable<T>> {
	const {timeoutMs = 10_000, intervalMs = 20, what} = typeof options === 'object' ? options : {what: options};
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value as NonNullable<T>;
			lastError = undefined;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) break;
		await timer(intervalMs);
	}
	const because = lastError instanceof Error ? `\nlast error: ${lastError.message}` : '';
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${describeWhat(what, String(check))}${because}`);
}

/**
 * Checks that `check` stays true for `ms` (looking every `intervalMs`), for the few assertions
 * that something does NOT happen within a period (no extra refresh, no second call). It fails at
 * the first moment the check is false. Prefer a positive barrier (wait for the thing that shows the
 * input was handled, then assert) wherever the product offers one.
 */
export async function holdsFor(check: () => boolean | Promise<boolean>, ms: number, what: string, intervalMs = 20): Promise<void> {
	const end = Date.now() + ms;
	for (;;) {
		if (!(await check())) throw new Error(`no longer true after ${ms - (end - Date.now())} ms: ${what}`);
		if (Date.now() >= end) return;
		await timer(Math.min(intervalMs, Math.max(1, end - Date.now())));
	}
}

/**
 * Lets the event loop go round `n` times (setImmediate), so work already queued (an input event,
 * a React commit, a stream's data) runs. Costs no wall-clock time and does not depend on load.
 */
export async function turns(n = 3): Promise<void> {
	for (let i = 0; i < n; i++) await immediate();
}

/**
 * The gap a person leaves between two keys. Not a wait for a result (whatever follows a key
 * waits for its condition); it only keeps two keys from arriving in one read.
 */
export async function keyGap(ms: number): Promise<void> {
	if (ms > 0) await timer(ms);
}

/**
 * How much slower than an idle machine this one may be now: the 1-minute load average per core,
 * at least 1. Speed assertions (a start-up, a repaint) multiply their ceiling by it, so they still
 * catch an order-of-magnitude regression on an idle machine without failing on a busy one.
 */
export function busyFactor(): number {
	return Math.max(1, os.loadavg()[0] / Math.max(1, os.cpus().length));
}
