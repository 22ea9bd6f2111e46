// Small statistics for the bench: nearest-rank percentiles (every reported value is one that was
// really measured, never an interpolation between two runs).

/** The p-th percentile (0 < p <= 100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[rank - 1]!;
}

/** The median: the middle sample, or the mean of the two middle ones; NaN for no samples. */
export function median(samples: readonly number[]): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type Summary = {n: number; min: number; p50: number; p95: number; max: number; mean: number};

export function summarise(samples: readonly number[]): Summary {
	const n = samples.length;
	return {
		n,
		min: n ? Math.min(...samples) : Number.NaN,
		p50: n ? percentile(samples, 50) : Number.NaN,
		p95: n ? percentile(samples, 95) : Number.NaN,
		max: n ? Math.max(...samples) : Number.NaN,
		mean: n ? samples.reduce((a, b) => a + b, 0) / n : Number.NaN,
	};
}

/** Rounds for display: 2 decimals under 10, 1 under 100, whole numbers above. */
export function round(value: number): number {
	if (!Number.isFinite(value)) return value;
	const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}
