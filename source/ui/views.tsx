// THE place a view is registered, all of them here. To add one:
//   1. write source/ui/<name>-view.tsx exporting a component taking ViewProps
//      (it handles its own keys with useViewKeys + findCommand(<context>, …),
//      which the app's one key dispatcher feeds);
//   2. add it to `views` below with its footer crictl line and hint;
//   3. give the key's binding in source/state/keymap.ts `opens: {view: …}`
//      (and `dangerous` when it changes the node). The app opens it with the
//      selected row as view.target (full ID captured at that moment).
import type {ComponentType} from 'react';
import {listsOf} from '../state/owner.js';
import {
	crictlConfigSetEndpoint, crictlInfo, crictlExecShell, crictlInspect, crictlInspecti, crictlInspectp, crictlLogs, type CrictlTarget,
} from '../format/crictl.js';
import {confirmSpecOf, type NodeLists} from '../state/node-actions.js';
import type {UiState, View} from '../state/ui-state.js';
import {ConfirmDialog} from './confirm-dialog.js';
import {EndpointPicker} from './endpoint-picker.js';
import {ExecView} from './exec-view.js';
import {HealthView} from './health-view.js';
import {HelpView} from './help-view.js';
import {InspectView} from './inspect-view.js';
import {LogsView, logsHints} from './logs-view.js';
import {ShellView} from './shell.js';
import {TraceView} from './trace-view.js';
import {TriageView} from './triage-view.js';
import type {ViewProps} from './view-props.js';

export type ViewEntry = {
	component: ComponentType<ViewProps>;
	/** The crictl command the footer shows while the view is open; `lists` are the node's objects as on screen. */
	crictl?: (view: View, target: CrictlTarget, ui: UiState, lists: NodeLists) => string;
	/** Footer key hint. */
	hint?: string;
	/**
	 * The view asks a yes/no question: the key dispatcher lets only keys read
	 * after it was drawn answer it (never type-ahead from the key that opened it). @default false
	 */
	question?: boolean;
};

const id = (v: View) => v.target?.id ?? '';
// With the node's lists, as the dialog itself: `crictl rm -f` for a running container (what the remove does), not `crictl rm`.
const confirmCrictl = (v: View, t: CrictlTarget, _ui: UiState, lists: NodeLists) => (v.target ? confirmSpecOf(v.arg ?? v.name).crictl(t, v.target, listsOf(lists, v.target.endpoint)) : '');

export const views: Readonly<Record<string, ViewEntry>> = {
	inspect: {
		component: InspectView,
		crictl: (v, t) => (v.target?.kind === 'pod' ? crictlInspectp(t, v.target.id) : v.target?.kind === 'image' ? crictlInspecti(t, v.target.id) : crictlInspect(t, id(v))),
		hint: 'j/k scroll  y YAML  J JSON  Esc back',
	},
	confirm: {component: ConfirmDialog, question: true, crictl: confirmCrictl, hint: 'y confirm  any other key cancels'},
	remove: {component: ConfirmDialog, question: true, crictl: confirmCrictl, hint: 'y remove  any other key cancels'},
	picker: {
		component: EndpointPicker,
		crictl: (_v, t) => crictlConfigSetEndpoint(t.endpoint ?? ''),
		hint: 'j/k move  Enter switch  Esc back',
	},
	help: {component: HelpView, hint: 'j/k scroll  q/Esc close  Ctrl-C quit'},
	logs: {
		component: LogsView,
		crictl: (v, t, ui) => crictlLogs(t, id(v), ui.logOptions),
		hint: logsHints.live,
	},
	'previous-logs': {
		component: LogsView,
		crictl: (v, t, ui) => crictlLogs(t, id(v), {...ui.logOptions, previous: true}),
		hint: logsHints.previous,
	},
	triage: {
		component: TriageView,
		crictl: (v, t) => crictlInspect(t, id(v)),
		hint: 'j/k scroll  Esc back  (then l logs, p previous, s shell)',
	},
	shell: {component: ShellView, crictl: (v, t) => crictlExecShell(t, id(v))},
	exec: {component: ExecView, hint: 'j/k scroll  Esc back'},
	health: {component: HealthView, crictl: (_v, t) => crictlInfo(t), hint: 'j/k move  Enter triage/inspect  Esc back'},
	trace: {component: TraceView, hint: 'j/k move  Enter request+answer  p keep answers  Esc back'},
};
