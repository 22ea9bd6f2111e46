// Bottom two lines: the crictl command equivalent to what is shown (or what
// the last action did), then the action's result, else a short key hint — or
// the `:` command line while it is open.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useTheme} from './theme.js';

export type FooterProps = {
	crictl: string;
	/** Result sentence of the last action. */
	message?: string;
	/** @default false */
	error?: boolean;
	hint: string;
	/** The `:` command line's text while it is open: shown instead of the hint, vim-style. */
	prompt?: string | null;
};

export function Footer({crictl, message, error = false, hint, prompt}: FooterProps) {
	const theme = useTheme();
	// An action's result takes the hint's line, so a long crictl line never pushes it off screen.
	let second: React.ReactNode;
	if (prompt !== null && prompt !== undefined) second = <Text wrap="truncate-start">{`:${sanitize(prompt)}█`}</Text>;
	else if (message && crictl) second = <Text wrap="truncate" color={error ? theme.bad : theme.good}>{sanitize(message)}</Text>;
	else second = <Text wrap="truncate" color={theme.muted}>{hint}</Text>;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				{crictl ? <Text color={theme.muted}>$ </Text> : null}
				{crictl ? <Text color={theme.accent}>{crictl}</Text> : null}
				{message && !crictl ? <Text color={error ? theme.bad : theme.good}>{sanitize(message)}</Text> : null}
			</Text>
			{second}
		</Box>
	);
}
