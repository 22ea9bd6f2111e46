// The selection is an object, not a row (issue 9): whatever row is highlighted
// on screen is pinned as the selection by its full ID as soon as it is drawn
// (the first row before any key, the nearest row when a filter hid the chosen
// one), so a refresh that inserts, reorders or removes rows never moves the
// highlight to another object. A selected object that left the node is not
// re-pinned: it stays drawn, marked gone, until a key moves the selection.
import {useEffect} from 'react';
import {modelOf, type PaneModels} from './use-pane-models.js';
import type {UiAction, UiState} from './ui-state.js';

export function usePinnedSelection(ui: UiState, uiNow: {readonly current: UiState}, models: PaneModels, dispatch: (action: UiAction) => void): void {
	useEffect(() => {
		const model = modelOf(models, ui.pane);
		if (!model || model.selectedIndex < 0 || model.gone) return;
		const rendered = ui.selection[ui.pane];
		// On the newest event the events pane follows new ones: "the first row" stays unpinned.
		if (ui.pane === 'events' && rendered.id === null && model.selectedIndex === 0) return;
		// A key already moved it (uiNow is ahead of this render): the next render pins that.
		if (uiNow.current.pane !== ui.pane || uiNow.current.selection[ui.pane] !== rendered) return;
		const id = model.keyOf(model.items[model.selectedIndex]);
		if (rendered.id !== id || rendered.index !== model.selectedIndex) dispatch({type: 'select', pane: ui.pane, id, index: model.selectedIndex});
	}, [models, ui.pane, ui.selection, uiNow, dispatch]);
}
