// What the footer says for what is on screen: the crictl command equivalent to
// it (or the one the last action ran), then the action's sentence or the key
// hint, or the `:` line being typed. Pure, so every case is unit-tested;
// footer.tsx only paints it. Beside the view registry and the sort marks it
// reads (both ui), which is why it is not in state/.
import {crictlEvents, crictlImages, crictlPods, crictlPs, type CrictlTarget} from '../format/crictl.js';
import {crictlFilterFlags, parseFilter} from '../format/filter-query.js';
import type {NodeLists} from '../state/node-actions.js';
import {topView, type Pane, type SortState, type UiState, type View} from '../state/ui-state.js';
import {sortLabel} from './sort-mark.js';

/** The footer's content (Footer's props). */
export type FooterLine = {
	crictl: string;
	hint: string;
	/** The last action's sentence, or a notice (always an error). */
	message?: string;
	error?: boolean;
	/** The `:` command line's text while it is open. */
	prompt: string | null;
};

/** What a registered view gives the footer (views.tsx). */
export type FooterViewEntry = {
	crictl?: (view: View, target: CrictlTarget, ui: UiState, lists: NodeLists) => string;
	hint?: string;
};

/** The main screen's key hint: the most used keys and the pane's sort (also on its column header). */
export function paneHint(pane: Pane, sort: SortState): string {
	const label = sortLabel(pane, sort);
	const keys = pane === 'images' ? 'N/Z' : 'C/M/N/A';
	const sorting = label ? `  sort ${label} ${keys}` : '';
	if (pane === 'containers') return `?help /filter Enter open l logs s shell x stop :cmd${sorting}`;
	if (pane === 'images') return `?help /filter Enter inspect Ctrl-D remove :cmd${sorting}  q quit`;
	if (pane === 'events') return '?help /filter Enter open Ctrl-R refresh :cmd  newest first  q quit';
	return `?help /filter Enter containers x stop :cmd${sorting}  q quit`;
}

/** The crictl command listing what the pane shows, with its filter's flags. */
export function paneCrictl(ui: UiState, target: CrictlTarget): string {
	if (ui.pane === 'containers') return crictlPs(target, {all: ui.showAll, podId: ui.podFilter?.id, filters: crictlFilterFlags(parseFilter(ui.filters.containers))});
	if (ui.pane === 'images') return crictlImages(target, {pinned: true});
	if (ui.pane === 'events') return crictlEvents(target);
	return crictlPods(target, {filters: crictlFilterFlags(parseFilter(ui.filters.pods))});
}

/** The footer for `ui` over the node's `lists`; `entryOf` finds the top view's registration. */
export function footerLine(ui: UiState, target: CrictlTarget, entryOf: (view: View) => FooterViewEntry | undefined, lists: NodeLists = {containers: []}): FooterLine {
	const view = topView(ui);
	const entry = view ? entryOf(view) : undefined;
	// A view without a crictl line of its own (help, trace) leaves the pane's.
	let crictl = view && entry?.crictl ? entry.crictl(view, target, ui, lists) : paneCrictl(ui, target);
	const last = !view && ui.lastAction ? ui.lastAction : undefined;
	// A sentence without a command of its own (a refusal, an unknown :command) gets the whole line.
	if (last) crictl = last.crictl;
	const hint = entry?.hint ?? (ui.filterEditing ? 'type to filter  Enter keep  Esc clear' : paneHint(ui.pane, ui.sort[ui.pane]));
	return {crictl, hint, message: ui.notice ?? last?.message, error: ui.notice ? true : last?.error, prompt: ui.commandLine};
}
