// Keys of the main screen (panes, filter bar, command line): keymap command →
// action. The app's key dispatcher (key-dispatch.ts) calls the returned handler
// with one key at a time, only while no view is open.
// Selection moves are computed here from the pane's memoised list and stored
// as the object's ID, so refreshes that reorder rows keep the same object.
import type {Key} from 'ink';
import type {NodeActions} from '../state/contexts.js';
import {bindingOf, findCommand, type Command} from '../state/keymap.js';
import {moveIndex, resolveSelection} from '../state/selectors.js';
import {modelOf, type PaneModels} from '../state/use-pane-models.js';
import type {Pane, SortKey, Target, UiState} from '../state/ui-state.js';
import {shortId} from '../format/ids.js';
import {sanitize} from '../format/sanitize.js';
import {commandLineEffect, parseCommandLine} from './command-line.js';
import {sortKeysOf} from './sort-mark.js';

export type MainKeysOptions = {
	/** The UI state as of the last key (ahead of the last render). */
	uiNow: {readonly current: UiState};
	models: PaneModels;
	actions: NodeActions;
	/** Lines of the pane body; a page is this minus the table header. */
	bodyHeight: number;
	readOnly: boolean;
};

const paneOf: Partial<Record<Command, Pane>> = {'pane.pods': 'pods', 'pane.containers': 'containers', 'pane.images': 'images', 'pane.events': 'events'};
const sortOf: Partial<Record<Command, SortKey>> = {
	'sort.cpu': 'cpu', 'sort.mem': 'mem', 'sort.name': 'name', 'sort.age': 'age', 'sort.size': 'size', 'sort.attempt': 'attempt', 'sort.state': 'state',
};
const sortWords: Record<string, string> = {cpu: 'CPU %', mem: 'MEM', name: 'name', age: 'age', size: 'size', attempt: 'ATTEMPT', state: 'state'};
/** How a gone sentence names what was asked. */
const actionWords: Record<string, string> = {'logs.previous': 'previous logs', triage: 'crash triage', remove: 'remove', shell: 'shell', logs: 'logs'};

/** What a key on a selected object that left the node says, e.g. "inspect: container web (0123456789abc) is gone …". */
export function goneSentence(target: Target, action: string): string {
	return `${action}: ${target.kind} ${sanitize(target.name)} (${shortId(target.id)}) is gone from the runtime, nothing done; move (j/k) to choose another`;
}

/** The one sentence every refused key shows. */
export function readOnlySentence(what: string): string {
	return `read-only mode: ${what} is disabled (start without --read-only to allow it)`;
}

