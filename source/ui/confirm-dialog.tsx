// The one question before an action that changes the node: "Stop container
// web (FULL ID)?", "Remove image …?". What it asks, warns and runs comes from
// the action's spec (state/node-actions.ts, chosen by view.arg); y answers,
// any other key cancels. The action goes to the target captured when the
// dialog opened (view.target), so rows moving underneath never redirect it.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {confirmSpecOf, perform} from '../state/node-actions.js';
import {useTroubleshootingContext} from '../state/use-troubleshooting.js';
import {crictlTargetOf} from './crictl-target.js';
import {listsOf} from '../state/owner.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

export function ConfirmDialog({view}: ViewProps) {
	const theme = useTheme();
	const {data} = useNodeState();
	const actions = useNodeActions();
	const target = view.target!;
	const spec = confirmSpecOf(view.arg ?? view.name);
	const at = crictlTargetOf(data, target);
	const {hostRoot} = useTroubleshootingContext();
	// Only the owning endpoint's objects: another node's object with the same ID is not this one.
	const lists = listsOf({containers: data.containers, pods: data.pods, images: data.images}, target.endpoint);
	const crictl = spec.crictl(at, target, lists);
	const warnings = spec.warnings(target, lists);

	useViewKeys((input, key) => {
		const command = findCommand('confirm', input, key);
		if (command === 'app.interrupt') return; // the app quits
		actions.dispatch({type: 'close-view'});
		if (command !== 'confirm.yes') {
			actions.dispatch({type: 'action-done', crictl, message: 'cancelled'});
			return;
		}

		const context = {...lists, hostRoot};
		void perform(spec, actions.client(target), target, at, progress => actions.dispatch({type: 'action-done', ...progress}), context).then(result => {
			actions.dispatch({type: 'action-done', ...result});
			if (!result.error) actions.refresh();
		});
	});

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={spec.tone === 'bad' ? theme.bad : theme.warn} paddingX={1}>
			<Text bold>{`${spec.verb} ${spec.noun(target)} ${sanitize(target.name)}?`}</Text>
			<Text>{`ID: ${sanitize(target.id)}`}</Text>
			{warnings.map(w => <Text key={w} color={theme.warn}>{w}</Text>)}
			<Text wrap="truncate" color={theme.muted}>{`$ ${crictl}`}</Text>
			<Text>
				<Text bold>y</Text> {spec.answer}   <Text bold>any other key</Text> cancel (default: no)
			</Text>
		</Box>
	);
}
