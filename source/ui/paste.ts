// Bracketed paste (xterm's mode 2004): the terminal wraps pasted text in
// ESC[200~ … ESC[201~, so a paste can never be taken for typed keys. ink 6.8
// does not know the markers: its tokenizer hands each one over as its own
// event, and useInput turns ESC[200~ into the plain text "[200~" (whose "2"
// would switch panes). So the dispatcher watches ink's raw events, before
// useInput parses them, with this tracker.

/** What the terminal sends before pasted text. */
export const PASTE_START = '\u001B[200~';
/** What the terminal sends after pasted text. */
export const PASTE_END = '\u001B[201~';
/** Longest paste kept, in code units; the rest is dropped (a field never needs more). */
export const PASTE_LIMIT = 4096;
/**
 * A paste whose end marker never comes (a terminal bug, a cut connection)
 * ends after this long without input, so the keyboard is never held forever.
 */
export const PASTE_IDLE_MS = 1000;

// Escape sequences (CSI, SS3, OSC/DCS/PM/APC strings, two-byte ESC x), then every C0/C1 control,
// DEL and the invisible or reordering characters the sanitiser refuses.
const sequences = /\u001B\[[0-?]*[ -/]*[@-~]?|\u001BO.?|\u001B[\]P^_][\s\S]*?(?:\u0007|\u001B\\|$)|\u001B[\s\S]?/g;
const controls = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Pasted text as a field may hold it: one line, no escape sequences, no control characters. */
export function cleanPaste(text: string): string {
	return text.replace(sequences, '').replace(controls, '').slice(0, PASTE_LIMIT);
}

/** True when `event` could still grow into a paste marker (ink may split one across reads). */
function markerPrefix(event: string): boolean {
	return event.length < PASTE_START.length && (PASTE_START.startsWith(event) || PASTE_END.startsWith(event));
}

export type PasteTracker = {
	/**
	 * One raw ink input event. True: it belongs to a paste (or is a marker) and
	 * must not run as a key.
	 */
	take(event: string): boolean;
	/** Ends a paste left open (its end marker lost) and delivers what it held. */
	flush(): void;
	readonly pasting: boolean;
};

/** Collects pasted text between the markers, across reads; `onPaste` gets the raw text of each paste. */
export function createPasteTracker(onPaste: (raw: string) => void): PasteTracker {
	let pasting = false;
	let buffer = '';
	// A marker prefix held back from the last event ("\u001B[20" then "0~").
	let partial = '';
	const end = () => {
		pasting = false;
		const raw = buffer;
		buffer = '';
		onPaste(raw);
	};

	return {
		get pasting() {
			return pasting;
		},
		take(event) {
			const text = partial + event;
			if (partial !== '' && !text.startsWith(PASTE_START) && !text.startsWith(PASTE_END) && !markerPrefix(text)) {
				// Not a marker after all: while pasting it is pasted text; outside, the held prefix (a split
				// escape sequence ink flushed on its own) is dropped, as no key starts that way.
				partial = '';
				if (pasting) buffer += text;
				return pasting;
			}

			partial = '';
			if (text.startsWith(PASTE_START)) {
				if (pasting) end();
				pasting = true;
				buffer = text.slice(PASTE_START.length);
				return true;
			}

			if (text.startsWith(PASTE_END)) {
				// A stray end marker (its start was lost) is swallowed too.
				if (pasting) end();
				return true;
			}

			if (text.startsWith('\u001B[2') && markerPrefix(text)) {
				partial = text;
				return true;
			}

			if (pasting) {
				if (buffer.length < PASTE_LIMIT * 4) buffer += text;
				return true;
			}

			return false;
		},
		flush() {
			partial = '';
			if (pasting) end();
		},
	};
}
