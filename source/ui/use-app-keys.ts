// The dashboard's keys: the main screen's handler (main-keys.ts) and the one
// subscriber to ink's input (key-dispatch.ts), which gives each key to the main
// screen or to the top view. Returns what the top view registers its handler with.
import {useMemo} from 'react';
import {topView} from '../state/ui-state.js';
import {useKeyDispatcher} from './key-dispatch.js';
import {useMainKeys} from './main-keys.js';
import type {AppState} from './use-app-state.js';
import type {ViewKeys} from './view-keys.js';
import {views} from './views.js';

export type AppKeysOptions = {
	app: AppState;
	/** Lines of the pane body (a page). */
	bodyHeight: number;
	readOnly: boolean;
	/** The terminal is too small to draw: keys other than quitting wait. */
	tooSmall: boolean;
};

export function useAppKeys({app, bodyHeight, readOnly, tooSmall}: AppKeysOptions): ViewKeys | null {
	const {uiNow, models, actions, dispatch} = app;
	const mainKey = useMainKeys({uiNow, models, actions, bodyHeight, readOnly});
	const register = useKeyDispatcher({
		uiNow, mainKey, dispatch, quit: actions.quit, tooSmall, known: v => Boolean(views[v.name]), question: v => views[v.name]?.question === true,
	});
	const view = topView(app.ui);
	return useMemo(() => (view ? {view, register} : null), [view, register]);
}
