// What the person is looking at: pane, selection (by object ID), filters, the
// view stack. Refreshes never go through here, so data can move under a stable
// selection.
import {defaultLogOptions, type LogOptions} from './logs-view-keys.js';

export type Pane = 'pods' | 'containers' | 'images' | 'events';
/** The tab bar's order (1 2 3 4, Tab). */
export const panes: readonly Pane[] = ['pods', 'containers', 'images', 'events'];

/** What a view or the last action is about. id is always the FULL ID. */
export type Target = {
	kind: 'pod' | 'container' | 'image';
	id: string;
	name: string;
	/** The endpoint that owns the object when several are shown (fleet); actions go there. */
	endpoint?: string;
};

/**
 * Names of views above the main screen. To add a view: add its name here (or
 * use any string), register its component in source/ui/views.tsx, and give a
 * key in source/state/keymap.ts `opens: {view: name}`.
 */
export type ViewName =
	| 'inspect'
	| 'confirm'
	| 'picker'
	| 'help'
	| 'logs'
	| 'previous-logs'
	| 'shell'
	| 'triage'
	| 'exec'
	| 'remove'
	| 'command'
	| (string & {});

export type View = {
	name: ViewName;
	/** The object the view is about, captured when it opened. */
	target?: Target;
	/** Free-form argument (e.g. the confirm action 'stop', the command line text). */
	arg?: string;
};

export type Selection = {
	/** Full ID of the selected object; null selects the first row. */
	id: string | null;
	/** Row index when last seen, so a vanished object selects its nearest neighbour. */
	index: number;
};

/** 'default' means the pane's own order (pods/containers: age; images: name). */
export type SortKey = 'default' | 'age' | 'name' | 'cpu' | 'mem' | 'size' | (string & {});

export type SortState = {key: SortKey; descending: boolean};

/** Which way a key sorts when first chosen: names A→Z, everything else biggest/newest first (k9s). */
export function firstDirection(key: SortKey): boolean {
	return key !== 'name';
}

/** The order each pane starts in: crictl's (pods and containers newest first, images by name; events newest first, fixed). */
export const defaultSorts: Readonly<Record<Pane, SortState>> = {
	pods: {key: 'age', descending: true},
	containers: {key: 'age', descending: true},
	images: {key: 'name', descending: false},
	events: {key: 'default', descending: true},
};

export type UiState = {
	pane: Pane;
	selection: Record<Pane, Selection>;
	filters: Record<Pane, string>;
	/** The filter bar has the keyboard. */
	filterEditing: boolean;
	/** Containers pane shows exited ones too (crictl ps -a). @default true */
	showAll: boolean;
	/** Pod drill-down: the containers pane shows only this pod's containers. */
	podFilter: Target | null;
	/** Per pane: Shift-C/M/N/A (Z) choose the key, the same key again reverses. */
	sort: Record<Pane, SortState>;
	/** The `:` command line's text while it has the keyboard; null when closed. */
	commandLine: string | null;
	/** Views stacked above the main screen; empty means the main screen. */
	views: View[];
	/** The crictl line (and a result sentence) of the last action, shown in the footer until the next key. */
	lastAction: {crictl: string; message: string; error?: boolean} | null;
	/** Bumped to force a full repaint (after the terminal was handed over). */
	repaint: number;
	/** A short note in the footer until the next key (a paste that was ignored, keys a question did not take). */
	notice: string | null;
	/** How logs views read (--tail/--since flags, then T/S in a logs view); kept for the next log opened. */
	logOptions: LogOptions;
};

export type UiAction =
	| {type: 'set-pane'; pane: Pane}
	| {type: 'cycle-pane'; step: 1 | -1}
	| {type: 'select'; pane: Pane; id: string | null; index: number}
	| {type: 'filter-start'}
	| {type: 'filter-input'; text: string}
	| {type: 'filter-keep'}
	| {type: 'filter-clear'}
	| {type: 'toggle-all'}
	| {type: 'drill-down'; pod: Target}
	/** Sort the pane (default: the current one) by key; the same key again reverses. */
	| {type: 'sort'; key: SortKey; pane?: Pane}
	| {type: 'sort-direction'; descending: boolean; pane?: Pane}
	| {type: 'command-start'}
	| {type: 'command-input'; text: string}
	| {type: 'command-close'}
	| {type: 'open-view'; view: View}
	| {type: 'close-view'}
	| {type: 'back'}
	| {type: 'action-done'; crictl: string; message: string; error?: boolean}
	| {type: 'clear-action'}
	| {type: 'notice'; text: string}
	| {type: 'clear-notice'}
	| {type: 'endpoint-switched'}
	| {type: 'log-options'; options: LogOptions}
	| {type: 'repaint'};

