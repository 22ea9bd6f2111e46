// THE sanitiser for every runtime-supplied string put on screen. Pod names,
// labels, image names and log lines come from whoever started the container;
// a raw ESC there could clear the screen, retitle the window, write the
// clipboard (OSC 52) or fake a hyperlink (OSC 8). Nothing leaves here that a
// terminal would interpret.
//
// Visible form chosen: C-style escapes, ASCII only, so their width is known:
//   \t \n \r       for tab, line feed, carriage return (tab: see `tabs`)
//   \xHH           for every other C0 control, DEL and C1 (U+0080–U+009F)
//   \uHHHH         for bidi controls, line/paragraph separators and the soft
//                  hyphen (string-width counts it 0 columns, most terminals 1)
// Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, invisible
// operators) are removed: they are invisible by definition, and terminals
// disagree on the width of ZWJ emoji sequences, so keeping them breaks columns.
// An emoji skin-tone modifier that follows no emoji it could modify is shown as
// \u{1f3fb}: alone it joins the character before it (a padding space, a
// letter) into one grapheme that string-width and terminals measure differently.
// Invalid UTF-8 (Buffers) and lone surrogates (strings) become U+FFFD.
// A literal backslash is left as is, which keeps sanitize() idempotent.

import stringWidth from './fast-width.js';
import {segmentGraphemes} from './segmenter.js';

export type SanitizeOptions = {
	/**
	 * Longest output, in code points; longer text is cut and ends in `…`.
	 * @default 4096
	 */
	max?: number;
	/**
	 * Render each tab as this many spaces instead of `\t`.
	 * @default undefined (tabs shown as `\t`)
	 */
	tabs?: number;
};

export const DEFAULT_SANITIZE_MAX = 4096;
export const ELLIPSIS = '…';

// Printable ASCII only: nothing to do (the common case, every frame).
const plainAscii = /^[\x20-\x7e]*$/;

// Everything that must change. The two surrogate alternatives catch lone halves.
const unsafe =
	/[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const loneModifier = /(?<!\p{Emoji_Modifier_Base})\p{Emoji_Modifier}/gu;

const removed = /^[\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff]$/;

const decoder = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true});

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

function visible(ch: string, tabs: string | undefined): string {
	const code = ch.charCodeAt(0);
	if (code === 0x09) return tabs ?? '\\t';
	if (code === 0x0a) return '\\n';
	if (code === 0x0d) return '\\r';
	if (code <= 0x9f) return `\\x${hex(code, 2)}`;
	if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
	if (removed.test(ch)) return '';
	return `\\u${hex(code, 4)}`;
}

/**
 * Make a runtime-supplied string safe to print: see the file comment for what
 * changes and how. Idempotent: `sanitize(sanitize(s)) === sanitize(s)`.
 */
export function sanitize(input: string | Uint8Array, options: SanitizeOptions = {}): string {
	const max = Math.max(1, options.max ?? DEFAULT_SANITIZE_MAX);
	let s = typeof input === 'string' ? input : decoder.decode(input);
	if (s.length <= max && plainAscii.test(s)) return s;

	// Bound the work on huge input. Escapes only grow the text, but removed
	// zero-width characters shrink it, so keep a margin; a string that is mostly
	// invisible characters is hostile and may be cut a little early.
	const inputCap = max * 4 + 16;
	let cutInput = false;
	if (s.length > inputCap) {
		let end = inputCap;
		const last = s.charCodeAt(end - 1);
		if (last >= 0xd800 && last <= 0xdbff) end--;
		s = s.slice(0, end);
		cutInput = true;
	}

	const tabs = options.tabs === undefined ? undefined : ' '.repeat(Math.max(0, options.tabs));
	const out = s.replace(unsafe, ch => visible(ch, tabs)).replace(loneModifier, ch => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
	if (!cutInput && out.length <= max) return out;
	return capCodePoints(out, max, cutInput);
}

// Keep at most `max` code points, the last being `…` when anything was cut.
function capCodePoints(s: string, max: number, alreadyCut: boolean): string {
	let count = 0;
	let cutAt = 0;
	for (let i = 0; i < s.length; count++) {
		if (count === max - 1) cutAt = i;
		if (count === max) return s.slice(0, cutAt) + ELLIPSIS;
		const c = s.charCodeAt(i);
		i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
	}
	if (!alreadyCut) return s;
	return count < max ? s + ELLIPSIS : s.slice(0, cutAt) + ELLIPSIS;
}

const widthOptions = {ambiguousIsNarrow: true, countAnsiEscapeCodes: true} as const;

// Latin-1 and Latin Extended (no soft hyphen, no combining marks): one column
// per code unit, so grapheme segmentation can be skipped.
const narrowOnly = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff]*$/;

// Code points that can join their neighbours into one grapheme of a different
// width (marks, emoji, ZWJ and other ignorables, jamo, prepend letters, tags).
// Text without any of them is measured per code point with a cache, which is
// about 20x faster than segmenting (CJK names in every frame).
const joining =
	/[\p{M}\p{Cf}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\p{Default_Ignorable_Code_Point}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0d4e\u0e33\u0eb3\uff9e\uff9f\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}\u{e0000}-\u{e0fff}]/u;

const codePointWidths = new Map<string, number>();

function charWidth(ch: string): number {
	let w = codePointWidths.get(ch);
	if (w === undefined) {
		w = stringWidth(ch, widthOptions);
		if (codePointWidths.size < 65_536) codePointWidths.set(ch, w);
	}
	return w;
}

/** Terminal columns a sanitised string takes. */
export function cellWidth(s: string): number {
	if (narrowOnly.test(s)) return s.length;
	if (joining.test(s)) return stringWidth(s, widthOptions);
	let w = 0;
	for (const ch of s) w += charWidth(ch);
	return w;
}

export type Align = 'left' | 'right';

function* graphemes(text: string): Iterable<string> {
	for (const {segment} of segmentGraphemes(text)) yield segment;
}

/**
 * Sanitise `s` and make it take EXACTLY `width` terminal columns: cut with `…`
 * when too long (on a grapheme boundary; a wide character that would straddle
 * the edge becomes a space), padded with spaces otherwise.
 */
export function fitCell(s: string, width: number, align: Align = 'left'): string {
	if (width <= 0) return '';
	const text = sanitize(s, {max: Math.max(width * 4, 64)});
	if (narrowOnly.test(text)) {
		if (text.length > width) return text.slice(0, width - 1) + ELLIPSIS;
		return pad(text, width - text.length, align);
	}

	const total = cellWidth(text);
	if (total <= width) return pad(text, width - total, align);

	// Too wide: keep graphemes while they fit in width-1 columns, then `…`.
	const simple = !joining.test(text);
	const room = width - 1;
	let used = 0;
	let kept = '';
	const pieces: Iterable<string> = simple ? text : graphemes(text);
	for (const segment of pieces) {
		const w = simple ? charWidth(segment) : stringWidth(segment, widthOptions);
		if (used + w > room) {
			if (used < room) kept += ' '.repeat(room - used);
			used = room;
			break;
		}
		kept += segment;
		used += w;
	}
	return kept + ' '.repeat(room - used) + ELLIPSIS;
}

function pad(text: string, spaces: number, align: Align): string {
	if (spaces <= 0) return text;
	const fill = ' '.repeat(spaces);
	return align === 'right' ? fill + text : text + fill;
}
