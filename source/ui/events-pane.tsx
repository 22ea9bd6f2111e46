// The events pane's title (`4`, a list pane fed by panes/events.ts): where the
// events come from — GetContainerEvents where the runtime streams it, else
// the difference between refreshes — and how many are kept.
import React from 'react';
import {Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useTheme} from './theme.js';

export type EventsTitleProps = {note: string; kept: number};

export function EventsTitle({note, kept}: EventsTitleProps) {
	const theme = useTheme();
	return (
		<Text bold wrap="truncate">
			{'events '}
			<Text color={theme.muted}>{`${sanitize(note)} · ${kept} kept`}</Text>
		</Text>
	);
}
