// What each key of the logs view does, as a table: keymap command → the
// action it dispatches. The keys themselves live in keymap.ts (context 'logs',
// and 'filter' while a prompt has the keyboard); the view looks a key up
// there and here, and does what comes back.
import type {LogLine} from '../wire/log-parse.js';
import {sinceForms, sinceTimeMs, tailCount} from '../wire/log-options.js';
import type {Command} from './keymap.js';
import type {LogsViewAction, LogsViewState} from './logs-view-state.js';

/** How the logs are read (crictl logs' --tail and --since); the view's data follows them. */
export type LogOptions = {
	/** Lines from the end; -1 is every line (up to what the view keeps). */
	tail: number;
	/** crictl's --since text (`5m`, an RFC 3339 time); '' for none. */
	since: string;
};

/** crictl logs as the dashboard opens it unless told otherwise (--tail, --since): the last 200 lines. */
export const defaultLogOptions: LogOptions = {tail: 200, since: ''};

/** The options' --since as ms since the epoch (a duration counts back from `now`); undefined for none. */
export function sinceMsOf(options: LogOptions, now: number): number | undefined {
	return options.since ? sinceTimeMs(options.since, now) : undefined;
}

/** What the view knows at the moment of a key. */
export type LogsKeyAt = {
	/** The key's text (for prompts). */
	input: string;
	/** The lines shown (after pause and stream filter). */
	lines: readonly LogLine[];
	/** Lines received so far. */
	received: number;
	/** Log rows on screen: a page. */
	height: number;
	/** The options in use (the prompts start with them). */
	options: LogOptions;
	now: number;
};

/** A display change, leaving the view, or reading the log again with other options. */
export type LogsKeyEffect = LogsViewAction | {type: 'back'} | {type: 'log-options'; options: LogOptions};

type Entry = (at: LogsKeyAt, state: LogsViewState) => LogsKeyEffect;

const scroll = (by: (at: LogsKeyAt) => number): Entry => at => ({type: 'scroll', by: by(at), shown: at.lines.length, received: at.received, height: at.height});

/** The most lines the view keeps (use-logs' maxLines): a larger tail could not be shown. */
export const maxTail = 10_000;

/** The keys of the view (context 'logs'). */
export const logsKeys: Partial<Record<Command, Entry>> = {
	'logs.pause': at => ({type: 'toggle-pause', received: at.received}),
	'logs.timestamps': () => ({type: 'toggle-timestamps'}),
	'logs.stream': () => ({type: 'cycle-stream'}),
	'logs.wrap': () => ({type: 'toggle-wrap'}),
	'logs.search': () => ({type: 'prompt-start', prompt: 'search'}),
	'logs.tail': at => ({type: 'prompt-start', prompt: 'tail', draft: String(at.options.tail)}),
	'logs.since': at => ({type: 'prompt-start', prompt: 'since', draft: at.options.since}),
	'logs.next-match': at => ({type: 'find', dir: 1, lines: at.lines, received: at.received}),
	'logs.prev-match': at => ({type: 'find', dir: -1, lines: at.lines, received: at.received}),
	'move.down': scroll(() => 1),
	'move.up': scroll(() => -1),
	'move.page-down': scroll(at => at.height),
	'move.page-up': scroll(at => -at.height),
	'move.top': at => ({type: 'top', received: at.received}),
	'move.bottom': () => ({type: 'end'}),
	'app.back': () => ({type: 'back'}),
};

/** The keys while a prompt (search, tail, since) has the keyboard (context 'filter'). */
export const logsPromptKeys: Partial<Record<Command, Entry>> = {
	'filter.keep': (at, state) => (state.prompt === 'search' ? {type: 'search-keep', lines: at.lines, received: at.received} : promptValue(state, at)),
	'filter.clear': () => ({type: 'prompt-cancel'}),
	'filter.delete': () => ({type: 'prompt-delete'}),
	'filter.type': at => ({type: 'prompt-type', text: at.input.replace(/[\r\n]/g, '')}),
};

/** Enter in the tail or since prompt: the new options, or the sentence saying why not. */
function promptValue(state: LogsViewState, at: LogsKeyAt): LogsKeyEffect {
	const text = state.draft.trim();
	if (state.prompt === 'tail') {
		const tail = tailCount(text);
		if (tail === undefined || tail > maxTail) {
			return {type: 'prompt-close', message: `tail ${JSON.stringify(text)}: give a number of lines from 0 to ${maxTail}, or -1 for all`};
		}

		return {type: 'log-options', options: {...at.options, tail}};
	}

	if (text !== '' && sinceTimeMs(text, at.now) === undefined) {
		return {type: 'prompt-close', message: `since ${JSON.stringify(text)}: give ${sinceForms}, or nothing for all`};
	}

	return {type: 'log-options', options: {...at.options, since: text}};
}

/** What a key does in the logs view, or undefined when it means nothing there. */
export function logsKeyEffect(command: Command | undefined, at: LogsKeyAt, state: LogsViewState): LogsKeyEffect | undefined {
	if (!command) return undefined;
	const table = state.prompt ? logsPromptKeys : logsKeys;
	return table[command]?.(at, state);
}
