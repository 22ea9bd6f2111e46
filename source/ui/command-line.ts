// The `:` command line (k9s / vim habit): what a typed line means. Pure, so
// the keys handler only dispatches the result.
//
//   :q  :quit                      quit
//   :pods :containers :images      switch pane (k9s aliases po, co/ps, img)
//   :events                        the events pane
//   :health :trace                 what is wrong on the node; every CRI call made
//   :exec ID CMD…                  run CMD once in container ID (crictl exec)
//   :exec CMD…                     the same on the selected container
//
// The words after :exec are split like a shell's (format/shell-words.ts), and
// the exec view gets them back shell-quoted, so `sh -c "echo a; id"` stays
// three words.
//
// `:exec CMD` without an ID: the first word is taken as an ID only when it is
// 4+ lowercase hex digits (crictl's unique-prefix IDs); anything else (`ls`,
// `cat`) is the command, run on the container selected in the containers
// pane. So `:exec df -h` runs df on the selected container, never on a
// container whose ID happens to start with "df".
import {shellQuote} from '../format/crictl.js';
import {splitShellWords} from '../format/shell-words.js';
import type {Pane, Target, UiAction} from '../state/ui-state.js';

export type CommandLineResult =
	| {kind: 'none'}
	| {kind: 'quit'}
	| {kind: 'pane'; pane: Pane}
	| {kind: 'view'; name: 'health' | 'trace'}
	/** `arg` is "ID CMD…" as the exec view parses it; `target` is set when the selected container was used. */
	| {kind: 'exec'; arg: string; target?: Target}
	| {kind: 'error'; message: string};

const paneAliases: Record<string, Pane> = {
	pods: 'pods', pod: 'pods', po: 'pods',
	containers: 'containers', container: 'containers', co: 'containers', ps: 'containers',
	images: 'images', image: 'images', img: 'images',
	events: 'events', event: 'events', ev: 'events',
};

/** Commands listed in the "unknown command" sentence. */
export const commandLineHelp = ':pods :containers :images :events :health :trace :exec [ID] CMD… :q';

const idLike = /^[\da-f]{4,64}$/;

/**
 * What a command line means. `selected` is the row under the cursor (only a
 * container is used, for `:exec CMD`).
 */
export function parseCommandLine(text: string, selected?: Target): CommandLineResult {
	const line = text.trim().replace(/^:+/, '');
	if (line === '') return {kind: 'none'};
	const [word] = line.split(/\s+/, 1);
	const name = word.toLowerCase();
	if (name === 'q' || name === 'q!' || name === 'quit' || name === 'qa') return {kind: 'quit'};
	if (name === 'health' || name === 'pulse' || name === 'trace') return {kind: 'view', name: name === 'trace' ? 'trace' : 'health'};
	const pane = paneAliases[name];
	if (pane) return {kind: 'pane', pane};
	if (name === 'exec') {
		const split = splitShellWords(line.slice(word.length));
		return 'error' in split ? {kind: 'error', message: split.error} : execOf(split.words, selected);
	}

	return {kind: 'error', message: `unknown command :${word} — try ${commandLineHelp}`};
}

function execOf(words: string[], selected?: Target): CommandLineResult {
	if (words.length === 0) return {kind: 'error', message: 'usage: :exec [CONTAINER-ID] COMMAND [ARG…]'};
	if (idLike.test(words[0])) {
		if (words.length < 2) return {kind: 'error', message: `usage: :exec ${words[0]} COMMAND [ARG…]`};
		return {kind: 'exec', arg: words.map(shellQuote).join(' ')};
	}

	if (selected?.kind !== 'container') {
		return {kind: 'error', message: ':exec CMD runs in the selected container: select one in the containers pane (2), or give its ID: :exec ID CMD'};
	}

	return {kind: 'exec', arg: [selected.id, ...words].map(shellQuote).join(' '), target: selected};
}

/** What running a result does: a UI action, quitting, or a sentence for the footer; null for an empty line. */
export function commandLineEffect(result: CommandLineResult): {action?: UiAction; quit?: true; message?: string} | null {
	switch (result.kind) {
		case 'quit': {
			return {quit: true};
		}

		case 'pane': {
			return {action: {type: 'set-pane', pane: result.pane}};
		}

		case 'view': {
			return {action: {type: 'open-view', view: {name: result.name}}};
		}

		case 'exec': {
			return {action: {type: 'open-view', view: {name: 'exec', arg: result.arg, target: result.target}}};
		}

		case 'error': {
			return {message: result.message};
		}

		case 'none': {
			return null;
		}
	}
}
