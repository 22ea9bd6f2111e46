// How a view gets its keys: it registers a handler with the app's one key
// dispatcher (key-dispatch.ts) instead of subscribing to ink itself. A key that
// arrives before the view registered waits in the dispatcher's queue, so no key
// is lost between a view's first paint and its handler, and none is handled by
// both a closing view and the screen under it.
import {createContext, useContext, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';
import type {View} from '../state/ui-state.js';

export type KeyHandler = (input: string, key: Key) => void;

export type ViewKeyOptions = {
	/**
	 * True while the view has a text field taking the keyboard (e.g. the log
	 * search): a paste is then given to the handler as one plain-text key;
	 * otherwise a paste is ignored with a note. @default never
	 */
	textField?: () => boolean;
};

export type ViewKeys = {
	/** The view being rendered (the top of the stack), by identity. */
	view: View;
	/** Makes `handler` the one that receives `view`'s keys; returns the remover. */
	register(view: View, handler: KeyHandler, options?: ViewKeyOptions): () => void;
};

/** Provided by the app around the top view; absent when a view is rendered on its own (tests). */
export const ViewKeysContext = createContext<ViewKeys | null>(null);

/**
 * The view's key handler. Inside the app it is registered with the dispatcher
 * (at commit, in a layout effect, so it is there before the next key is read);
 * outside the app it falls back to ink's useInput.
 */
export function useViewKeys(handler: KeyHandler, options: {isActive?: boolean} & ViewKeyOptions = {}): void {
	const keys = useContext(ViewKeysContext);
	const active = options.isActive !== false;
	const latest = useRef({handler, textField: options.textField});
	useLayoutEffect(() => {
		latest.current = {handler, textField: options.textField};
	});
	useLayoutEffect(() => {
		if (!keys || !active) return;
		return keys.register(keys.view, (input, key) => latest.current.handler(input, key), {
			textField: () => latest.current.textField?.() ?? false,
		});
	}, [keys, active]);
	useInput(handler, {isActive: keys === null && active});
}
