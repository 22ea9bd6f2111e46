// The events pane (`4`): what changed on the node lately, newest first —
// from GetContainerEvents where the runtime streams it, else from the
// difference between refreshes (the title says which). A list pane fed by
// the events spec (panes/events.ts).
import React, {useMemo, useState} from 'react';
import {Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {moveIndex} from '../state/selectors.js';
import {useTroubleshootingContext} from '../state/use-troubleshooting.js';
import {ListPane} from './list-pane.js';
import {eventsSpec} from './panes/events.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

export type EventsTitleProps = {note: string; kept: number};

/** Where the events come from and how many are kept. */
export function EventsTitle({note, kept}: EventsTitleProps) {
	const theme = useTheme();
	return (
		<Text bold wrap="truncate">
			{'events '}
			<Text color={theme.muted}>{`${sanitize(note)} · ${kept} kept`}</Text>
		</Text>
	);
}

export function EventsPane({width, height}: ViewProps) {
	const actions = useNodeActions();
	const {data} = useNodeState();
	const {events} = useTroubleshootingContext();
	const [selected, setSelected] = useState(0);
	const newest = useMemo(() => [...events.events].reverse(), [events.events]);
	const context = useMemo(() => ({
		now: data.lastRefresh ?? Date.now(),
		containersById: new Map(data.containers.map(c => [c.id, c])),
		podsById: new Map(data.pods.map(p => [p.id, p])),
	}), [data.lastRefresh, data.containers, data.pods]);
	const page = Math.max(1, height - 3);
	const steps: Record<string, number> = {
		'move.down': 1, 'move.up': -1, 'move.page-down': page, 'move.page-up': -page, 'move.top': Number.NEGATIVE_INFINITY, 'move.bottom': Number.POSITIVE_INFINITY,
	};
	useViewKeys((input, key) => {
		const command = findCommand('triage', input, key);
		if (command === 'app.back') actions.dispatch({type: 'close-view'});
		else if (command && command in steps) setSelected(i => Math.max(0, moveIndex(i, steps[command], newest.length)));
	});
	const index = Math.min(selected, newest.length - 1);
	return (
		<ListPane
			spec={eventsSpec} context={context} model={{items: newest, selectedIndex: index}} width={width} height={height}
			title={<EventsTitle note={events.note} kept={events.events.length} />}
			empty="nothing has changed since the dashboard started"
		/>
	);
}
