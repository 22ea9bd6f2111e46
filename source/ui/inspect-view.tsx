// `crictl inspect` in a scrollable view: status plus verbose info, as YAML
// (default) or JSON. Every line goes through the sanitiser.
import React, {useEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {useInspect} from '../state/use-inspect.js';
import {ScrollText, useScroll} from './scroll-text.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

export type InspectFormat = 'yaml' | 'json';

type YamlModule = Pick<typeof import('yaml'), 'stringify'>;
let yamlModule: YamlModule | undefined;

/**
 * The yaml package, loaded when a view first needs it (while the inspect call is out): 117 KB the
 * dashboard's start-up need not read.
 */
function useYaml(): YamlModule | undefined {
	const [yaml, setYaml] = useState(yamlModule);
	useEffect(() => {
		if (yaml) return;
		let live = true;
		// The default export (yaml's CommonJS module object): a bundle's dynamic import of a
		// CommonJS package has no named exports.
		void import('yaml').then(({default: loaded}) => {
			yamlModule = loaded;
			if (live) setYaml(loaded);
		});
		return () => {
			live = false;
		};
	}, [yaml]);
	return yaml;
}

/** The document as safe lines; undefined while YAML is asked for and yaml is not loaded yet. */
export function inspectLines(document: unknown, format: InspectFormat, yaml: Pick<YamlModule, 'stringify'> | undefined): string[] | undefined {
	if (format === 'yaml' && !yaml) return undefined;
	const text = format === 'json' ? JSON.stringify(document, null, 2) : yaml!.stringify(document, {lineWidth: 0});
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
	const yaml = useYaml();
	const shown = useMemo(() => (result.phase === 'done' ? inspectLines(result.document, format, yaml) : []), [result, format, yaml]);
	const lines = shown ?? [];
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
			{result.phase === 'loading' || !shown ? <Text color={theme.muted}>loading…</Text> : null}
			{result.phase === 'error' ? <Text color={theme.bad}>{sanitize(result.message)}</Text> : null}
			<ScrollText lines={lines} offset={offset} height={bodyHeight} />
		</Box>
	);
}
