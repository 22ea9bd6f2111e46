// `:health` / Shift-H: what is wrong on this node, worst first — each line with the crictl
// command that shows it; Enter opens the container's triage or the pod's inspect.
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {crictlCmd} from '../format/crictl.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {useHealth} from '../state/use-health.js';
import {crictlTargetOf} from './crictl-target.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

/** Each item takes three lines: what, why, crictl. */
const LINES_PER_ITEM = 3;

export function HealthView({width, height}: ViewProps) {
	const {data} = useNodeState();
	const actions = useNodeActions();
	const theme = useTheme();
	const {items, note} = useHealth();
	const [selected, setSelected] = useState(0);
	const target = crictlTargetOf(data);
	const visible = Math.max(1, Math.floor((height - 1) / LINES_PER_ITEM));
	const index = Math.min(selected, Math.max(0, items.length - 1));

	useViewKeys((input, key) => {
		const command = findCommand('health', input, key);
		if (command === 'app.back') actions.dispatch({type: 'close-view'});
		else if (command === 'move.down') setSelected(Math.min(index + 1, items.length - 1));
		else if (command === 'move.up') setSelected(Math.max(index - 1, 0));
		else if (command === 'move.top') setSelected(0);
		else if (command === 'move.bottom') setSelected(Math.max(0, items.length - 1));
		else if (command === 'list.open') {
			const line = items[index]?.target;
			if (!line) return;
			actions.dispatch({type: 'open-view', view: {name: line.kind === 'container' ? 'triage' : 'inspect', target: {kind: line.kind, id: line.id, name: line.name}}});
		}
	});

	const first = Math.max(0, Math.min(index - visible + 1, items.length - visible));
	const trouble = items.filter(i => i.severity !== 'ok').length;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">
				{'node health '}
				<Text color={theme.muted}>{trouble === 0 ? 'nothing wrong found' : `${trouble} problem${trouble === 1 ? '' : 's'}, worst first`}{note ? ` · ${sanitize(note, {max: 200})}` : ''}</Text>
			</Text>
			{items.slice(first, first + visible).map((item, i) => {
				const at = first + i;
				const color = item.severity === 'bad' ? theme.bad : item.severity === 'warn' ? theme.warn : theme.good;
				return (
					<Box key={`${at}:${item.title}`} flexDirection="column">
						<Text wrap="truncate" inverse={at === index} color={color}>{`${at === index ? '›' : ' '} ${sanitize(item.title, {max: 400})}`}</Text>
						<Text wrap="truncate" color={theme.muted}>{`    ${sanitize(item.detail, {max: 400})}`}</Text>
						<Text wrap="truncate" color={theme.muted}>{`    $ ${crictlCmd(target, ...item.crictl)}`}</Text>
					</Box>
				);
			})}
		</Box>
	);
}
