// EVERY key of the program, in one table of named commands (gemini-cli style).
// The help view prints this table, so a key cannot exist without being listed.
// A binding says what it does as data (k9s's KeyAction habit): `opens` the
// view it opens on the selected row, `dangerous` when it changes the node, so
// --read-only refuses all of those in one place (main-keys.ts) before anything
// opens. The read-only client still refuses every write underneath.
import type {Key} from 'ink';
import type {Pane, ViewName} from './ui-state.js';

/** Where a binding is active. 'global' applies in every context after the context's own bindings. */
export type KeyContext = 'global' | 'main' | 'filter' | 'command' | 'inspect' | 'confirm' | 'picker' | 'help' | 'logs' | 'triage' | 'trace' | 'health';

export type Command =
	| 'app.quit'
	| 'app.interrupt'
	| 'app.back'
	| 'app.help'
	| 'pane.pods'
	| 'pane.containers'
	| 'pane.images'
	| 'pane.events'
	| 'pane.next'
	| 'pane.prev'
	| 'refresh'
	| 'move.down'
	| 'move.up'
	| 'move.page-down'
	| 'move.page-up'
	| 'move.top'
	| 'move.bottom'
	| 'open'
	| 'inspect'
	| 'stop'
	| 'endpoint.pick'
	| 'filter.start'
	| 'toggle-all'
	| 'logs'
	| 'logs.previous'
	| 'shell'
	| 'triage'
	| 'remove'
	| 'command-line'
	| 'sort.cpu'
	| 'sort.mem'
	| 'sort.name'
	| 'sort.age'
	| 'sort.size'
	| 'sort.attempt'
	| 'sort.state'
	| 'command.run'
	| 'command.cancel'
	| 'command.delete'
	| 'command.type'
	| 'inspect.yaml'
	| 'inspect.json'
	| 'confirm.yes'
	| 'confirm.no'
	| 'picker.choose'
	| 'filter.keep'
	| 'filter.clear'
	| 'filter.delete'
	| 'filter.type'
	| 'logs.pause'
	| 'logs.timestamps'
	| 'logs.stream'
	| 'logs.wrap'
	| 'logs.search'
	| 'logs.next-match'
	| 'logs.prev-match'
	| 'logs.tail'
	| 'logs.since'
	| 'health'
	| 'list.open'
	| 'trace.payloads';

export type KeyBinding = {
	command: Command;
	contexts: readonly KeyContext[];
	/** How the help view shows the keys. */
	keys: string;
	help: string;
	match: (input: string, key: Key) => boolean;
	/** The view this key opens (the app captures the selected row as its target). */
	opens?: KeyOpens;
	/** It changes the node or runs a process in it; the words for the read-only refusal ("stopping"). */
	dangerous?: string;
};

export type KeyOpens = {
	view: ViewName;
	/** The view's argument (e.g. which confirmation). */
	arg?: string;
	/** Panes where the key applies. @default every pane */
	panes?: readonly Pane[];
	/** Opens only on a selected row. @default true */
	needsTarget?: boolean;
};

const plain = (...chars: string[]) => (input: string, key: Key) => !key.ctrl && !key.meta && chars.includes(input);
const ctrl = (char: string) => (input: string, key: Key) => key.ctrl && input === char;
const moving: readonly KeyContext[] = ['main', 'inspect', 'picker', 'help', 'logs', 'triage', 'trace', 'health'];

