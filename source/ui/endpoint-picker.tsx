// Live runtime sockets (from the probe) with name, version and readiness;
// Enter switches to one without restarting.
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {crictlConfigSetEndpoint, endpointUri} from '../format/crictl.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {withCurrentEndpoint, type EndpointChoice} from '../state/endpoints.js';
import {findCommand} from '../state/keymap.js';
import {moveIndex} from '../state/selectors.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

type Probe = {phase: 'probing'} | {phase: 'done'; choices: EndpointChoice[]} | {phase: 'error'; message: string};

export function choiceLine(c: EndpointChoice): string {
	const who = c.runtimeName ? `${c.runtimeName} ${c.runtimeVersion ?? ''}`.trim() : (c.label ?? '');
	const health = c.error ? c.error : c.ready === undefined ? '' : c.ready ? 'ready' : 'NOT ready';
	return sanitize(`${endpointUri(c.socketPath)}  ${who}  ${health}`);
}

export function EndpointPicker({height}: ViewProps) {
	const theme = useTheme();
	const {data} = useNodeState();
	const actions = useNodeActions();
	const [probe, setProbe] = useState<Probe>({phase: 'probing'});
	const [index, setIndex] = useState(0);

	useEffect(() => {
		let live = true;
		actions.probe().then(
			choices => {
				if (!live) return;
				setProbe({phase: 'done', choices});
				// The endpoint in use is selected first (it is listed first when the probe missed it).
				setIndex(Math.max(0, choices.findIndex(c => c.socketPath === data.runtimeEndpoint)));
			},
			(error: unknown) => live && setProbe({phase: 'error', message: error instanceof Error ? error.message : String(error)}),
		);
		return () => {
			live = false;
		};
		// Probe once per opening.
	}, []);

	// The endpoint in use is always listed, whatever its path, beside the probed ones.
	const current: EndpointChoice | null = data.runtimeEndpoint ? {
		socketPath: data.runtimeEndpoint,
		runtimeName: data.version?.runtimeName,
		runtimeVersion: data.version?.runtimeVersion,
		ready: data.status?.status?.conditions.find(c => c.type === 'RuntimeReady')?.status,
	} : null;
	const choices = probe.phase === 'done' ? withCurrentEndpoint(probe.choices, current) : [];
	useViewKeys((input, key) => {
		const command = findCommand('picker', input, key);
		const page = Math.max(1, height - 2);
		const deltas: Partial<Record<string, number>> = {
			'move.down': 1, 'move.up': -1, 'move.page-down': page, 'move.page-up': -page,
			'move.top': Number.NEGATIVE_INFINITY, 'move.bottom': Number.POSITIVE_INFINITY,
		};
		const delta = command ? deltas[command] : undefined;
		if (delta !== undefined) {
			setIndex(i => Math.max(0, moveIndex(i, delta, choices.length)));
		} else if (command === 'picker.choose' && choices[index]) {
			const chosen = choices[index];
			actions.dispatch({type: 'close-view'});
			if (chosen.socketPath !== data.runtimeEndpoint) actions.switchEndpoint(chosen.socketPath);
		} else if (command === 'app.back') {
			actions.dispatch({type: 'close-view'});
		}
	});

	return (
		<Box flexDirection="column">
			<Text bold>Runtime endpoints (Enter switches, Esc closes)</Text>
			{probe.phase === 'probing' ? <Text color={theme.muted}>probing well-known sockets…</Text> : null}
			{probe.phase === 'error' ? <Text color={theme.bad}>{sanitize(probe.message)}</Text> : null}
			{probe.phase === 'done' && choices.length === 0 ? <Text color={theme.muted}>no live runtime socket found</Text> : null}
			{choices.slice(0, Math.max(0, height - 2)).map((c, i) => (
				<Text key={c.socketPath} inverse={i === index} wrap="truncate" color={i === index ? undefined : c.error ? theme.muted : undefined}>
					{`${c.socketPath === data.runtimeEndpoint ? '* ' : '  '}${choiceLine(c)}`}
				</Text>
			))}
			{choices[index] ? <Text color={theme.muted} wrap="truncate">{`to make it crictl's default: ${crictlConfigSetEndpoint(endpointUri(choices[index].socketPath))}`}</Text> : null}
		</Box>
	);
}
