// Keys of the main screen (panes and filter bar): keymap command → action.
// Selection moves are computed here from the pane's memoised list and stored
// as the object's ID, so refreshes that reorder rows keep the same object.
import {useCallback, useRef} from 'react';
import {useInput, type Key} from 'ink';
import type {NodeActions} from '../state/contexts.js';
import {findCommand, type Command} from '../state/keymap.js';
import {moveIndex, resolveSelection} from '../state/selectors.js';
import {modelOf, type PaneModels} from '../state/use-pane-models.js';
import type {Pane, SortKey, UiState} from '../state/ui-state.js';
import type {Container} from '../wire/types.js';
import {commandLineEffect, parseCommandLine} from './command-line.js';
import {sortKeysOf} from './sort-mark.js';
import {commandViews} from './views.js';

export type MainKeysOptions = {
	/** The UI state as of the last key (ahead of the last render). */
	uiNow: {readonly current: UiState};
	models: PaneModels;
	actions: NodeActions;
	/** Lines of the pane body; a page is this minus the table header. */
	bodyHeight: number;
	readOnly: boolean;
	active: boolean;
};

const paneOf: Partial<Record<Command, Pane>> = {'pane.pods': 'pods', 'pane.containers': 'containers', 'pane.images': 'images'};
const sortOf: Partial<Record<Command, SortKey>> = {'sort.cpu': 'cpu', 'sort.mem': 'mem', 'sort.name': 'name', 'sort.age': 'age', 'sort.size': 'size'};
const sortWords: Record<string, string> = {cpu: 'CPU %', mem: 'MEM', name: 'name', age: 'age', size: 'size'};

