// THE one subscriber to ink's input. Every key goes to exactly one place: the
// main screen (panes, filter bar, command line) or the view on top of the stack.
// Why one: with a subscriber per view, a key read between a view's first paint
// and its subscription was lost, and a key read while one view closed and
// another opened could reach both. Here a key for a view that has not
// registered its handler yet waits in a queue and is replayed once it has.
// Keys are deliberate (issue 9): pasted text never runs as keys (paste.ts),
// and a question only takes keys read in a later burst than the last key read
// before it was drawn, so "xy" typed ahead or sent at once never says yes.
import {useCallback, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';
import {interruptEffect} from '../state/keymap.js';
import type {UiAction, UiState, View} from '../state/ui-state.js';
import {PASTE_IDLE_MS, cleanPaste, createPasteTracker, type PasteTracker} from './paste.js';
import {useRawInput} from './use-raw-input.js';
import type {KeyHandler, ViewKeyOptions} from './view-keys.js';

/** Keys held at most while a view opens (a paste longer than this is cut). */
const QUEUE_LIMIT = 256;

export type KeyDispatcherOptions = {
	/** The UI state as of the last key (ahead of the last render). */
	uiNow: {readonly current: UiState};
	/** Handles one key of the main screen. */
	mainKey: KeyHandler;
	dispatch: (action: UiAction) => void;
	quit: () => void;
	/** Too small to draw: only q and Ctrl-C work, other keys are dropped. */
	tooSmall: boolean;
	/** The view has a registered component (an unknown one only closes on Esc). */
	known: (view: View) => boolean;
	/** The view asks a question (stop, remove): keys read before it was drawn never answer it. @default none */
	question?: (view: View) => boolean;
};

type Pending = [input: string, key: Key];
/** A key as queued: its burst (keys read together share one), or a whole paste. */
type Queued = {input: string; key: Key; burst: number; paste?: string};

/** The key a paste is handed to a text field as: plain text, no modifier. */
export const textKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

/** The footer note for a paste that went nowhere. */
export function pasteIgnoredNote(raw: string): string {
	const n = [...cleanPaste(raw)].length;
	return `paste ignored (${n} character${n === 1 ? '' : 's'}): pasted text is never taken as keys; paste into / filter, : command line or log search`;
}

/** The footer note for keys a question did not take. */
export function earlyKeysNote(n: number): string {
	return `${n} key${n === 1 ? '' : 's'} typed before the question was shown ignored: answer now`;
}

/** What decides which rows the panes list (not the selection): a change needs a render before the next key. */
function rowsOf(ui: UiState): string {
	return JSON.stringify([ui.pane, ui.filters[ui.pane], ui.sort[ui.pane], ui.showAll, ui.podFilter?.id]);
}

/**
 * ink hands over several keys read together as ONE string ("jj", "x\rn",
 * "/nginx"): split plain text into one key per character, so each is taken
 * as if typed alone.
 */
export function splitChunk(input: string, key: Key): Pending[] {
	if (input.length <= 1 || key.ctrl || key.meta || key.escape) return [[input, key]];
	return [...input].map((ch): Pending => {
		const enter = ch === '\r' || ch === '\n';
		const erase = ch === '\u007F' || ch === '\b';
		const code = ch.codePointAt(0)!;
		// Ctrl-letter read together with other keys ("\u0004y"): the control key it is, not text.
		if (code >= 1 && code <= 26 && !enter && ch !== '\t' && ch !== '\b') {
			return [String.fromCodePoint(code + 96), {...key, ctrl: true, shift: false}];
		}

		return [enter || ch === '\t' || erase ? '' : ch, {
			...key, return: enter, tab: ch === '\t', backspace: ch === '\b', delete: ch === '\u007F', shift: /[A-Z]/.test(ch),
		}];
	});
}

/** Subscribes to ink's input and returns the `register` views use (via ViewKeysContext). */
export function useKeyDispatcher(options: KeyDispatcherOptions): (view: View, handler: KeyHandler, viewOptions?: ViewKeyOptions) => () => void {
	const latest = useRef(options);
	latest.current = options;
	const handlers = useRef(new Map<View, {handler: KeyHandler; textField?: () => boolean}>());
	// Per question: the last burst read before it was drawn; only later bursts answer it.
	const answerAfter = useRef(new WeakMap<View, number>());
	const queue = useRef<Queued[]>([]);
	const scheduled = useRef<NodeJS.Immediate | null>(null);
	const burst = useRef({id: 0, open: false});

	/** The burst of a key read now: events ink emits from one read (one turn of the event loop) share it. */
	const stamp = (): number => {
		if (!burst.current.open) {
			burst.current.id++;
			burst.current.open = true;
			setImmediate(() => {
				burst.current.open = false;
			});
		}

		return burst.current.id;
	};

	const note = (text: string) => latest.current.dispatch({type: 'notice', text});

	// Delivers queued keys in order. Main-screen keys are taken at once (they read
	// uiNow, which each key updates eagerly) unless one changed the rows; a view gets one key per pass, since
	// its handler reads state from its last render: the next key waits for the
	// next pass, run outside ink's batch so that React has rendered in between.
	const pump = useCallback(function pump(): void {
		const {uiNow, mainKey, dispatch, known} = latest.current;
		let viewKeyGiven = false;
		let early = 0;
		while (queue.current.length > 0) {
			const top = uiNow.current.views.at(-1);
			const next = queue.current[0]!;
			if (uiNow.current.notice && next.paste === undefined) dispatch({type: 'clear-notice'});
			if (!top) {
				const before = rowsOf(uiNow.current);
				queue.current.shift();
				if (next.paste === undefined) mainKey(next.input, next.key);
				else pasteOnMain(next.paste);
				// The rows changed (filter, pane, sort): the next key must see them
				// rendered, or "/post⏎x" would stop the row x finds in the old list.
				if (queue.current.length > 0 && rowsOf(uiNow.current) !== before) {
					schedule();
					return;
				}

				continue;
			}

			if (!known(top)) {
				queue.current.shift();
				if (next.key.escape) dispatch({type: 'close-view'});
				continue;
			}

			const entry = handlers.current.get(top);
			// Not mounted yet: its registration pumps again.
			if (!entry) return;
			const after = answerAfter.current.get(top);
			if (after !== undefined && next.burst <= after) {
				// Read before the question was drawn: it never answers it; the question stays open.
				queue.current.shift();
				if (next.paste === undefined) early++;
				else note(pasteIgnoredNote(next.paste));
				continue;
			}

			if (next.paste !== undefined) {
				queue.current.shift();
				const text = cleanPaste(next.paste);
				if (entry.textField?.()) {
					if (text) entry.handler(text, textKey);
				} else {
					note(pasteIgnoredNote(next.paste));
				}

				continue;
			}

			if (viewKeyGiven) {
				schedule();
				return;
			}

			viewKeyGiven = true;
			queue.current.shift();
			entry.handler(next.input, next.key);
		}

		if (early > 0) note(earlyKeysNote(early));
	}, []);

	/** A paste on the main screen: text for the filter or the command line, else a note. */
	const pasteOnMain = (raw: string) => {
		const {uiNow, mainKey} = latest.current;
		const text = cleanPaste(raw);
		if (uiNow.current.commandLine !== null || uiNow.current.filterEditing) {
			if (text) mainKey(text, textKey);
		} else {
			note(pasteIgnoredNote(raw));
		}
	};

	const schedule = useCallback(() => {
		if (scheduled.current) return;
		scheduled.current = setImmediate(() => {
			scheduled.current = null;
			pump();
		});
	}, [pump]);

	// Ink's raw events, before useInput parses them: the paste markers and what is between them
	// are taken here and never reach the handler below.
	const paste = useRef<PasteTracker | null>(null);
	const idle = useRef<NodeJS.Timeout | null>(null);
	paste.current ??= createPasteTracker(raw => {
		if (latest.current.tooSmall) return;
		queue.current.push({input: '', key: textKey, burst: burst.current.id, paste: raw});
		pump();
	});
	const raw = useRawInput(event => {
		stamp();
		const tracker = paste.current!;
		const taken = tracker.take(event);
		if (idle.current) clearTimeout(idle.current);
		idle.current = tracker.pasting ? setTimeout(() => tracker.flush(), PASTE_IDLE_MS) : null;
		return taken;
	});
	useLayoutEffect(() => () => {
		if (idle.current) clearTimeout(idle.current);
	}, []);

	// Ctrl-C, ahead of anything queued: cancels a question or a line being typed, else quits (keymap.ts).
	const interrupt = () => {
		queue.current = [];
		const {uiNow, dispatch, quit, question} = latest.current;
		const ui = uiNow.current;
		const top = ui.views.at(-1);
		const entry = top ? handlers.current.get(top) : undefined;
		const viewTyping = Boolean(entry?.textField?.());
		const effect = interruptEffect({
			questionOpen: Boolean(top && question?.(top)),
			typing: (!top && (ui.filterEditing || ui.commandLine !== null)) || viewTyping,
		});
		if (effect === 'cancel-question') {
			dispatch({type: 'close-view'});
			dispatch({type: 'action-done', crictl: '', message: 'cancelled (Ctrl-C); Ctrl-C again quits'});
		} else if (effect === 'cancel-input') {
			// A view's own text line (log search) takes Esc as its cancel; the main screen's lines go back.
			if (viewTyping) entry!.handler('', {...textKey, escape: true});
			else dispatch({type: 'back'});
		} else {
			quit();
		}
	};

	useInput((input, key) => {
		raw.entered();
		const {quit, tooSmall} = latest.current;
		if (key.ctrl && input === 'c') {
			if (tooSmall) quit();
			else interrupt();
			return;
		}

		if (tooSmall) {
			if (input === 'q') quit();
			return;
		}

		const keys = splitChunk(input, key).map(([i, k]): Queued => ({input: i, key: k, burst: burst.current.id}));
		if (keys.some(k => k.key.ctrl && k.input === 'c')) {
			interrupt();
			return;
		}

		queue.current.push(...keys.slice(0, Math.max(0, QUEUE_LIMIT - queue.current.length)));
		pump();
	});

	// A view's state may change (it closed itself, a new one opened) without a
	// key: try the queue after every render that left keys waiting.
	useLayoutEffect(() => {
		if (queue.current.length > 0) schedule();
	});
	useLayoutEffect(() => () => {
		if (scheduled.current) clearImmediate(scheduled.current);
	}, []);

	return useCallback((view: View, handler: KeyHandler, viewOptions: ViewKeyOptions = {}) => {
		handlers.current.set(view, {handler, textField: viewOptions.textField});
		// Drawn now (registered at commit): keys read so far, this burst included, came before it.
		if (latest.current.question?.(view) && !answerAfter.current.has(view)) answerAfter.current.set(view, burst.current.id);
		if (queue.current.length > 0) schedule();
		return () => {
			if (handlers.current.get(view)?.handler === handler) handlers.current.delete(view);
		};
	}, [schedule]);
}
