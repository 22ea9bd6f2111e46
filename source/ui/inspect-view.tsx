// `crictl inspect` in a scrollable view: status plus verbose info, as YAML
// (default) or JSON. Every line goes through the sanitiser.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {stringify} from 'yaml';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {useInspect} from '../state/use-inspect.js';
import {ScrollText, useScroll} from './scroll-text.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

export type InspectFormat = 'yaml' | 'json';

/** The document as safe lines. */
export function inspectLines(document: unknown, format: InspectFormat): string[] {
	const text = format === 'json' ? JSON.stringify(document, null, 2) : stringify(document, {lineWidth: 0});
	return text.split('\n').map(line => sanitize(line, {tabs: 2}));
}

export function InspectView({view, height}: ViewProps) {
	const theme = useTheme();
	const actions = useNodeActions();
	const target = view.target!;
	// The client is looked up once per open: a reconnect does not refetch under the reader.
	const [client] = useState(() => actions.client(target));
	const result = useInspect(client, target);
	const [format, setFormat] = useState<InspectFormat>('yaml');
	const [offset, scroll] = useScroll();
	const lines = useMemo(() => (result.phase === 'done' ? inspectLines(result.document, format) : []), [result, format]);
	const bodyHeight = height - 1;

	useViewKeys((input, key) => {
		const command = findCommand('inspect', input, key);
		if (scroll(command, lines.length, bodyHeight)) return;
		if (command === 'inspect.yaml') setFormat('yaml');
		else if (command === 'inspect.json') setFormat('json');
		else if (command === 'app.back') actions.dispatch({type: 'close-view'});
	});

	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">
				{`${target.kind} ${sanitize(target.name)} ${sanitize(target.id)}`}
				<Text color={theme.muted}>{`  ${format.toUpperCase()} (y/J)  ${lines.length > 0 ? `${offset + 1}-${Math.min(lines.length, offset + bodyHeight)}/${lines.length}` : ''}`}</Text>
			</Text>
			{result.phase === 'loading' ? <Text color={theme.muted}>loading…</Text> : null}
			{result.phase === 'error' ? <Text color={theme.bad}>{sanitize(result.message)}</Text> : null}
			<ScrollText lines={lines} offset={offset} height={bodyHeight} />
		</Box>
	);
}
