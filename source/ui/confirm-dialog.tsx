// "Stop container web (FULL ID)?" — y stops, anything else cancels. The stop
// goes to the target captured when the dialog opened (view.target), so rows
// moving underneath can never redirect it to another object.
import React from 'react';
import {Box, Text} from 'ink';
import {crictlStop, crictlStopp} from '../format/crictl.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import type {Target} from '../state/ui-state.js';
import type {CriClient} from '../wire/cri-client.js';
import {crictlTargetOf} from './crictl-target.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

/** Grace period given to the runtime when stopping a container, seconds (as the kubelet's default is 30, crictl's 0; a middle ground that lets apps flush). */
export const STOP_GRACE_SECONDS = 10;

/** Perform the stop on exactly `target.id`. */
export async function stopTarget(client: CriClient, target: Target): Promise<void> {
	if (target.kind === 'container') await client.stopContainer(target.id, STOP_GRACE_SECONDS);
	else if (target.kind === 'pod') await client.stopPodSandbox(target.id);
	else throw new Error('images cannot be stopped');
}

export function ConfirmDialog({view}: ViewProps) {
	const theme = useTheme();
	const {data} = useNodeState();
	const actions = useNodeActions();
	const target = view.target!;
	const noun = target.kind === 'pod' ? 'pod' : 'container';
	const crictl = target.kind === 'pod' ? crictlStopp(crictlTargetOf(data), target.id) : crictlStop(crictlTargetOf(data), target.id);

	useViewKeys((input, key) => {
		const command = findCommand('confirm', input, key);
		if (command === 'app.interrupt') return; // the app quits
		actions.dispatch({type: 'close-view'});
		if (command !== 'confirm.yes') {
			actions.dispatch({type: 'action-done', crictl, message: 'cancelled'});
			return;
		}

		const client = actions.client();
		if (!client) {
			actions.dispatch({type: 'action-done', crictl, message: 'not stopped: not connected', error: true});
			return;
		}

		actions.dispatch({type: 'action-done', crictl, message: `stopping ${noun} ${target.name}…`});
		stopTarget(client, target).then(
			() => {
				actions.dispatch({type: 'action-done', crictl, message: `stopped ${noun} ${target.name}`});
				actions.refresh();
			},
			(error: unknown) => actions.dispatch({type: 'action-done', crictl, message: error instanceof Error ? error.message : String(error), error: true}),
		);
	});

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.warn} paddingX={1}>
			<Text bold>{`Stop ${noun} ${sanitize(target.name)}?`}</Text>
			<Text>{`ID: ${sanitize(target.id)}`}</Text>
			<Text wrap="truncate" color={theme.muted}>{`$ ${crictl}`}</Text>
			<Text>
				<Text bold>y</Text> stop   <Text bold>any other key</Text> cancel (default: no)
			</Text>
		</Box>
	);
}
