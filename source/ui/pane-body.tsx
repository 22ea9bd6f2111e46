// What every pane shows around its table: the part's error or truncation
// sentence, and an empty-list message that says why it is empty.
import React from 'react';
import {Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import {useTheme} from './theme.js';

export type PaneNoticeProps = {
	/** Sentence of the part's last failure (e.g. "not supported by docker"). */
	error?: string;
	/** Sentence saying the runtime cut the list short. */
	truncated?: string;
};

/** One line above the table, or nothing. Runtime text goes through the sanitiser. */
export function PaneNotice({error, truncated}: PaneNoticeProps) {
	const theme = useTheme();
	if (error) return <Text color={theme.bad} wrap="truncate">{sanitize(error)}</Text>;
	if (truncated) return <Text color={theme.warn} wrap="truncate">{sanitize(truncated)}</Text>;
	return null;
}

/** Lines PaneNotice takes. */
export function noticeLines(props: PaneNoticeProps): number {
	return props.error || props.truncated ? 1 : 0;
}
