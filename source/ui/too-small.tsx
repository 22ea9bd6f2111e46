// Below the minimum size the tables cannot say anything true; say so instead
// of painting garbage (and never throw while the size goes up and down).
import React from 'react';
import {Text} from 'ink';

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	return (
		<Text wrap="truncate">
			{`terminal too small (${columns}×${rows}, need ${MIN_COLUMNS}×${MIN_ROWS}) — q quits`}
		</Text>
	);
}
