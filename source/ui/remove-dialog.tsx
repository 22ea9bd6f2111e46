// Ctrl-D: "Remove container web (FULL ID)?" — y removes, anything else
// cancels. Like the stop dialog it acts on the target captured when it opened.
// It says what else goes: crictl rm deletes the container's log files, a pod
// takes its containers with it, an image shows who still uses it. In
// --read-only mode Ctrl-D is refused before this opens (main-keys.ts); the
// read-only client would still refuse the call.
import React from 'react';
import {Box, Text} from 'ink';
import {crictlRm, crictlRmi, crictlRmp, type CrictlTarget} from '../format/crictl.js';
import {shortId} from '../format/ids.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import type {Target} from '../state/ui-state.js';
import type {CriClient} from '../wire/cri-client.js';
import type {Container} from '../wire/types.js';
import {crictlTargetOf} from './crictl-target.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

/** Containers whose image is this image (by ID, ref or name). */
export function containersUsingImage(imageId: string, containers: readonly Container[]): Container[] {
	const bare = imageId.replace(/^sha256:/, '');
	return containers.filter(c => [c.imageRef, c.imageId, c.image?.image ?? ''].some(ref =>
		ref !== '' && (ref === imageId || ref.replace(/^(docker:\/\/)?sha256:/, '') === bare)));
}

/** What else goes, one sentence per line. */
export function removeWarnings(target: Target, containers: readonly Container[]): string[] {
	if (target.kind === 'container') {
		const c = containers.find(x => x.id === target.id);
		const running = c?.state === 'CONTAINER_RUNNING' ? ['it is running: the runtime kills it first'] : [];
		return [...running, 'its log files are deleted too (crictl rm does the same)'];
	}

	if (target.kind === 'pod') {
		const n = containers.filter(c => c.podSandboxId === target.id).length;
		return [`its ${n} container${n === 1 ? '' : 's'} and their logs are removed too; a running pod is stopped first`];
	}

	const users = containersUsingImage(target.id, containers);
	if (users.length === 0) return ['no container uses it'];
	return [`used by ${users.length} container${users.length === 1 ? '' : 's'}: ${users.slice(0, 5).map(c => `${sanitize(c.metadata?.name ?? '')} (${shortId(c.id)})`).join(', ')}${users.length > 5 ? ', …' : ''} — the runtime refuses while they exist`];
}

export async function removeTarget(client: CriClient, target: Target): Promise<void> {
	if (target.kind === 'container') await client.removeContainer(target.id);
	else if (target.kind === 'pod') await client.removePodSandbox(target.id);
	else await client.removeImage(target.id);
}

export function crictlRemove(t: CrictlTarget, target: Target): string {
	return target.kind === 'pod' ? crictlRmp(t, target.id) : target.kind === 'image' ? crictlRmi(t, target.id) : crictlRm(t, target.id);
}

export function RemoveDialog({view}: ViewProps) {
	const theme = useTheme();
	const {data} = useNodeState();
	const actions = useNodeActions();
	const target = view.target!;
	const crictl = crictlRemove(crictlTargetOf(data), target);
	const warnings = removeWarnings(target, data.containers);

	useViewKeys((input, key) => {
		const command = findCommand('confirm', input, key);
		if (command === 'app.interrupt') return;
		actions.dispatch({type: 'close-view'});
		if (command !== 'confirm.yes') {
			actions.dispatch({type: 'action-done', crictl, message: 'cancelled'});
			return;
		}

		const client = actions.client();
		if (!client) {
			actions.dispatch({type: 'action-done', crictl, message: 'not removed: not connected', error: true});
			return;
		}

		actions.dispatch({type: 'action-done', crictl, message: `removing ${target.kind} ${target.name}…`});
		removeTarget(client, target).then(
			() => {
				actions.dispatch({type: 'action-done', crictl, message: `removed ${target.kind} ${target.name}`});
				actions.refresh();
			},
			(error: unknown) => actions.dispatch({type: 'action-done', crictl, message: error instanceof Error ? error.message : String(error), error: true}),
		);
	});

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.bad} paddingX={1}>
			<Text bold>{`Remove ${target.kind} ${sanitize(target.name)}?`}</Text>
			<Text>{`ID: ${sanitize(target.id)}`}</Text>
			{warnings.map(w => <Text key={w} color={theme.warn}>{w}</Text>)}
			<Text wrap="truncate" color={theme.muted}>{`$ ${crictl}`}</Text>
			<Text>
				<Text bold>y</Text> remove   <Text bold>any other key</Text> cancel (default: no)
			</Text>
		</Box>
	);
}
