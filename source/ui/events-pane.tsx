// The events pane (`4`): what changed on the node lately, newest first —
// from GetContainerEvents where the runtime streams it, else from the
// difference between refreshes (the title says which).
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {shortId} from '../format/ids.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import type {NodeEvent} from '../state/node-events.js';
import {useTroubleshootingContext} from '../state/use-troubleshooting.js';
import {scrollBy} from './scroll-text.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** One event as a line: time, what, container name and short ID. */
export function eventLine(e: NodeEvent): string {
	const exit = e.exitCode !== undefined && e.kind === 'stopped' ? `  exit ${e.exitCode}` : '';
	return `${clock(e.at)}  ${e.kind.padEnd(7)}  ${sanitize(e.name || '?', {max: 63}).padEnd(20)}  ${shortId(e.containerId)}${exit}`;
}

export type EventsListProps = {events: readonly NodeEvent[]; note: string; height: number; offset?: number};

export function EventsList({events, note, height, offset = 0}: EventsListProps) {
	const theme = useTheme();
	const newest = [...events].reverse();
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">
				{'events '}
				<Text color={theme.muted}>{`${sanitize(note)} · ${events.length} kept`}</Text>
			</Text>
			{newest.length === 0 ? <Text color={theme.muted}>nothing has changed since the dashboard started</Text> : null}
			{newest.slice(offset, offset + Math.max(0, height - 1)).map((e, i) => (
				<Text key={`${offset + i}:${e.containerId}:${e.kind}`} wrap="truncate" color={e.kind === 'stopped' && e.exitCode ? theme.bad : e.kind === 'deleted' ? theme.muted : undefined}>
					{eventLine(e)}
				</Text>
			))}
		</Box>
	);
}

export function EventsPane({height}: ViewProps) {
	const actions = useNodeActions();
	const {events} = useTroubleshootingContext();
	const [offset, setOffset] = useState(0);
	useViewKeys((input, key) => {
		const command = findCommand('triage', input, key);
		if (command === 'app.back') actions.dispatch({type: 'close-view'});
		else setOffset(o => scrollBy(command, o, events.events.length, height - 1));
	});
	return <EventsList events={events.events} note={events.note} height={height} offset={offset} />;
}
