// The UI state's store: React's reducer, plus the same reducer applied
// eagerly into a ref, so a key handler sees the effect of the previous key even
// when both arrive before React re-rendered (fast typing, type-ahead over ssh):
// "/web" never loses letters, "2j" moves in containers.
import {useCallback, useReducer, useRef} from 'react';
import {uiReducer, type UiAction, type UiState} from './ui-state.js';

export type UiStore = {
	/** The state of the last render. */
	ui: UiState;
	/** The state as of the last key (ahead of the last render). */
	uiNow: {readonly current: UiState};
	dispatch: (action: UiAction) => void;
};

export function useUiStore(initial: () => UiState): UiStore {
	const [ui, reactDispatch] = useReducer(uiReducer, undefined, initial);
	const uiNow = useRef(ui);
	const dispatch = useCallback((action: UiAction) => {
		uiNow.current = uiReducer(uiNow.current, action);
		reactDispatch(action);
	}, []);
	return {ui, uiNow, dispatch};
}
