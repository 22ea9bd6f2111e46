// crictl logs' --tail and --since, parsed in one place for the one-shot `logs`
// command, the dashboard's flags and the logs view's T / S prompts.
import {parseDuration} from './config.js';
import {logTimeMs} from './log-parse.js';

/** What --since accepts, for sentences about a bad value. */
export const sinceForms = 'a duration like 10m or a time like 2024-01-02T15:04:05Z';

/**
 * --since as ms since the epoch: a duration back from `now` (`10s`, `5m`, `1h30m`)
 * or an RFC 3339 time. undefined when the text is neither (a bare number is
 * neither: crictl wants a unit).
 */
export function sinceTimeMs(text: string, now: number): number | undefined {
	const s = text.trim();
	if (s === '') return undefined;
	const duration = /^\d+(\.\d+)?$/.test(s) ? undefined : parseDuration(s);
	if (duration !== undefined) return now - duration;
	// Only a date-time: Date.parse alone takes "5" for May 2001.
	const time = /^\d{4}-\d{2}-\d{2}/.test(s) ? logTimeMs(s) : Number.NaN;
	return Number.isNaN(time) ? undefined : time;
}

/** --tail as a line count, -1 for every line (crictl: any negative number); undefined when it is not a whole number. */
export function tailCount(text: string): number | undefined {
	const s = text.trim();
	if (!/^-?\d+$/.test(s)) return undefined;
	const n = Number(s);
	if (n < 0) return -1;
	return Number.isSafeInteger(n) ? n : undefined;
}
