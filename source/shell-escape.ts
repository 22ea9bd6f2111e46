// The way out of a handed-over session that never goes to the peer: Ctrl-]
// (telnet's escape) at any time, or `~.` at the start of a line (ssh's). A
// shell whose stream never ends, or a program that swallows Ctrl-C, can
// always be left this way. `~~` at the start of a line sends one `~`.

/** Shown when the terminal is handed over. */
export const ESCAPE_HINT = 'Ctrl-] (or Enter ~ .) leaves it at any time';

const ctrlBracket = 0x1d;
const tilde = 0x7e;
const dot = 0x2e;

export type EscapeFilter = {
	/** The bytes to send to the peer; calls onEscape (once) and drops the rest when the escape is typed. */
	push(chunk: Buffer | string): Buffer;
	readonly escaped: boolean;
};

export function createEscapeFilter(onEscape: () => void): EscapeFilter {
	let lineStart = true;
	let heldTilde = false;
	let escaped = false;
	return {
		get escaped() {
			return escaped;
		},
		push(chunk) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			if (escaped) return Buffer.alloc(0);
			const out: number[] = [];
			for (const byte of bytes) {
				if (heldTilde) {
					heldTilde = false;
					if (byte === dot) {
						escaped = true;
						break;
					}

					out.push(tilde);
					if (byte === tilde) {
						lineStart = false;
						continue;
					}
				}

				if (byte === ctrlBracket) {
					escaped = true;
					break;
				}

				if (lineStart && byte === tilde) {
					heldTilde = true;
					continue;
				}

				out.push(byte);
				lineStart = byte === 0x0d || byte === 0x0a;
			}

			if (escaped) onEscape();
			return Buffer.from(out);
		},
	};
}
