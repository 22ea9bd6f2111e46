// The pane tabs and, when a filter is typed or kept, the filter text.
import React from 'react';
import {Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import type {Pane, Target} from '../state/ui-state.js';
import {useTheme} from './theme.js';

export type FilterBarProps = {
	pane: Pane;
	counts: Record<Pane, number>;
	filter: string;
	editing: boolean;
	showAll: boolean;
	podFilter: Target | null;
	/** A muted remark after the tabs (e.g. how the pods' CPU/MEM were obtained). */
	note?: string;
};

const tabs = [['pods', '1 Pods'], ['containers', '2 Containers'], ['images', '3 Images'], ['events', '4 Events']] as const;

export function FilterBar({pane, counts, filter, editing, showAll, podFilter, note}: FilterBarProps) {
	const theme = useTheme();
	return (
		<Text wrap="truncate">
			{tabs.map(([key, label]) => (
				<Text key={key} inverse={pane === key} bold={pane === key} color={pane === key ? theme.accent : undefined}>
					{` ${label} ${counts[key]} `}
				</Text>
			))}
			<Text>
				{pane === 'containers' ? ` ${showAll ? 'all' : 'running'}` : ''}
				{pane === 'containers' && podFilter ? ` pod:${sanitize(podFilter.name)}` : ''}
				{editing || filter ? ` /${sanitize(filter)}` : ''}
				{editing ? '█' : ''}
			</Text>
			{note ? <Text color={theme.muted}>{`  ${note}`}</Text> : null}
		</Text>
	);
}
