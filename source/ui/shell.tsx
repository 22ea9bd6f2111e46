// `s` on a running container: hands the real terminal to an interactive shell
// in the container (bash, else /bin/sh), then back to the dashboard with the
// exit code and the exec protocol in the footer. A view only for the moment it
// takes to start: it closes itself and the work goes on without it.
import React, {useEffect, useRef} from 'react';
import {Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {openShell} from '../state/node-actions.js';
import {crictlTargetOf} from './crictl-target.js';
import {ownedBy} from '../state/owner.js';
import {ownerMember} from '../state/fleet-merge.js';
import type {ViewProps} from './view-props.js';

export function ShellView({view}: ViewProps) {
	const {data} = useNodeState();
	const actions = useNodeActions();
	const started = useRef(false);
	const target = view.target!;

	useEffect(() => {
		if (started.current) return;
		started.current = true;
		actions.dispatch({type: 'close-view'});
		const container = ownedBy(data.containers, target.endpoint).find(c => c.id === target.id);
		void openShell(actions.client(target), target, container, crictlTargetOf(data, target), actions.handOver, ownerMember(data, target.endpoint)?.dialExec)
			.then(result => actions.dispatch({type: 'action-done', ...result}));
		// Runs once, for the target captured when the view opened.
	}, []);

	return <Text>{`opening a shell in ${sanitize(target.name)}…`}</Text>;
}
