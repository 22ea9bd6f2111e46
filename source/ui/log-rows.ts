// Log lines → screen rows for the logs view: only the lines that fit are
// sanitised and measured (a 10 000-line buffer costs nothing per frame), and
// wrapping is done here, by width, so the row count is exact (ink's word
// wrap could make a line taller than counted and push the footer off).
import {cellWidth, fitCell, sanitize} from '../format/sanitize.js';
import {segmentGraphemes} from '../format/segmenter.js';
import type {LogLine} from '../wire/log-parse.js';

export type LogRow = {
	/** Index of the log line this row belongs to. */
	line: number;
	text: string;
	stream: LogLine['stream'];
	/** Which row of its line (0 = the first, where the timestamp goes). */
	piece: number;
};

const narrow = /^[\x20-\x7e]*$/;

/** Cuts safe text into pieces at most `width` columns wide. */
export function splitByWidth(text: string, width: number): string[] {
	const w = Math.max(1, width);
	if (text === '') return [''];
	if (narrow.test(text)) {
		const rows: string[] = [];
		for (let i = 0; i < text.length; i += w) rows.push(text.slice(i, i + w));
		return rows;
	}

	const rows: string[] = [];
	let row = '';
	let used = 0;
	for (const {segment} of segmentGraphemes(text)) {
		const cw = cellWidth(segment);
		if (used + cw > w && row !== '') {
			rows.push(row);
			row = '';
			used = 0;
		}

		row += segment;
		used += cw;
	}

	rows.push(row);
	return rows;
}

/** The text of a line as shown: sanitised, tabs as spaces, optionally after its timestamp. */
export function lineText(line: LogLine, timestamps: boolean): string {
	const text = sanitize(line.text, {tabs: 4});
	return timestamps && line.time ? `${sanitize(line.time)} ${text}` : text;
}

/**
 * The rows that fill `height` with line `bottom` at the bottom (walking up
 * from it, so only visible lines are touched). Without wrap each line is one
 * row, cut here to the width: ink's own truncation (cli-truncate) can leave a
 * row one column too wide when a wide character (CJK, emoji) meets the edge,
 * and the terminal then wraps it and shifts the screen.
 */
export function visibleRows(lines: readonly LogLine[], bottom: number, height: number, width: number, options: {wrap: boolean; timestamps: boolean}): LogRow[] {
	const rows: LogRow[] = [];
	for (let i = Math.min(bottom, lines.length - 1); i >= 0 && rows.length < height; i--) {
		const text = lineText(lines[i], options.timestamps);
		const pieces = options.wrap ? splitByWidth(text, width) : [cellWidth(text) > width ? fitCell(text, width) : text];
		const lineRows = pieces.map((piece, k) => ({line: i, text: piece, stream: lines[i].stream, piece: k}));
		rows.unshift(...lineRows);
	}

	// Near the top of the log (after g, PgUp or a search jump) the window starts at line 0 and
	// is filled with the lines below the bottom one, so the screen is never half empty.
	for (let i = Math.min(bottom, lines.length - 1) + 1; i < lines.length && rows.length < height; i++) {
		const text = lineText(lines[i], options.timestamps);
		const pieces = options.wrap ? splitByWidth(text, width) : [cellWidth(text) > width ? fitCell(text, width) : text];
		rows.push(...pieces.slice(0, height - rows.length).map((piece, k) => ({line: i, text: piece, stream: lines[i].stream, piece: k})));
	}

	// A tall wrapped line at the top shows its end, as a terminal scrolled to the bottom would.
	return rows.length > height ? rows.slice(rows.length - height) : rows;
}

/** Pieces of a row with the (case-insensitive) query marked, for highlighting. */
export function markMatches(text: string, query: string): Array<{text: string; match: boolean}> {
	if (query === '') return [{text, match: false}];
	const needle = sanitize(query).toLowerCase();
	const hay = text.toLowerCase();
	const parts: Array<{text: string; match: boolean}> = [];
	let from = 0;
	for (let at = hay.indexOf(needle); at !== -1 && needle !== ''; at = hay.indexOf(needle, from)) {
		if (at > from) parts.push({text: text.slice(from, at), match: false});
		parts.push({text: text.slice(at, at + needle.length), match: true});
		from = at + needle.length;
	}

	if (from < text.length || parts.length === 0) parts.push({text: text.slice(from), match: false});
	return parts;
}
