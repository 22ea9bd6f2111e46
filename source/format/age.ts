// Ages exactly as crictl prints its CREATED column: go-units HumanDuration of
// (now - createdAt) + " ago". Timestamps are int64 nanoseconds as decimal
// strings; BigInt keeps them exact.

const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MINUTE = 60n * NS_PER_SECOND;
const NS_PER_HOUR = 60n * NS_PER_MINUTE;
// Go's time.Duration saturates at the int64 limits (about 292 years).
const MAX_DURATION = 2n ** 63n - 1n;

/**
 * go-units `HumanDuration` for a duration in nanoseconds: "Less than a
 * second", "1 second", "N seconds", "About a minute", "N minutes", "About an
 * hour", "N hours", "N days", "N weeks", "N months", "N years".
 */
export function humanDuration(ns: bigint): string {
	const seconds = ns / NS_PER_SECOND;
	if (seconds < 1n) return 'Less than a second';
	if (seconds === 1n) return '1 second';
	if (seconds < 60n) return `${seconds} seconds`;
	const minutes = ns / NS_PER_MINUTE;
	if (minutes === 1n) return 'About a minute';
	if (minutes < 60n) return `${minutes} minutes`;
	// go-units rounds hours here: int(d.Hours() + 0.5).
	const hours = (ns + NS_PER_HOUR / 2n) / NS_PER_HOUR;
	if (hours === 1n) return 'About an hour';
	if (hours < 48n) return `${hours} hours`;
	if (hours < 24n * 7n * 2n) return `${hours / 24n} days`;
	if (hours < 24n * 30n * 2n) return `${hours / 24n / 7n} weeks`;
	if (hours < 24n * 365n * 2n) return `${hours / 24n / 30n} months`;
	return `${ns / NS_PER_HOUR / 24n / 365n} years`;
}

/**
 * crictl's CREATED text: "3 minutes ago", "About a minute ago". Returns ''
 * for an unset (`0`) or unparsable timestamp, where crictl would print an age
 * counted from 1970.
 */
export function age(createdAtNs: string, nowMs: number): string {
	if (!/^-?\d+$/.test(createdAtNs) || /^-?0+$/.test(createdAtNs)) return '';
	const now = BigInt(Math.trunc(nowMs)) * 1_000_000n;
	let diff = now - BigInt(createdAtNs);
	if (diff > MAX_DURATION) diff = MAX_DURATION;
	return `${humanDuration(diff)} ago`;
}

/**
 * kubectl's and k9s's short AGE (apimachinery HumanDuration): "45s", "5m30s",
 * "42m", "7h10m", "20h", "3d4h", "12d", "2y30d", "9y". At most 6 wide.
 */
export function compactDuration(ns: bigint): string {
	const seconds = ns / NS_PER_SECOND;
	if (seconds < -1n) return '<invalid>';
	if (seconds < 0n) return '0s';
	if (seconds < 120n) return `${seconds}s`;
	const minutes = ns / NS_PER_MINUTE;
	if (minutes < 10n) return seconds % 60n === 0n ? `${minutes}m` : `${minutes}m${seconds % 60n}s`;
	if (minutes < 180n) return `${minutes}m`;
	const hours = ns / NS_PER_HOUR;
	if (hours < 8n) return minutes % 60n === 0n ? `${hours}h` : `${hours}h${minutes % 60n}m`;
	if (hours < 48n) return `${hours}h`;
	if (hours < 24n * 8n) return hours % 24n === 0n ? `${hours / 24n}d` : `${hours / 24n}d${hours % 24n}h`;
	if (hours < 24n * 365n * 2n) return `${hours / 24n}d`;
	if (hours < 24n * 365n * 8n) {
		const days = (hours / 24n) % 365n;
		return days === 0n ? `${hours / 24n / 365n}y` : `${hours / 24n / 365n}y${days}d`;
	}

	return `${hours / 24n / 365n}y`;
}

/** The compact age of a timestamp ('' where age() gives ''). */
export function compactAge(createdAtNs: string, nowMs: number): string {
	if (!/^-?\d+$/.test(createdAtNs) || /^-?0+$/.test(createdAtNs)) return '';
	const diff = BigInt(Math.trunc(nowMs)) * 1_000_000n - BigInt(createdAtNs);
	return compactDuration(diff > MAX_DURATION ? MAX_DURATION : diff);
}
