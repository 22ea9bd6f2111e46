// THE place a view is registered. To add one (e.g. logs):
//   1. write source/ui/logs-view.tsx exporting a component taking ViewProps
//      (it handles its own keys with useViewKeys + findCommand('logs', …),
//      which the app's one key dispatcher feeds);
//   2. add it to `views` below with its footer crictl line;
//   3. map the key's command to it in `commandViews` (the key itself is in
//      source/state/keymap.ts). The app opens it with the selected row as
//      view.target (full ID captured at that moment).
import type {ComponentType} from 'react';
import {crictlInspect, crictlInspecti, crictlInspectp, crictlStop, crictlStopp, crictlConfigSetEndpoint, type CrictlTarget} from '../format/crictl.js';
import type {Command} from '../state/keymap.js';
import type {Pane, View, ViewName} from '../state/ui-state.js';
import {ConfirmDialog} from './confirm-dialog.js';
import {EndpointPicker} from './endpoint-picker.js';
import {HelpView} from './help-view.js';
import {InspectView} from './inspect-view.js';
import type {ViewProps} from './view-props.js';

export type ViewEntry = {
	component: ComponentType<ViewProps>;
	/** The crictl command the footer shows while the view is open. */
	crictl?: (view: View, target: CrictlTarget) => string;
	/** Footer key hint. */
	hint?: string;
	/**
	 * The view asks a yes/no question: the key dispatcher lets only keys read
	 * after it was drawn answer it (never type-ahead from the key that opened it). @default false
	 */
	question?: boolean;
};

export const views: Record<string, ViewEntry> = {
	inspect: {
		component: InspectView,
		crictl: (v, t) => (v.target?.kind === 'pod' ? crictlInspectp(t, v.target.id) : v.target?.kind === 'image' ? crictlInspecti(t, v.target.id) : crictlInspect(t, v.target?.id ?? '')),
		hint: 'j/k scroll  y YAML  J JSON  Esc back',
	},
	confirm: {
		component: ConfirmDialog,
		question: true,
		crictl: (v, t) => (v.target?.kind === 'pod' ? crictlStopp(t, v.target.id) : crictlStop(t, v.target?.id ?? '')),
		hint: 'y confirm  any other key cancels',
	},
	picker: {
		component: EndpointPicker,
		crictl: (_v, t) => crictlConfigSetEndpoint(t.endpoint ?? ''),
		hint: 'j/k move  Enter switch  Esc back',
	},
	help: {component: HelpView, hint: 'j/k scroll  Esc back  q quit'},
};

/**
 * Commands that open a view on the selected row, and the panes where they
 * apply (undefined: every pane). Reserved keys without an entry here say
 * "not available yet" in the footer.
 */
export const commandViews: Partial<Record<Command, {view: ViewName; panes?: readonly Pane[]; needsTarget?: boolean}>> = {};

/** Register a view from another module (same effect as editing the tables above). */
export function registerView(name: ViewName, entry: ViewEntry, command?: Command, options: {panes?: readonly Pane[]; needsTarget?: boolean} = {}): void {
	views[name] = entry;
	if (command) commandViews[command] = {view: name, ...options};
}