export const keymap: readonly KeyBinding[] = [
	// One rule for leaving (see interruptEffect): q quits from the panes and closes a view;
	// Esc goes back or cancels; Ctrl-C cancels a question or a line being typed, else quits.
	{command: 'app.interrupt', contexts: ['global'], keys: 'Ctrl-C', help: 'quit (in a question or while typing: cancel it)', match: ctrl('c')},
	{command: 'app.quit', contexts: ['main'], keys: 'q', help: 'quit', match: plain('q')},
	{command: 'app.back', contexts: ['inspect', 'picker', 'help', 'logs', 'triage', 'trace', 'health'], keys: 'q', help: 'close this view (back)', match: plain('q')},
	{command: 'app.help', contexts: ['main'], keys: '?', help: 'this help', match: plain('?')},
	{command: 'pane.pods', contexts: ['main'], keys: '1', help: 'pods pane', match: plain('1')},
	{command: 'pane.containers', contexts: ['main'], keys: '2', help: 'containers pane', match: plain('2')},
	{command: 'pane.images', contexts: ['main'], keys: '3', help: 'images pane', match: plain('3')},
	{command: 'pane.events', contexts: ['main'], keys: '4', help: 'events pane', match: plain('4')},
	{command: 'pane.prev', contexts: ['main'], keys: 'Shift-Tab', help: 'previous pane', match: (_i, key) => key.tab && key.shift},
	{command: 'pane.next', contexts: ['main'], keys: 'Tab', help: 'next pane', match: (_i, key) => key.tab && !key.shift},
	// k9s's refresh key: re-list everything now (events and polling refresh on their own).
	{command: 'refresh', contexts: ['main'], keys: 'Ctrl-R', help: 'refresh now: re-list pods, containers, images and status', match: ctrl('r')},
	{command: 'move.down', contexts: moving, keys: 'j ↓', help: 'down', match: (i, key) => key.downArrow || plain('j')(i, key)},
	{command: 'move.up', contexts: moving, keys: 'k ↑', help: 'up', match: (i, key) => key.upArrow || plain('k')(i, key)},
	{command: 'move.page-down', contexts: moving, keys: 'PgDn Ctrl-F', help: 'page down', match: (i, key) => key.pageDown || ctrl('f')(i, key)},
	{command: 'move.page-up', contexts: moving, keys: 'PgUp Ctrl-B', help: 'page up', match: (i, key) => key.pageUp || ctrl('b')(i, key)},
	{command: 'move.top', contexts: moving, keys: 'g Home', help: 'first row', match: (i, key) => key.home || plain('g')(i, key)},
	{command: 'move.bottom', contexts: moving, keys: 'G End', help: 'last row', match: (i, key) => key.end || plain('G')(i, key)},
	{command: 'open', contexts: ['main'], keys: 'Enter', help: 'pod: its containers; exited container: crash triage; otherwise inspect', match: (_i, key) => key.return},
	{command: 'inspect', contexts: ['main'], keys: 'i d', help: 'inspect (status + verbose info)', match: plain('i', 'd')},
	{command: 'stop', contexts: ['main'], keys: 'x', help: 'stop container / pod (asks first)', match: plain('x'), dangerous: 'stopping'},
	{command: 'endpoint.pick', contexts: ['main'], keys: 'e', help: 'switch runtime endpoint', match: plain('e')},
	{command: 'filter.start', contexts: ['main'], keys: '/', help: 'filter rows', match: plain('/')},
	{command: 'toggle-all', contexts: ['main'], keys: 'a', help: 'containers: all / running only', match: plain('a')},
	{command: 'logs', contexts: ['main'], keys: 'l', help: 'container logs', match: plain('l'), opens: {view: 'logs', panes: ['containers']}},
	{command: 'logs.previous', contexts: ['main'], keys: 'p', help: 'previous container logs', match: plain('p'), opens: {view: 'previous-logs', panes: ['containers']}},
	{command: 'shell', contexts: ['main'], keys: 's', help: 'shell in container', match: plain('s'), opens: {view: 'shell', panes: ['containers']}, dangerous: 'a shell'},
	{command: 'triage', contexts: ['main'], keys: 't', help: 'crash triage', match: plain('t'), opens: {view: 'triage', panes: ['containers']}},
	{command: 'remove', contexts: ['main'], keys: 'Ctrl-D', help: 'remove (asks first)', match: ctrl('d'), opens: {view: 'remove', arg: 'remove'}, dangerous: 'removing'},
	{command: 'command-line', contexts: ['main'], keys: ':', help: 'command line (:pods :containers :images :events :exec :health :trace :q)', match: plain(':')},
	{command: 'health', contexts: ['main'], keys: 'Shift-H', help: 'node health: what is wrong here, worst first (also :health)', match: plain('H'), opens: {view: 'health', needsTarget: false}},
	{command: 'list.open', contexts: ['trace', 'health'], keys: 'Enter', help: 'health: the line\'s triage / inspect; trace: the call\'s request and answer', match: (_i, key) => key.return},
	{command: 'trace.payloads', contexts: ['trace'], keys: 'p', help: 'keep the decoded request and answer of every call from now on', match: plain('p')},
	// k9s's sort keys; the same key again reverses. Shown in the header as e.g. "CPU %↓".
	{command: 'sort.cpu', contexts: ['main'], keys: 'Shift-C', help: 'sort by CPU % (again: reverse)', match: plain('C')},
	{command: 'sort.mem', contexts: ['main'], keys: 'Shift-M', help: 'sort by MEM (again: reverse)', match: plain('M')},
	{command: 'sort.name', contexts: ['main'], keys: 'Shift-N', help: 'sort by name (again: reverse)', match: plain('N')},
	{command: 'sort.age', contexts: ['main'], keys: 'Shift-A', help: 'sort by age, newest first (again: reverse)', match: plain('A')},
	{command: 'sort.size', contexts: ['main'], keys: 'Shift-Z', help: 'images: sort by size (again: reverse)', match: plain('Z')},
	{command: 'sort.attempt', contexts: ['main'], keys: 'Shift-T', help: 'sort by ATTEMPT, the restart count, most first (again: reverse)', match: plain('T')},
	{command: 'sort.state', contexts: ['main'], keys: 'Shift-S', help: 'sort by state: exited/not ready first (again: reverse)', match: plain('S')},
	{command: 'inspect.yaml', contexts: ['inspect'], keys: 'y', help: 'show as YAML', match: plain('y')},
	{command: 'inspect.json', contexts: ['inspect'], keys: 'J', help: 'show as JSON', match: plain('J')},
	{command: 'confirm.yes', contexts: ['confirm'], keys: 'y', help: 'confirm', match: plain('y')},
	{command: 'confirm.no', contexts: ['confirm'], keys: 'any other key', help: 'cancel', match: () => true},
	{command: 'picker.choose', contexts: ['picker'], keys: 'Enter', help: 'use this endpoint', match: (_i, key) => key.return},
	{command: 'filter.keep', contexts: ['filter'], keys: 'Enter', help: 'keep filter', match: (_i, key) => key.return},
	{command: 'filter.clear', contexts: ['filter'], keys: 'Esc', help: 'clear filter', match: (_i, key) => key.escape},
	{command: 'filter.delete', contexts: ['filter'], keys: 'Backspace', help: 'delete a character', match: (_i, key) => key.backspace || key.delete},
	{command: 'filter.type', contexts: ['filter'], keys: 'text', help: 'filter text', match: (i, key) => !key.ctrl && !key.meta && i.length > 0},
	{command: 'command.run', contexts: ['command'], keys: 'Enter', help: 'run :exec [ID] CMD…, :pods :containers :images :events, :q', match: (_i, key) => key.return},
	{command: 'command.cancel', contexts: ['command'], keys: 'Esc', help: 'cancel', match: (_i, key) => key.escape},
	{command: 'command.delete', contexts: ['command'], keys: 'Backspace', help: 'delete a character', match: (_i, key) => key.backspace || key.delete},
	{command: 'command.type', contexts: ['command'], keys: 'text', help: 'command text', match: (i, key) => !key.ctrl && !key.meta && i.length > 0},
	{command: 'logs.pause', contexts: ['logs'], keys: 'Space', help: 'pause / resume following', match: plain(' ')},
	{command: 'logs.timestamps', contexts: ['logs'], keys: 't', help: 'timestamps on / off', match: plain('t')},
	{command: 'logs.stream', contexts: ['logs'], keys: 'o', help: 'stdout + stderr / stdout / stderr', match: plain('o')},
	{command: 'logs.wrap', contexts: ['logs'], keys: 'w', help: 'wrap long lines on / off', match: plain('w')},
	{command: 'logs.search', contexts: ['logs'], keys: '/', help: 'search (Enter keeps, Esc clears)', match: plain('/')},
	{command: 'logs.next-match', contexts: ['logs'], keys: 'n', help: 'next match', match: plain('n')},
	{command: 'logs.prev-match', contexts: ['logs'], keys: 'N', help: 'previous match', match: plain('N')},
	{command: 'logs.tail', contexts: ['logs'], keys: 'Shift-T', help: 'lines from the end to read (crictl logs --tail; -1 all)', match: plain('T')},
	{command: 'logs.since', contexts: ['logs'], keys: 'Shift-S', help: 'only lines since a duration (5m) or time (RFC 3339); empty for all (--since)', match: plain('S')},
	{command: 'app.back', contexts: ['global'], keys: 'Esc', help: 'back: close a view, cancel a question, clear a filter', match: (_i, key) => key.escape},
];

/** What Ctrl-C does: cancel the question on screen, cancel the line being typed, or quit. */
export type InterruptEffect = 'cancel-question' | 'cancel-input' | 'quit';

/** The Ctrl-C rule, in one place: a question or a text line is cancelled, never the whole program. */
export function interruptEffect(state: {questionOpen: boolean; typing: boolean}): InterruptEffect {
	if (state.questionOpen) return 'cancel-question';
	if (state.typing) return 'cancel-input';
	return 'quit';
}

/** The command a key means in a context (its own bindings first, then the global ones). */
export function findCommand(context: KeyContext, input: string, key: Key): Command | undefined {
	// Ctrl-C quits from anywhere, even where "any other key" would match first.
	if (ctrl('c')(input, key)) return 'app.interrupt';
	for (const binding of keymap) {
		if (binding.contexts.includes(context) && binding.match(input, key)) return binding.command;
	}

	for (const binding of keymap) {
		if (binding.contexts.includes('global') && binding.match(input, key)) return binding.command;
	}

	return undefined;
}

/** The binding of a command (its first, when bound in several contexts). */
export function bindingOf(command: Command): KeyBinding | undefined {
	return keymap.find(b => b.command === command);
}
