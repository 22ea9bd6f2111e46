// The screen between the pane tabs and the footer: the view on top of the
// view stack, else the current pane's list (one generic list pane, a spec per
// resource). Reads the node and the UI from the state context.
import React, {useMemo} from 'react';
import {imageNames as indexImageNames} from '../format/rows.js';
import {useNodeState} from '../state/contexts.js';
import {useAgeClock} from '../state/use-age-clock.js';
import {useTroubleshootingContext} from '../state/use-troubleshooting.js';
import {topView} from '../state/ui-state.js';
import {isFleet} from '../state/fleet-merge.js';
import type {PaneModels} from '../state/use-pane-models.js';
import type {TroubleshootingResult} from '../state/use-troubleshooting.js';
import {emptyText} from './list-spec.js';
import {ListPane} from './list-pane.js';
import {EventsTitle} from './events-pane.js';
import {containersSpec} from './panes/containers.js';
import {eventsSpec} from './panes/events.js';
import {imagesSpec} from './panes/images.js';
import {podsSpec} from './panes/pods.js';
import {ViewKeysContext, type ViewKeys} from './view-keys.js';
import {views} from './views.js';

export type AppBodyProps = {
	models: PaneModels;
	/** CPU/MEM per container and pod (crictl stats), when the runtime gives them. */
	usage: Pick<TroubleshootingResult, 'usage' | 'podUsage'>;
	/** The key dispatcher's registration for the top view; null on the main screen. */
	viewKeys: ViewKeys | null;
	width: number;
	height: number;
	/** Refresh period, ms: ages move at least this often. @default 2000 */
	intervalMs?: number;
};

const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** The images spec reads nothing besides its rows. */
const noContext = {};
type Part = 'pods' | 'containers' | 'images';

export function AppBody({models, usage, viewKeys, width, height, intervalMs = 2000}: AppBodyProps) {
	const {data, ui} = useNodeState();
	const {events, stats} = useTroubleshootingContext();
	const view = topView(ui);
	const entry = view ? views[view.name] : undefined;
	const imageNames = useMemo(() => indexImageNames(data.images), [data.images]);
	// Ages move even when nothing is re-listed (events drive the lists), and with each stats round:
	// that frame is painted anyway, so on events the clock needs no frame of its own.
	const now = useAgeClock(latest(data.lastRefresh, stats.at), intervalMs);
	const podsContext = useMemo(() => ({now, usage: usage.podUsage}), [now, usage.podUsage]);
	const containersContext = useMemo(
		() => ({podsById: models.podsById, imageNames, usage: usage.usage, now, showAll: ui.showAll}),
		[models.podsById, imageNames, usage.usage, now, ui.showAll],
	);
	const eventsContext = useMemo(() => ({now, containersById: models.containersById, podsById: models.podsById}), [now, models.containersById, models.podsById]);

	// Several endpoints: NODE first on every row, a down endpoint's rows greyed.
	const several = isFleet(data);
	const down = (data.fleet?.members ?? []).filter(m => m.data.connection.phase === 'disconnected').map(m => m.key).join('\n');
	const node = useMemo(() => (several ? {down: new Set(down.split('\n'))} : undefined), [several, down]);

	if (view && entry) {
		const ViewComponent = entry.component;
		return <ViewKeysContext.Provider value={viewKeys}><ViewComponent view={view} width={width} height={height} /></ViewKeysContext.Provider>;
	}

	const dim = data.connection.phase === 'disconnected';
	const waiting = data.connection.phase === 'connecting' ? 'connecting…' : undefined;
	// A part whose call failed shows only its error sentence (above the table): "loading…" under it would never end.
	const partState = (part: Part) => ({waiting, loaded: data.loaded[part], filter: ui.filters[part], error: data.partErrors[part]});
	// The part's error or truncation sentence, the line above its table; and what every pane shares.
	const common = (part: Part) => ({error: data.partErrors[part], truncated: data.truncated[part], sort: ui.sort[part], width, height, dim, node});
	if (ui.pane === 'containers') {
		return (
			<ListPane
				spec={containersSpec} context={containersContext} model={models.containers} {...common('containers')}
				empty={emptyText(containersSpec.noun(containersContext), partState('containers'))}
			/>
		);
	}

	if (ui.pane === 'events') {
		return (
			<ListPane
				spec={eventsSpec} context={eventsContext} model={models.events} width={width} height={height} dim={dim}
				title={<EventsTitle note={events.note} kept={events.events.length} />}
				empty={ui.filters.events ? `no events match /${ui.filters.events}` : 'nothing has changed since the dashboard started'}
			/>
		);
	}

	if (ui.pane === 'images') {
		return (
			<ListPane
				spec={imagesSpec} context={noContext} model={models.images} {...common('images')}
				empty={emptyText(imagesSpec.noun(noContext), partState('images'))}
			/>
		);
	}

	return (
		<ListPane
			spec={podsSpec} context={podsContext} model={models.pods} {...common('pods')}
			empty={emptyText(podsSpec.noun(podsContext), partState('pods'))}
		/>
	);
}
