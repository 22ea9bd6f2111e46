// Go's time.Unix(0, ns).Format(time.RFC3339Nano) in UTC, as crictl inspect prints times:
// nanoseconds kept, trailing zeros of the fraction dropped; 0 is Go's zero time.

const zeroTime = '0001-01-01T00:00:00Z';

export function rfc3339Nano(ns: string | undefined): string {
	if (!ns || !/^\d+$/.test(ns) || /^0+$/.test(ns)) return ns === undefined ? zeroTime : '1970-01-01T00:00:00Z';
	const value = BigInt(ns);
	const seconds = value / 1_000_000_000n;
	const fraction = (value % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
	const date = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
	return `${date}${fraction ? `.${fraction}` : ''}Z`;
}

/** Go's zero time (crictl prints it for a start or finish that has not happened). */
export const goZeroTime = zeroTime;
