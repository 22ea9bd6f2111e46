// A one-line chart of recent values (CPU %, memory) for the triage view.
import React from 'react';
import {Text} from 'ink';
import {useTheme} from './theme.js';

const bars = '▁▂▃▄▅▆▇█';

/** The last `width` values as bar characters, scaled to the largest shown (or to `max`). */
export function sparkline(values: readonly number[], width: number, max?: number): string {
	const shown = values.slice(-Math.max(0, width));
	if (shown.length === 0) return '';
	const top = max ?? Math.max(...shown);
	return shown.map(v => {
		if (!(top > 0) || !(v > 0)) return bars[0];
		return bars[Math.min(bars.length - 1, Math.floor((v / top) * (bars.length - 1) + 0.5))];
	}).join('');
}

export type SparklineProps = {
	values: readonly number[];
	/** Columns. @default 20 */
	width?: number;
	/** Fixed top of the scale (e.g. 100 for one core's CPU %); @default the largest value shown */
	max?: number;
};

export function Sparkline({values, width = 20, max}: SparklineProps) {
	const theme = useTheme();
	return <Text color={theme.accent}>{sparkline(values, width, max)}</Text>;
}
