// The display half of the logs view: follow/pause, scroll position, stream
// filter, timestamps, wrap, search, the tail/since prompts. Pure; the data
// comes from use-logs.ts, the keys' meanings from logs-view-keys.ts.
import type {LogLine} from '../wire/log-parse.js';
import type {StreamFilter} from '../wire/log-reader.js';

export type LogsViewState = {
	/** Frozen: new lines are counted but the screen does not move. */
	paused: boolean;
	/** Lines received when paused; what the paused screen shows. */
	frozenAt: number;
	/** Index (in the shown, filtered list) of the bottom line; null = the end. */
	bottom: number | null;
	timestamps: boolean;
	stream: StreamFilter;
	wrap: boolean;
	/** The prompt that has the keyboard: `/` search, `T` tail lines, `S` since; null when none. */
	prompt: LogsPrompt | null;
	/** The prompt's text so far. */
	draft: string;
	query: string;
	/** A short sentence (e.g. "no match for x"), cleared by the next key. */
	message: string;
};

export type LogsPrompt = 'search' | 'tail' | 'since';

export type LogsViewAction =
	| {type: 'toggle-pause'; received: number}
	| {type: 'toggle-timestamps'}
	| {type: 'cycle-stream'}
	| {type: 'toggle-wrap'}
	/** `height`: rows on screen; the bottom line is never above it (the window starts at line 0). */
	| {type: 'scroll'; by: number; shown: number; received: number; height?: number}
	| {type: 'top'; received: number}
	| {type: 'end'}
	| {type: 'jump'; to: number; received: number}
	/** Opens a prompt; `draft` starts it with text (the value in use, for tail/since). */
	| {type: 'prompt-start'; prompt: LogsPrompt; draft?: string}
	| {type: 'prompt-type'; text: string}
	| {type: 'prompt-delete'}
	/** Esc: the search prompt also clears the kept query; tail/since just close. */
	| {type: 'prompt-cancel'}
	/** A tail/since prompt is done (its value went to the logs' options), with a sentence when it was refused. */
	| {type: 'prompt-close'; message?: string}
	/** Keep the typed query and jump to the nearest match at or above the bottom line. */
	| {type: 'search-keep'; lines: readonly LogLine[]; received: number}
	| {type: 'find'; dir: 1 | -1; lines: readonly LogLine[]; received: number}
	| {type: 'message'; text: string};

export const initialLogsView: LogsViewState = {
	paused: false, frozenAt: 0, bottom: null, timestamps: false, stream: 'both', wrap: false,
	prompt: null, draft: '', query: '', message: '',
};

const streams: StreamFilter[] = ['both', 'stdout', 'stderr'];
const pause = (state: LogsViewState, received: number) => (state.paused ? state : {...state, paused: true, frozenAt: received});

export function logsViewReducer(state: LogsViewState, action: LogsViewAction): LogsViewState {
	const s = state.message && action.type !== 'message' ? {...state, message: ''} : state;
	switch (action.type) {
		case 'toggle-pause': {
			return s.paused ? {...s, paused: false, bottom: null} : pause(s, action.received);
		}

		case 'toggle-timestamps': {
			return {...s, timestamps: !s.timestamps};
		}

		case 'cycle-stream': {
			return {...s, stream: streams[(streams.indexOf(s.stream) + 1) % streams.length], bottom: null};
		}

		case 'toggle-wrap': {
			return {...s, wrap: !s.wrap};
		}

		case 'scroll': {
			const last = action.shown - 1;
			// After g the bottom line is 0 while the screen shows 0…height-1: move from what is shown.
			const from = Math.max(s.bottom ?? last, Math.min(last, (action.height ?? 1) - 1));
			const to = Math.min(last, Math.max(0, from + action.by));
			// Scrolling up freezes the screen (like less +F); scrolling back to the end of a paused log stays paused.
			if (action.by < 0) return {...pause(s, action.received), bottom: to};
			return {...s, bottom: s.paused ? to : to >= last ? null : to};
		}

		case 'top': {
			return {...pause(s, action.received), bottom: 0};
		}

		case 'end': {
			return {...s, paused: false, bottom: null};
		}

		case 'jump': {
			return {...pause(s, action.received), bottom: action.to};
		}

		case 'prompt-start': {
			return {...s, prompt: action.prompt, draft: action.draft ?? ''};
		}

		case 'prompt-type': {
			return {...s, draft: s.draft + action.text};
		}

		case 'prompt-delete': {
			return {...s, draft: [...s.draft].slice(0, -1).join('')};
		}

		case 'prompt-cancel': {
			return s.prompt === 'search' ? {...s, prompt: null, draft: '', query: ''} : {...s, prompt: null, draft: ''};
		}

		case 'prompt-close': {
			return {...s, prompt: null, draft: '', message: action.message ?? ''};
		}

		case 'search-keep': {
			const kept = {...s, prompt: null, query: s.draft};
			if (kept.query === '') return kept;
			const from = (s.bottom ?? action.lines.length - 1) + 1;
			return goToMatch(kept, findMatch(action.lines, kept.query, from, -1), action.received);
		}

		case 'find': {
			if (s.query === '') return {...s, message: 'no search: press /'};
			const from = s.bottom ?? action.lines.length - 1;
			return goToMatch(s, findMatch(action.lines, s.query, from, action.dir), action.received);
		}

		case 'message': {
			return {...s, message: action.text};
		}
	}
}

function goToMatch(state: LogsViewState, at: number, received: number): LogsViewState {
	if (at === -1) return {...state, message: `no match for ${state.query}`};
	return {...pause(state, received), bottom: at};
}

/** The lines the view shows: frozen when paused, filtered by stream. */
export function shownLines(lines: readonly LogLine[], state: Pick<LogsViewState, 'paused' | 'frozenAt' | 'stream'>): LogLine[] {
	const upTo = state.paused ? lines.slice(0, state.frozenAt) : lines;
	if (state.stream === 'both') return upTo as LogLine[];
	return upTo.filter(l => l.stream === state.stream || l.stream === 'raw');
}

/** "match k of n" for the search: n lines contain the query, the line at `at` is the k-th (0 when it is not one). */
export function matchPosition(lines: readonly LogLine[], query: string, at: number): {k: number; n: number} {
	if (query === '') return {k: 0, n: 0};
	const needle = query.toLowerCase();
	let n = 0;
	let k = 0;
	for (const [i, line] of lines.entries()) {
		if (!line.text.toLowerCase().includes(needle)) continue;
		n++;
		if (i === at) k = n;
	}

	return {k, n};
}

/** Index of the next (dir 1) or previous (dir -1) line containing query, wrapping around; -1 when none. */
export function findMatch(lines: readonly LogLine[], query: string, from: number, dir: 1 | -1): number {
	if (query === '' || lines.length === 0) return -1;
	const needle = query.toLowerCase();
	for (let step = 1; step <= lines.length; step++) {
		const i = (((from + dir * step) % lines.length) + lines.length) % lines.length;
		if (lines[i].text.toLowerCase().includes(needle)) return i;
	}

	return -1;
}
