// Grapheme_Cluster_Break=Prepend letters (e.g. U+111C2, U+11A84) join the NEXT character, so a
// padding space after one becomes part of its grapheme: string-width then counts the cell one
// short while terminals (one code point at a time) count it right. The two measures disagree, not
// the table (docs/reliability.md), so width properties leave these letters out to mean one thing.
// Which letters are Prepend is asked of Intl.Segmenter (what string-width segments with), not
// listed by hand: Unicode 16 added U+113D1, which a hand list missed.
const segmenter = new Intl.Segmenter();
const prepend = new Map<string, boolean>();

/** Whether `ch` (one code point) joins the character after it into one grapheme. */
export function isPrepend(ch: string): boolean {
	let joins = prepend.get(ch);
	if (joins === undefined) {
		joins = [...segmenter.segment(`${ch}a`)].length === 1;
		prepend.set(ch, joins);
	}
	return joins;
}

/** `text` without its Prepend letters (no Prepend letter is below U+0600). */
export const withoutPrepend = (text: string): string => (/^[\x00-\u05ff]*$/.test(text) ? text : [...text].filter(ch => !isPrepend(ch)).join(''));
