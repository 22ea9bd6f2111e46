// A scrollable block of lines for the help and inspect views, with the move
// keys of the keymap (j k ↑ ↓ PgUp PgDn g G).
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import type {Command} from '../state/keymap.js';

/** New first line after a move command; unchanged for other commands. */
export function scrollBy(command: Command | undefined, offset: number, length: number, height: number): number {
	const last = Math.max(0, length - height);
	const clamp = (n: number) => Math.min(last, Math.max(0, n));
	switch (command) {
		case 'move.down': return clamp(offset + 1);
		case 'move.up': return clamp(offset - 1);
		case 'move.page-down': return clamp(offset + height);
		case 'move.page-up': return clamp(offset - height);
		case 'move.top': return 0;
		case 'move.bottom': return last;
		default: return offset;
	}
}

export function useScroll(): [number, (command: Command | undefined, length: number, height: number) => boolean, () => void] {
	const [offset, setOffset] = useState(0);
	const apply = (command: Command | undefined, length: number, height: number) => {
		const next = scrollBy(command, offset, length, height);
		if (next === offset) return command?.startsWith('move.') ?? false;
		setOffset(next);
		return true;
	};

	return [offset, apply, () => setOffset(0)];
}

export type ScrollTextProps = {
	/** Already safe text (sanitised by the caller). */
	lines: readonly string[];
	offset: number;
	height: number;
};

export function ScrollText({lines, offset, height}: ScrollTextProps) {
	const shown = lines.slice(offset, offset + Math.max(0, height));
	return (
		<Box flexDirection="column">
			{shown.map((line, i) => (
				// Keyed by position: lines have no identity but their position
				<Text key={offset + i} wrap="truncate">{line === '' ? ' ' : line}</Text>
			))}
		</Box>
	);
}
