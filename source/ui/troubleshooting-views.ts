// Plugs the troubleshooting views into the app's view registry (views.tsx):
// imported once for its effect. Each entry gives the footer's crictl line.
import {crictlEvents, crictlExecShell, crictlInspect, crictlLogs} from '../format/crictl.js';
import {EventsPane} from './events-pane.js';
import {ExecView} from './exec-view.js';
import {LogsView} from './logs-view.js';
import {RemoveDialog, crictlRemove} from './remove-dialog.js';
import {ShellView} from './shell.js';
import {TriageView} from './triage-view.js';
import {registerView} from './views.js';

const id = (v: {target?: {id: string}}) => v.target?.id ?? '';

registerView('logs', {
	component: LogsView,
	crictl: (v, t) => crictlLogs(t, id(v), {tail: 200}),
	hint: 'Space pause  t time  o stream  w wrap  / search  n/N  j/k scroll  G end  Esc back',
}, 'logs', {panes: ['containers']});

registerView('previous-logs', {
	component: LogsView,
	crictl: (v, t) => crictlLogs(t, id(v), {previous: true}),
	hint: 't time  o stream  w wrap  / search  n/N  j/k scroll  Esc back',
}, 'logs.previous', {panes: ['containers']});

registerView('triage', {
	component: TriageView,
	crictl: (v, t) => crictlInspect(t, id(v)),
	hint: 'j/k scroll  Esc back  (then l logs, p previous, s shell)',
}, 'triage', {panes: ['containers']});

registerView('shell', {component: ShellView, crictl: (v, t) => crictlExecShell(t, id(v))}, 'shell', {panes: ['containers']});

registerView('remove', {
	component: RemoveDialog,
	question: true,
	crictl: (v, t) => (v.target ? crictlRemove(t, v.target) : ''),
	hint: 'y remove  any other key cancels',
}, 'remove');

registerView('exec', {component: ExecView, hint: 'j/k scroll  Esc back'});

registerView('events', {
	component: EventsPane,
	crictl: (_v, t) => crictlEvents(t),
	hint: 'j/k scroll  Esc back',
}, 'pane.events', {needsTarget: false});
