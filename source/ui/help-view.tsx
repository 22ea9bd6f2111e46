// Every key, straight from the keymap table (so help can never drift from what
// the keys do), grouped by where they work.
import React from 'react';
import {Box, Text} from 'ink';
import {findCommand, keymap, type KeyContext} from '../state/keymap.js';
import {useNodeActions} from '../state/contexts.js';
import {ScrollText, useScroll} from './scroll-text.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

const contextTitles: Partial<Record<KeyContext, string>> = {
	global: 'Everywhere',
	main: 'Panes',
	filter: 'Filter bar (/)',
	command: 'Command line (:)',
	inspect: 'Inspect view (i)',
	confirm: 'Confirmation',
	picker: 'Endpoint picker (e)',
	help: 'Help',
};

/** The help text lines: one per binding. */
export function helpLines(): string[] {
	const lines: string[] = [
		'Leaving (the same rule in every view and question):',
		'  q              on the panes: quit; in a view (help, logs, inspect, triage, picker): close it',
		'  Esc            back: close a view, cancel a question or the : line, clear the / filter',
		'  Ctrl-C         in a question or while typing (/ filter, : line, log search): cancel it; elsewhere: quit',
		'',
	];
	// Contexts in the order they first appear, so views added later are listed too.
	const contexts = [...new Set(keymap.map(b => b.contexts[0]))];
	for (const context of contexts) {
		const bindings = keymap.filter(b => b.contexts[0] === context);
		lines.push(`${contextTitles[context] ?? `${context[0].toUpperCase()}${context.slice(1)} view`}:`);
		for (const b of bindings) {
			lines.push(`  ${b.keys.padEnd(14)} ${b.help}`);
		}

		lines.push('');
	}

	return lines;
}

export function HelpView({height}: ViewProps) {
	const {dispatch} = useNodeActions();
	const [offset, scroll] = useScroll();
	const lines = helpLines();
	const bodyHeight = height - 1;
	useViewKeys((input, key) => {
		const command = findCommand('help', input, key);
		if (scroll(command, lines.length, bodyHeight)) return;
		if (command === 'app.back' || input === '?') dispatch({type: 'close-view'});
	});
	return (
		<Box flexDirection="column">
			<Text bold>Keys (Esc closes, j/k scroll)</Text>
			<ScrollText lines={lines} offset={offset} height={bodyHeight} />
		</Box>
	);
}
