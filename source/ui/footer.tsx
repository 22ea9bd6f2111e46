// Bottom two lines: the crictl command equivalent to what is shown (or what
// the last action did, with its result), then a short key hint.
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
};

export function Footer({crictl, message, error = false, hint}: FooterProps) {
	const theme = useTheme();
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text color={theme.muted}>$ </Text>
				<Text color={theme.accent}>{crictl}</Text>
				{message ? <Text color={error ? theme.bad : theme.good}>{`  ${sanitize(message)}`}</Text> : null}
			</Text>
			<Text wrap="truncate" color={theme.muted}>{hint}</Text>
		</Box>
	);
}
