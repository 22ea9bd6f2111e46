// The words of a typed command, split as a POSIX shell would (quotes,
// backslash escapes) by shell-quote's parser, for `:exec`. There is no shell
// behind ExecSync, so what a shell would do beyond splitting is refused with a
// sentence (`;`, `|`, `&&`, redirections, comments) or kept literally: `$VAR`
// stays `$VAR` and `*` stays `*` (the container's own `sh -c` expands them).
import {parse} from 'shell-quote';

export type ShellWords = {words: string[]} | {error: string};

/** Splits `text` into words; an operator outside quotes is an error sentence. */
export function splitShellWords(text: string): ShellWords {
	let tokens: ReturnType<typeof parse>;
	try {
		tokens = parse(text, (name: string) => `$${name}`);
	} catch (error) {
		return {error: `cannot split the command: ${error instanceof Error ? error.message : String(error)}`};
	}

	const words: string[] = [];
	for (const token of tokens) {
		if (typeof token === 'string') {
			words.push(token);
			continue;
		}

		const {op, pattern, comment} = token as {op?: string; pattern?: string; comment?: string};
		if (op === 'glob' && pattern !== undefined) words.push(pattern);
		else {
			const what = comment === undefined ? op : '#';
			return {error: `:exec runs one program without a shell, so \`${what}\` is not allowed outside quotes; for a shell write :exec sh -c '…'`};
		}
	}

	return {words};
}