export function useMainKeys({uiNow, models, actions, bodyHeight, readOnly}: MainKeysOptions): (input: string, key: Key) => void {
	const {dispatch} = actions;
	const page = Math.max(1, bodyHeight - 2);

	// Pane and selection are read at the key, not at the last render; the rows are the last
	// render's, i.e. what the person saw.
	const current = () => {
		const ui = uiNow.current;
		const model = modelOf(models, ui.pane);
		const sel = ui.selection[ui.pane];
		let index = -1;
		if (model) {
			const at = sel.id === null ? -1 : model.items.findIndex(item => model.keyOf(item) === sel.id);
			index = at === -1 ? resolveSelection(model.items.length, () => -1, null, sel.index) : at;
		}

		// The selected object left the node; its row is still drawn, marked gone.
		const gone = Boolean(model?.gone) && sel.id === model?.gone;
		return {ui, model, index, gone};
	};

	const move = (delta: number) => {
		const {ui, model, index, gone} = current();
		if (!model) return;
		if (gone) {
			// Off a gone row, onto the live rows around it (g/G: the first/last live row).
			const live = model.items.filter((_item, i) => i !== index);
			const from = delta > 0 ? index - 1 : index;
			const next = moveIndex(from, delta, live.length);
			if (next >= 0) dispatch({type: 'select', pane: ui.pane, id: model.keyOf(live[next]), index: next});
			return;
		}

		const next = moveIndex(index, delta, model.items.length);
		if (next < 0) return;
		// The events pane's first row is "the newest", whichever event that is (it follows new ones, like a log).
		const id = ui.pane === 'events' && next === 0 ? null : model.keyOf(model.items[next]);
		dispatch({type: 'select', pane: ui.pane, id, index: next});
	};
	// The object under the cursor at this key, so "jx" stops the row j moved to. A gone object is
	// no target: the key says so instead of acting on another object.
	const currentTarget = (action: string) => {
		const {model, index, gone} = current();
		const target = model && index >= 0 && index < model.items.length ? model.targetOf(model.items[index]) : undefined;
		if (target && gone) {
			say(goneSentence(target, actionWords[action] ?? action));
			return undefined;
		}

		return target;
	};

	const say = (message: string, error = true) => dispatch({type: 'action-done', crictl: '', message, error});

	const sortBy = (key: SortKey) => {
		const {pane} = uiNow.current;
		const offered = sortKeysOf(pane);
		if (offered.length === 0) {
			say(`${pane} stay in the order they happened, newest first`);
			return;
		}

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
		const {ui, model, index, gone} = current();
		const shown = ui.pane === 'containers' && model && index >= 0 && index < model.items.length ? model.targetOf(model.items[index]) : undefined;
		const parsed = parseCommandLine(text, shown);
		if (gone && shown && parsed.kind === 'exec' && parsed.target) {
			say(goneSentence(shown, 'exec'));
			return;
		}

		const effect = commandLineEffect(parsed);
		if (readOnly && effect?.action?.type === 'open-view' && effect.action.view.name === 'exec') say(readOnlySentence(':exec'));
		else if (effect?.quit) actions.quit();
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
			const target = currentTarget('open');
			if (!target) return;
			if (target.kind === 'pod') {
				dispatch({type: 'drill-down', pod: target});
				return;
			}

			// An exited container's question is "why did it die": triage answers it; a running one is inspected.
			// (From the events pane too: the container as the list knows it now.)
			const exited = target.kind === 'container' && models.containersById.get(target.id)?.state === 'CONTAINER_EXITED';
			dispatch({type: 'open-view', view: {name: exited ? 'triage' : 'inspect', target}});
		},
		inspect() {
			const target = currentTarget('inspect');
			if (target) dispatch({type: 'open-view', view: {name: 'inspect', target}});
		},
		stop() {
			const target = currentTarget('stop');
			if (!target) return;
			if (target.kind === 'image') say('images cannot be stopped');
			else dispatch({type: 'open-view', view: {name: 'confirm', target, arg: 'stop'}});
		},
		'endpoint.pick': () => dispatch({type: 'open-view', view: {name: 'picker'}}),
		'filter.start': () => dispatch({type: 'filter-start'}),
		'toggle-all': () => dispatch({type: 'toggle-all'}),
		'command-line': () => dispatch({type: 'command-start'}),
		refresh: actions.refresh,
	};

	/** Handles one key of the panes. */
	const handle = (input: string, key: Key): void => {
		const ui = uiNow.current;
		const command = findCommand('main', input, key);
		if (!command || command === 'app.interrupt') return;
		if (ui.lastAction) dispatch({type: 'clear-action'});
		// --read-only: every binding marked dangerous in the key table is refused here, before anything opens.
		const binding = bindingOf(command);
		if (readOnly && binding?.dangerous) {
			say(readOnlySentence(binding.dangerous));
			return;
		}

		const pane = paneOf[command];
		if (pane) {
			dispatch({type: 'set-pane', pane});
			return;
		}

		const sortKey = sortOf[command];
		if (sortKey) {
			sortBy(sortKey);
			return;
		}

		const handler = handlers[command];
		if (handler) {
			handler();
			return;
		}

		const opens = binding?.opens;
		if (opens && (!opens.panes || opens.panes.includes(uiNow.current.pane))) {
			// A view that needs no object (events) opens without one when the selected object is gone.
			const target = opens.needsTarget === false ? (current().gone ? undefined : currentTarget(command)) : currentTarget(command);
			if (opens.needsTarget !== false && !target) return;
			dispatch({type: 'open-view', view: {name: opens.view, target, ...(opens.arg ? {arg: opens.arg} : {})}});
			return;
		}

		say(`${command}: not available here yet`);
	};

	/** A key while the filter bar has the keyboard. */
	const filterKey = (input: string, key: Key) => {
		const ui = uiNow.current;
		const command = findCommand('filter', input, key);
		const text = ui.filters[ui.pane];
		if (command === 'filter.keep') dispatch({type: 'filter-keep'});
		else if (command === 'filter.clear') dispatch({type: 'filter-clear'});
		else if (command === 'filter.delete') dispatch({type: 'filter-input', text: [...text].slice(0, -1).join('')});
		else if (command === 'filter.type') dispatch({type: 'filter-input', text: text + input.replace(/[\r\n]/g, '')});
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

	/** One key (the dispatcher splits chunks) while no view is open. */
	return (input: string, key: Key) => {
		const ui = uiNow.current;
		if (ui.commandLine !== null) commandKey(input, key);
		else if (ui.filterEditing) filterKey(input, key);
		else handle(input, key);
	};
}