const emptyPerPane = <T>(value: T): Record<Pane, T> => ({pods: value, containers: value, images: value, events: value});

export function initialUiState(overrides: Partial<UiState> = {}): UiState {
	return {
		pane: 'pods',
		selection: emptyPerPane<Selection>({id: null, index: 0}),
		filters: emptyPerPane(''),
		filterEditing: false,
		showAll: true,
		podFilter: null,
		sort: defaultSorts,
		commandLine: null,
		views: [],
		lastAction: null,
		repaint: 0,
		notice: null,
		logOptions: defaultLogOptions,
		...overrides,
	};
}

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'set-pane': {
			return state.pane === action.pane ? state : {...state, pane: action.pane, filterEditing: false};
		}

		case 'cycle-pane': {
			const at = Math.max(0, panes.indexOf(state.pane));
			const pane = panes[(at + action.step + panes.length) % panes.length];
			return {...state, pane, filterEditing: false};
		}

		case 'select': {
			const current = state.selection[action.pane];
			if (current.id === action.id && current.index === action.index) return state;
			return {...state, selection: {...state.selection, [action.pane]: {id: action.id, index: action.index}}};
		}

		case 'filter-start': {
			return {...state, filterEditing: true};
		}

		case 'filter-input': {
			return {...state, filters: {...state.filters, [state.pane]: action.text}};
		}

		case 'filter-keep': {
			return {...state, filterEditing: false};
		}

		case 'filter-clear': {
			return {...state, filterEditing: false, filters: {...state.filters, [state.pane]: ''}};
		}

		case 'toggle-all': {
			return {...state, showAll: !state.showAll};
		}

		case 'drill-down': {
			return {
				...state,
				pane: 'containers',
				podFilter: action.pod,
				selection: {...state.selection, containers: {id: null, index: 0}},
			};
		}

		case 'sort': {
			const pane = action.pane ?? state.pane;
			const current = state.sort[pane];
			const descending = current.key === action.key ? !current.descending : firstDirection(action.key);
			return {...state, sort: {...state.sort, [pane]: {key: action.key, descending}}};
		}

		case 'sort-direction': {
			const pane = action.pane ?? state.pane;
			return {...state, sort: {...state.sort, [pane]: {...state.sort[pane], descending: action.descending}}};
		}

		case 'command-start': {
			return {...state, commandLine: '', filterEditing: false};
		}

		case 'command-input': {
			return state.commandLine === null ? state : {...state, commandLine: action.text};
		}

		case 'command-close': {
			return state.commandLine === null ? state : {...state, commandLine: null};
		}

		case 'open-view': {
			return {...state, views: [...state.views, action.view], filterEditing: false, commandLine: null};
		}

		case 'close-view': {
			return state.views.length === 0 ? state : {...state, views: state.views.slice(0, -1)};
		}

		case 'back': {
			// Esc peels one layer: a view, then the filter, then the pod drill-down.
			if (state.commandLine !== null) return {...state, commandLine: null};
			if (state.views.length > 0) return {...state, views: state.views.slice(0, -1)};
			if (state.filterEditing || state.filters[state.pane]) {
				return {...state, filterEditing: false, filters: {...state.filters, [state.pane]: ''}};
			}

			if (state.pane === 'containers' && state.podFilter) return {...state, podFilter: null};
			return state;
		}

		case 'action-done': {
			return {...state, lastAction: {crictl: action.crictl, message: action.message, error: action.error}};
		}

		case 'clear-action': {
			return state.lastAction ? {...state, lastAction: null} : state;
		}

		case 'notice': {
			return {...state, notice: action.text};
		}

		case 'clear-notice': {
			return state.notice === null ? state : {...state, notice: null};
		}

		case 'endpoint-switched': {
			return initialUiState({repaint: state.repaint});
		}

		case 'repaint': {
			return {...state, repaint: state.repaint + 1};
		}

		case 'log-options': {
			return {...state, logOptions: action.options};
		}
	}
}

/** The view on top, or null on the main screen. */
export function topView(state: UiState): View | null {
	return state.views.length > 0 ? state.views[state.views.length - 1] : null;
}
