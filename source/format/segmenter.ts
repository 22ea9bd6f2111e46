// One Intl.Segmenter (graphemes) for the project's own code, built on first use: the first
// segmenter of a process loads ICU data (~21 CPU-ms here), and a print or a screen of simple text
// never segments (scripts/start-up-patches.mjs does the same for the dependencies).
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text`, as Intl.Segmenter's default (grapheme) granularity gives them. */
export function segmentGraphemes(text: string): Intl.Segments {
	segmenter ??= new Intl.Segmenter();
	return segmenter.segment(text);
}
