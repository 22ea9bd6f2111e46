// `:exec ID CMD…`: runs CMD once in the container (CRI ExecSync, no terminal)
// and shows its output and exit code, like `crictl exec ID CMD…`.
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {crictlExec} from '../format/crictl.js';
import {splitShellWords} from '../format/shell-words.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import type {Container} from '../model/cri-types.js';
import {execOnce} from '../state/node-actions.js';
import {crictlTargetOf} from './crictl-target.js';
import {scrollBy} from './scroll-text.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

/** "ID CMD…" (shell-quoted words) → the container (by unique ID prefix among those listed) and the command. */
export function parseExec(text: string, containers: readonly Container[]): {containerId: string; cmd: string[]} | {error: string} {
	const split = splitShellWords(text);
	if ('error' in split) return {error: split.error};
	const [id, ...cmd] = split.words;
	if (!id || cmd.length === 0) return {error: 'usage: :exec CONTAINER-ID COMMAND [ARG…]'};
	const matches = containers.filter(c => c.id.startsWith(id));
	if (matches.length > 1) return {error: `container ID ${id} is ambiguous: ${matches.length} containers start with it`};
	// An unlisted ID is passed on as typed: the runtime resolves or refuses it.
	return {containerId: matches[0]?.id ?? id, cmd};
}

type ExecResult = {phase: 'running'} | {phase: 'done'; lines: Array<{text: string; stderr: boolean}>; exitCode: number} | {phase: 'error'; message: string};

export function ExecView({view, height}: ViewProps) {
	const theme = useTheme();
	const {data} = useNodeState();
	const actions = useNodeActions();
	const [parsed] = useState(() => parseExec(view.arg ?? (view.target ? `${view.target.id} ${view.arg ?? ''}` : ''), data.containers));
	const [result, setResult] = useState<ExecResult>(() => ('error' in parsed ? {phase: 'error', message: parsed.error} : {phase: 'running'}));
	const [offset, setOffset] = useState(0);

	useEffect(() => {
		if ('error' in parsed) return;
		let cancelled = false;
		void execOnce(actions.client(view.target), parsed.containerId, parsed.cmd, crictlTargetOf(data, view.target)).then(r => {
			if (cancelled) return;
			setResult(r.output ? {phase: 'done', ...r.output} : {phase: 'error', message: r.message});
		});
		return () => {
			cancelled = true;
		};
		// Runs once, for the command parsed when the view opened.
	}, []);

	const lines = result.phase === 'done' ? result.lines : [];
	const bodyHeight = Math.max(1, height - 3);
	useViewKeys((input, key) => {
		const command = findCommand('triage', input, key);
		if (command === 'app.back') actions.dispatch({type: 'close-view'});
		else setOffset(o => scrollBy(command, o, lines.length, bodyHeight));
	});

	const crictl = 'error' in parsed ? '' : crictlExec(crictlTargetOf(data, view.target), parsed.containerId, parsed.cmd);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{`exec ${'error' in parsed ? '' : sanitize(parsed.cmd.join(' '))}`}</Text>
			{crictl ? <Text wrap="truncate" color={theme.accent}>{`$ ${crictl}`}</Text> : null}
			{result.phase === 'running' ? <Text color={theme.muted}>running…</Text> : null}
			{result.phase === 'error' ? <Text color={theme.bad}>{sanitize(result.message)}</Text> : null}
			{result.phase === 'done' ? <Text color={result.exitCode === 0 ? theme.good : theme.bad}>{`exit code ${result.exitCode}`}</Text> : null}
			{lines.slice(offset, offset + bodyHeight).map((line, i) => (
				// Keyed by position: output lines have only their position
				<Text key={offset + i} wrap="truncate" color={line.stderr ? theme.warn : undefined}>{line.text === '' ? ' ' : line.text}</Text>
			))}
		</Box>
	);
}
