// `s` on a running container: hands the real terminal to an interactive shell
// in the container (bash, else /bin/sh), then back to the dashboard with the
// exit code and the exec protocol in the footer. A view only for the moment it
// takes to start: it closes itself and the work goes on without it.
import React, {useEffect, useRef} from 'react';
import {Text} from 'ink';
import {crictlExecShell} from '../format/crictl.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {containerStateText} from '../format/rows.js';
import {runShell, shellExitSentence} from '../wire/exec-shell.js';
import {crictlTargetOf} from './crictl-target.js';
import type {ViewProps} from './view-props.js';

export function ShellView({view}: ViewProps) {
	const {data} = useNodeState();
	const actions = useNodeActions();
	const started = useRef(false);
	const target = view.target!;

	useEffect(() => {
		if (started.current) return;
		started.current = true;
		const crictl = crictlExecShell(crictlTargetOf(data), target.id);
		const fail = (message: string) => actions.dispatch({type: 'action-done', crictl, message, error: true});
		actions.dispatch({type: 'close-view'});
		const container = data.containers.find(c => c.id === target.id);
		if (container && container.state !== 'CONTAINER_RUNNING') {
			fail(`no shell: ${target.name} is ${containerStateText(container.state)} (t shows why)`);
			return;
		}

		const client = actions.client();
		if (!client) return fail('no shell: not connected to the runtime');
		if (!actions.handOver) return fail('no shell: it needs an interactive terminal');
		actions.handOver(async io => {
			io.stdout.write(`crisock-tui: shell in ${sanitize(target.name)} (${target.id}); exit the shell to return\r\n`);
			return runShell(client, target.id, io.stdin, io.stdout);
		}).then(
			result => actions.dispatch({
				type: 'action-done',
				crictl: crictlExecShell(crictlTargetOf(data), target.id, result.command.at(-1)?.replace(/^\/bin\//, '')),
				message: shellExitSentence(result),
				error: result.code === -1,
			}),
			(error: unknown) => fail(error instanceof Error ? error.message : String(error)),
		);
		// Runs once, for the target captured when the view opened.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	return <Text>{`opening a shell in ${sanitize(target.name)}…`}</Text>;
}
