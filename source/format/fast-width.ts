// string-width (8.x) with a fast path for simple text (SGR styles between allowed): printable ASCII plus the non-ASCII code
// points a dashboard draws most (Latin, Greek, Cyrillic letters, punctuation such as – … •, arrows
// such as the ↓ sort mark, box drawing, the ▁▂▃ sparkline blocks, the ✓ ✗ of the header). Each is one column and never
// joins its neighbours into one grapheme, so a string of only these is as wide as it is long.
// Anything else (a mark, an emoji, CJK, an escape, options) goes to string-width itself. Its
// first non-ASCII call builds an Intl.Segmenter and compiles Unicode-property regexes (35-115 ms
// at start-up here); a screen of simple text never needs them. test/format/fast-width.test.ts
// checks every code point of the fast set against string-width.
import stringWidth from 'string-width';

/** Inclusive UTF-16 code unit ranges of one-column, never-joining code points (verified by test). */
export const simpleRanges: ReadonlyArray<readonly [number, number]> = [
	[0x20, 0x7E], [0xA0, 0xAC], [0xAE, 0x2FF], [0x370, 0x377], [0x37A, 0x37F], [0x384, 0x38A], [0x38C, 0x38C], [0x38E, 0x3A1], [0x3A3, 0x3FF],
	[0x400, 0x482], [0x48A, 0x4FF], [0x2010, 0x2027], [0x2030, 0x205E], [0x20A0, 0x20C0], [0x2100, 0x22FF],
	[0x2460, 0x24FF], [0x2500, 0x25FC], [0x2713, 0x2713], [0x2715, 0x2715], [0x2717, 0x2718],
];

const simple = new Uint8Array(0x2800);
for (const [from, to] of simpleRanges) simple.fill(1, from, to + 1);

/** Whether a UTF-16 code unit is one of the simple code points (one column, its own grapheme). */
export function isSimpleCode(code: number): boolean {
	return code < 0x2800 && simple[code] === 1;
}

type Options = Parameters<typeof stringWidth>[1];

/**
 * The end of the SGR sequence (ESC [ parameter bytes m) at `i`, or -1: string-width strips it
 * whole (ansi-regex's CSI), so it has no width.
 */
function sgrEnd(input: string, i: number): number {
	if (input.charCodeAt(i + 1) !== 0x5B) return -1;
	let j = i + 2;
	while (j < input.length && input.charCodeAt(j) >= 0x30 && input.charCodeAt(j) <= 0x3F) j++;
	return input.charCodeAt(j) === 0x6D ? j + 1 : -1;
}

/**
 * string-width's answer; computed without it for strings of simple code points and SGR styles
 * (ink measures styled text), with the default options.
 */
export default function fastStringWidth(input: string, options?: Options): number {
	if (typeof input === 'string' && (options === undefined || options.ambiguousIsNarrow !== false)) {
		let width = 0;
		let i = 0;
		while (i < input.length) {
			const code = input.charCodeAt(i);
			if (code === 0x1B) {
				const end = sgrEnd(input, i);
				if (end === -1) break;
				i = end;
				continue;
			}
			if (code >= 0x2800 || simple[code] === 0) break;
			width++;
			i++;
		}
		if (i === input.length) return width;
	}
	return stringWidth(input, options);
}
