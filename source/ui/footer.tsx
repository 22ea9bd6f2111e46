// Bottom two lines: the crictl command equivalent to what is shown (or what
// the last action did, with its result), then a short key hint — or the `:`
// command line while it is open.
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
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				{crictl ? <Text color={theme.muted}>$ </Text> : null}
				{crictl ? <Text color={theme.accent}>{crictl}</Text> : null}
				{message ? <Text color={error ? theme.bad : theme.good}>{`${crictl ? '  ' : ''}${sanitize(message)}`}</Text> : null}
			</Text>
			{prompt === null || prompt === undefined
				? <Text wrap="truncate" color={theme.muted}>{hint}</Text>
				: <Text wrap="truncate-start">{`:${sanitize(prompt)}█`}</Text>}
		</Box>
	);
}
