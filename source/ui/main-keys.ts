// Keys of the main screen (panes and filter bar): keymap command → action.
// Selection moves are computed here from the pane's memoised list and stored
// as the object's ID, so refreshes that reorder rows keep the same object.
import {useInput} from 'ink';
import type {NodeActions} from '../state/contexts.js';
import {findCommand, type Command} from '../state/keymap.js';
import {moveIndex} from '../state/selectors.js';
import {modelOf, type PaneModels} from '../state/use-pane-models.js';
import type {Pane, UiState} from '../state/ui-state.js';
import {commandViews} from './views.js';

export type MainKeysOptions = {
	ui: UiState;
	models: PaneModels;
	actions: NodeActions;
	/** Lines of the pane body; a page is this minus the table header. */
	bodyHeight: number;
	readOnly: boolean;
	active: boolean;
};

const paneOf: Partial<Record<Command, Pane>> = {'pane.pods': 'pods', 'pane.containers': 'containers', 'pane.images': 'images'};

export function useMainKeys({ui, models, actions, bodyHeight, readOnly, active}: MainKeysOptions): void {
	const {dispatch} = actions;
	const model = modelOf(models, ui.pane);
	const selected = model && model.selectedIndex >= 0 ? model.items[model.selectedIndex] : undefined;
	const target = model && selected !== undefined ? model.targetOf(selected) : undefined;
	const page = Math.max(1, bodyHeight - 2);

	const move = (delta: number) => {
		if (!model) return;
		const next = moveIndex(model.selectedIndex, delta, model.items.length);
		if (next < 0) return;
		dispatch({type: 'select', pane: ui.pane, id: model.keyOf(model.items[next]), index: next});
	};

	const say = (message: string, error = true) => dispatch({type: 'action-done', crictl: '', message, error});

	const handlers: Partial<Record<Command, () => void>> = {
		'app.quit': actions.quit,
		'app.help': () => dispatch({type: 'open-view', view: {name: 'help'}}),
		'app.back': () => dispatch({type: 'back'}),
		'pane.next': () => dispatch({type: 'cycle-pane', step: 1}),
		'pane.prev': () => dispatch({type: 'cycle-pane', step: -1}),
		'move.down': () => move(1),
		'move.up': () => move(-1),
		'move.page-down': () => move(page),
		'move.page-up': () => move(-page),
		'move.top': () => move(Number.NEGATIVE_INFINITY),
		'move.bottom': () => move(Number.POSITIVE_INFINITY),
		open() {
			if (!target) return;
			if (target.kind === 'pod') dispatch({type: 'drill-down', pod: target});
			else dispatch({type: 'open-view', view: {name: 'inspect', target}});
		},
		inspect() {
			if (target) dispatch({type: 'open-view', view: {name: 'inspect', target}});
		},
		stop() {
			if (!target) return;
			if (readOnly) say('read-only mode: stopping is disabled (start without --read-only to allow it)');
			else if (target.kind === 'image') say('images cannot be stopped');
			else dispatch({type: 'open-view', view: {name: 'confirm', target, arg: 'stop'}});
		},
		'endpoint.pick': () => dispatch({type: 'open-view', view: {name: 'picker'}}),
		'filter.start': () => dispatch({type: 'filter-start'}),
		'toggle-all': () => dispatch({type: 'toggle-all'}),
	};

	useInput((input, key) => {
		if (ui.filterEditing) {
			const command = findCommand('filter', input, key);
			const text = ui.filters[ui.pane];
			if (command === 'filter.keep') dispatch({type: 'filter-keep'});
			else if (command === 'filter.clear') dispatch({type: 'filter-clear'});
			else if (command === 'filter.delete') dispatch({type: 'filter-input', text: [...text].slice(0, -1).join('')});
			else if (command === 'filter.type') dispatch({type: 'filter-input', text: text + input.replace(/[\r\n]/g, '')});
			return;
		}

		const command = findCommand('main', input, key);
		if (!command || command === 'app.interrupt') return;
		if (ui.lastAction) dispatch({type: 'clear-action'});
		const pane = paneOf[command];
		if (pane) {
			dispatch({type: 'set-pane', pane});
			return;
		}

		const handler = handlers[command];
		if (handler) {
			handler();
			return;
		}

		const opens = commandViews[command];
		if (opens && (!opens.panes || opens.panes.includes(ui.pane))) {
			if (opens.needsTarget !== false && !target) return;
			dispatch({type: 'open-view', view: {name: opens.view, target}});
			return;
		}

		say(`${command}: not available here yet`);
	}, {isActive: active});
}