export function useMainKeys({uiNow, models, actions, bodyHeight, readOnly, active}: MainKeysOptions): void {
	const {dispatch} = actions;
	const page = Math.max(1, bodyHeight - 2);

	// Pane and selection are read at the key, not at the last render.
	const current = () => {
		const ui = uiNow.current;
		const model = modelOf(models, ui.pane);
		const sel = ui.selection[ui.pane];
		const index = model
			? resolveSelection(model.items.length, id => model.items.findIndex(item => model.keyOf(item) === id), sel.id, sel.index)
			: -1;
		return {ui, model, index};
	};

	const move = (delta: number) => {
		const {ui, model, index} = current();
		if (!model) return;
		const next = moveIndex(index, delta, model.items.length);
		if (next < 0) return;
		dispatch({type: 'select', pane: ui.pane, id: model.keyOf(model.items[next]), index: next});
	};
	// The row under the cursor at this key, so "jx" stops the row j moved to.
	const currentTarget = () => {
		const {model, index} = current();
		return model && index >= 0 && index < model.items.length ? model.targetOf(model.items[index]) : undefined;
	};

	const say = (message: string, error = true) => dispatch({type: 'action-done', crictl: '', message, error});

	const sortBy = (key: SortKey) => {
		const {pane} = uiNow.current;
		const offered = sortKeysOf(pane);
		if (!offered.includes(key)) {
			say(`${pane} cannot be sorted by ${sortWords[key] ?? key}; try ${offered.map(k => sortWords[k] ?? k).join(', ')}`);
			return;
		}

		const usage = pane === 'pods' ? models.usage.pods : pane === 'containers' ? models.usage.containers : undefined;
		if ((key === 'cpu' || key === 'mem') && !usage) {
			say(`no CPU/MEM numbers from this runtime yet (crictl stats): ${pane} stay in their order`);
			return;
		}

		dispatch({type: 'sort', key});
	};

	/** Runs the command line's text (Enter in the prompt). */
	const runCommandLine = (text: string) => {
		dispatch({type: 'command-close'});
		const {ui} = current();
		const target = ui.pane === 'containers' ? currentTarget() : undefined;
		const effect = commandLineEffect(parseCommandLine(text, target));
		if (effect?.quit) actions.quit();
		else if (effect?.action) dispatch(effect.action);
		else if (effect?.message) say(effect.message);
	};

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
			const target = currentTarget();
			if (!target) return;
			if (target.kind === 'pod') {
				dispatch({type: 'drill-down', pod: target});
				return;
			}

			// An exited container's question is "why did it die": triage answers it; a running one is inspected.
			const {model, index} = current();
			const exited = target.kind === 'container' && (model?.items[index] as Container | undefined)?.state === 'CONTAINER_EXITED';
			dispatch({type: 'open-view', view: {name: exited ? 'triage' : 'inspect', target}});
		},
		inspect() {
			const target = currentTarget();
			if (target) dispatch({type: 'open-view', view: {name: 'inspect', target}});
		},
		stop() {
			const target = currentTarget();
			if (!target) return;
			if (readOnly) say('read-only mode: stopping is disabled (start without --read-only to allow it)');
			else if (target.kind === 'image') say('images cannot be stopped');
			else dispatch({type: 'open-view', view: {name: 'confirm', target, arg: 'stop'}});
		},
		'endpoint.pick': () => dispatch({type: 'open-view', view: {name: 'picker'}}),
		'filter.start': () => dispatch({type: 'filter-start'}),
		'toggle-all': () => dispatch({type: 'toggle-all'}),
		'command-line': () => dispatch({type: 'command-start'}),
	};

	/** Handles one key; returns false when later keys of the same chunk must not run here (a view opened). */
	const handle = (input: string, key: Key): boolean => {
		const ui = uiNow.current;
		// A view opened by an earlier key owns the keyboard even before its handler subscribed.
		if (ui.views.length > 0 || ui.filterEditing || ui.commandLine !== null) return false;
		const command = findCommand('main', input, key);
		if (!command || command === 'app.interrupt') return true;
		if (ui.lastAction) dispatch({type: 'clear-action'});
		const pane = paneOf[command];
		if (pane) {
			dispatch({type: 'set-pane', pane});
			return true;
		}

		const sortKey = sortOf[command];
		if (sortKey) {
			sortBy(sortKey);
			return true;
		}

		const handler = handlers[command];
		if (handler) {
			handler();
			return true;
		}

		const opens = commandViews[command];
		if (opens && (!opens.panes || opens.panes.includes(uiNow.current.pane))) {
			const target = currentTarget();
			if (opens.needsTarget !== false && !target) return true;
			dispatch({type: 'open-view', view: {name: opens.view, target}});
			return false;
		}

		say(`${command}: not available here yet`);
		return true;
	};

	/** A key while the command line is open: it all goes to the prompt. */
	const commandKey = (input: string, key: Key) => {
		const text = uiNow.current.commandLine ?? '';
		const command = findCommand('command', input, key);
		if (command === 'command.run') runCommandLine(text);
		else if (command === 'command.cancel') dispatch({type: 'command-close'});
		else if (command === 'command.delete') dispatch({type: 'command-input', text: [...text].slice(0, -1).join('')});
		else if (command === 'command.type') dispatch({type: 'command-input', text: text + input.replace(/[\r\n]/g, '')});
	};

	const onKey = (input: string, key: Key) => {
		const ui = uiNow.current;
		if (ui.views.length > 0) return;
		if (ui.commandLine !== null) {
			// ":q\r" or ":exec ID ls\r" pasted in one chunk: the text, then Enter.
			const enter = input.search(/[\r\n]/);
			if (input.length > 1 && enter !== -1) {
				commandKey(input.slice(0, enter), {...key, return: false});
				commandKey('', {...key, return: true});
			} else {
				commandKey(input, key);
			}

			return;
		}

		if (ui.filterEditing) {
			const command = findCommand('filter', input, key);
			const text = ui.filters[ui.pane];
			if (command === 'filter.keep') dispatch({type: 'filter-keep'});
			else if (command === 'filter.clear') dispatch({type: 'filter-clear'});
			else if (command === 'filter.delete') dispatch({type: 'filter-input', text: [...text].slice(0, -1).join('')});
			else if (command === 'filter.type') dispatch({type: 'filter-input', text: text + input.replace(/[\r\n]/g, '')});
			return;
		}

		// ink hands over a chunk of several plain keys as one string ("jjj", "j\r"): take them one by one.
		if (input.length > 1 && !key.ctrl && !key.meta && !key.escape) {
			const chars = [...input];
			for (const [i, ch] of chars.entries()) {
				if (uiNow.current.commandLine !== null) {
					// ":q" in one chunk: the rest is the command line (and Enter runs it).
					onKey(chars.slice(i).join(''), {...key, return: false});
					break;
				}

				if (uiNow.current.filterEditing) {
					// "/web" in one chunk: the rest is filter text.
					const rest = chars.slice(i).join('').replace(/[\r\n].*$/s, '');
					dispatch({type: 'filter-input', text: uiNow.current.filters[uiNow.current.pane] + rest});
					if (rest.length < chars.length - i) dispatch({type: 'filter-keep'});
					break;
				}

				const chKey = {...key, return: ch === '\r', tab: ch === '\t'};
				if (!handle(ch === '\r' || ch === '\t' ? '' : ch, chKey)) break;
			}

			return;
		}

		handle(input, key);
	};

	// A stable subscription: ink re-subscribes a changed handler at the END of
	// its listener list, after the open view's; staying first means this handler
	// sees the key before a view closes on it, so one Enter is never handled twice.
	const latest = useRef(onKey);
	latest.current = onKey;
	const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
	useInput(stable, {isActive: active});
}
