// THE one subscriber to ink's input. Every key goes to exactly one place: the
// main screen (panes, filter bar, command line) or the view on top of the stack.
// Why one: with a subscriber per view, a key read between a view's first paint
// and its subscription was lost, and a key read while one view closed and
// another opened could reach both. Here a key for a view that has not
// registered its handler yet waits in a queue and is replayed once it has.
import {useCallback, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';
import type {UiAction, UiState, View} from '../state/ui-state.js';
import type {KeyHandler} from './view-keys.js';

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
};

type Pending = [input: string, key: Key];

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
		return [enter || ch === '\t' || erase ? '' : ch, {
			...key, return: enter, tab: ch === '\t', backspace: ch === '\b', delete: ch === '\u007F', shift: /[A-Z]/.test(ch),
		}];
	});
}

/** Subscribes to ink's input and returns the `register` views use (via ViewKeysContext). */
export function useKeyDispatcher(options: KeyDispatcherOptions): (view: View, handler: KeyHandler) => () => void {
	const latest = useRef(options);
	latest.current = options;
	const handlers = useRef(new Map<View, KeyHandler>());
	const queue = useRef<Pending[]>([]);
	const scheduled = useRef<NodeJS.Immediate | null>(null);

	// Delivers queued keys in order. Main-screen keys are taken at once (they read
	// uiNow, which each key updates eagerly) unless one changed the rows; a view gets one key per pass, since
	// its handler reads state from its last render: the next key waits for the
	// next pass, run outside ink's batch so that React has rendered in between.
	const pump = useCallback(function pump(): void {
		const {uiNow, mainKey, dispatch, known} = latest.current;
		let viewKeyGiven = false;
		while (queue.current.length > 0) {
			const top = uiNow.current.views.at(-1);
			if (!top) {
				const before = rowsOf(uiNow.current);
				const [input, key] = queue.current.shift()!;
				mainKey(input, key);
				// The rows changed (filter, pane, sort): the next key must see them
				// rendered, or "/post⏎x" would stop the row x finds in the old list.
				if (queue.current.length > 0 && rowsOf(uiNow.current) !== before) {
					schedule();
					return;
				}

				continue;
			}

			if (!known(top)) {
				const [, key] = queue.current.shift()!;
				if (key.escape) dispatch({type: 'close-view'});
				continue;
			}

			const handler = handlers.current.get(top);
			// Not mounted yet: its registration pumps again.
			if (!handler) return;
			if (viewKeyGiven) {
				schedule();
				return;
			}

			viewKeyGiven = true;
			const [input, key] = queue.current.shift()!;
			handler(input, key);
		}
	}, []);

	const schedule = useCallback(() => {
		if (scheduled.current) return;
		scheduled.current = setImmediate(() => {
			scheduled.current = null;
			pump();
		});
	}, [pump]);

	useInput((input, key) => {
		const {quit, tooSmall} = latest.current;
		// Ctrl-C quits from anywhere, ahead of anything queued.
		if (key.ctrl && input === 'c') {
			queue.current = [];
			quit();
			return;
		}

		if (tooSmall) {
			if (input === 'q') quit();
			return;
		}

		const keys = splitChunk(input, key);
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

	return useCallback((view: View, handler: KeyHandler) => {
		handlers.current.set(view, handler);
		if (queue.current.length > 0) schedule();
		return () => {
			if (handlers.current.get(view) === handler) handlers.current.delete(view);
		};
	}, [schedule]);
}
