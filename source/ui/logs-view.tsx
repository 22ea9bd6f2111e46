// The logs view (`l`, and `p` for the previous attempt): follows by default,
// Space pauses, t timestamps, o stream, w wrap, / search with n/N, the move
// keys scroll, Esc goes back. Only the rows on screen are rendered.
import React, {useCallback, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {shortId} from '../format/ids.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {locateCurrentLog, locatePreviousLog, useLogs, type LogsData} from '../state/use-logs.js';
import {useTroubleshootingContext} from '../state/use-troubleshooting.js';
import type {Container} from '../model/cri-types.js';
import {ownedBy} from '../state/owner.js';
import {ownerMember} from '../state/fleet-merge.js';
import {initialLogsView, logsViewReducer, matchPosition, shownLines, type LogsViewAction, type LogsViewState} from '../state/logs-view-state.js';
import {defaultLogOptions, logsKeyEffect, maxTail, sinceMsOf, type LogOptions} from '../state/logs-view-keys.js';
import {markMatches, visibleRows} from './log-rows.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

export type LogsBodyProps = {
	/** e.g. "web (pod nginx-7d…)"; sanitised here. */
	title: string;
	data: LogsData;
	/** The crictl command showing the same log, and the key hint; omitted when the app's footer shows them. */
	crictl?: string;
	width: number;
	/** Rows this view may use, its own title and footer lines included. */
	height: number;
	/** A log that cannot grow (previous attempt): no follow state shown. @default true */
	live?: boolean;
	/** Whether this view has the keyboard. @default true */
	active?: boolean;
	onBack: () => void;
	/** Starting display state (tests). @default initialLogsView */
	initial?: Partial<LogsViewState>;
	/** How the log is read (--tail, --since), shown in the status line. @default defaultLogOptions */
	options?: LogOptions;
	/** T or S chose other options: the caller reads the log again with them. */
	onOptions?: (options: LogOptions) => void;
};

const promptWords = {search: '/', tail: 'tail lines (-1 all): ', since: 'since (5m, 2h, RFC 3339; empty for all): '} as const;

/** The logs view's keys, said once: by the app's footer (views.tsx), or by the body itself when it has no footer below it. */
export const logsHints = {
	live: 'Space pause  t time  o stream  w wrap  / search  n/N  T tail  S since  j/k scroll  G end  Esc back',
	previous: 't time  o stream  w wrap  / search  n/N  T tail  S since  j/k scroll  Esc back',
} as const;

// Title and status/search line, plus the crictl line when shown here.

/**
 * useReducer whose state the key handler reads fresh: keys pasted or typed
 * faster than a render (e.g. "/error⏎") must each see the previous key's effect.
 */
function useFreshReducer(initial: LogsViewState): [React.RefObject<LogsViewState>, (action: LogsViewAction) => void] {
	const ref = useRef(initial);
	const [, bump] = useReducer((n: number) => n + 1, 0);
	const dispatch = useCallback((action: LogsViewAction) => {
		const next = logsViewReducer(ref.current, action);
		if (next !== ref.current) {
			ref.current = next;
			bump();
		}
	}, []);
	return [ref, dispatch];
}

export function LogsBody({title, data, crictl, width, height, live = true, active = true, onBack, initial, options = defaultLogOptions, onOptions}: LogsBodyProps) {
	const theme = useTheme();
	const [fresh, dispatch] = useFreshReducer({...initialLogsView, ...initial});
	const state = fresh.current;
	const lines = shownLines(data.lines, state);
	const rowsHeight = Math.max(1, height - (crictl === undefined ? 2 : 3));
	const bottom = state.bottom ?? lines.length - 1;
	const received = data.lines.length;

	useViewKeys((input, key) => {
		const current = fresh.current;
		const command = findCommand(current.prompt ? 'filter' : 'logs', input, key);
		const effect = logsKeyEffect(command, {input, lines, received, height: rowsHeight, options, now: Date.now()}, current);
		if (!effect) return;
		if (effect.type === 'back') onBack();
		else if (effect.type === 'log-options') {
			// The log is read again: from its end, following (a pause or scroll position was in the old lines).
			dispatch({type: 'prompt-close'});
			dispatch({type: 'end'});
			onOptions?.(effect.options);
		} else dispatch(effect);
	}, {isActive: active, textField: () => fresh.current.prompt !== null});

	const rows = data.phase === 'ready' ? visibleRows(lines, Math.max(0, bottom), rowsHeight, width, state) : [];
	const waiting = state.paused ? received - state.frozenAt : 0;
	const followText = !live ? 'previous attempt' : state.paused ? `paused${waiting > 0 ? ` (+${waiting} new)` : ''}` : 'following';
	const found = state.query ? matchPosition(lines, state.query, bottom) : null;
	const matchText = found ? (found.k > 0 ? `match ${found.k} of ${found.n}` : `${found.n} match${found.n === 1 ? '' : 'es'}`) : '';
	// How it was read, when not the usual last 200 lines (the crictl line always says it).
	const read = [options.tail === defaultLogOptions.tail ? '' : options.tail < 0 ? 'tail all' : `tail ${options.tail}`, options.since ? `since ${sanitize(options.since)}` : ''];
	const status = [followText, state.stream === 'both' ? 'stdout+stderr' : state.stream, state.wrap ? 'wrap' : 'no wrap', state.timestamps ? 'timestamps' : '', matchText, ...read].filter(Boolean).join(' · ');

	return (
		<Box flexDirection="column" height={height} width={width}>
			<Text wrap="truncate">
				<Text bold>{`logs ${sanitize(title)}`}</Text>
				<Text color={theme.muted}>{`  ${status}${data.path ? `  ${sanitize(data.path)}` : ''}`}</Text>
			</Text>
			<Box flexDirection="column" height={rowsHeight}>
				{data.phase === 'loading' ? <Text color={theme.muted}>reading the log…</Text> : null}
				{data.phase === 'error' ? <Text color={theme.bad} wrap="wrap">{sanitize(data.error ?? 'cannot read the log')}</Text> : null}
				{data.phase === 'ready' && lines.length === 0 ? <Text color={theme.muted}>{data.lines.length === 0 ? ((data.rejected ?? 0) > 0 ? 'no lines in a container-log format' : 'the log is empty') : `no ${state.stream} lines`}</Text> : null}
				{rows.map(row => (
					<Text key={`${row.line}:${row.piece}`} wrap="truncate" color={row.stream === 'stderr' && state.stream === 'both' ? theme.warn : undefined}>
						{markMatches(row.text, state.query).map((part, i) => (
							// Keyed by position: pieces of one row have only their position
							<Text key={i} inverse={part.match}>{part.text}</Text>
						))}
					</Text>
				))}
			</Box>
			<Text wrap="truncate" color={state.message || data.notice ? theme.warn : theme.muted}>
				{state.prompt
					? `${promptWords[state.prompt]}${sanitize(state.draft)}_`
					: sanitize(state.message || data.notice || (crictl === undefined ? '' : logsHints[live ? 'live' : 'previous']))}
			</Text>
			{crictl === undefined ? null : (
				<Text wrap="truncate">
					<Text color={theme.muted}>$ </Text>
					<Text color={theme.accent}>{crictl}</Text>
				</Text>
			)}
		</Box>
	);
}

/** The registered view: `l` (current log, followed) and `p` (previous attempt). */
export function LogsView({view, width, height}: ViewProps) {
	const {data, ui} = useNodeState();
	const actions = useNodeActions();
	const {resolveLogPath: resolve} = useTroubleshootingContext();
	const target = view.target!;
	const previous = view.name === 'previous-logs';
	// Captured when the view opens: refreshes must not change which log is read.
	const [client] = useState(() => actions.client(target));
	const [containers] = useState(() => ownedBy(data.containers, target.endpoint));
	const options = ui.logOptions;
	// A duration counts back from when it was chosen (as crictl counts from when it runs).
	const sinceMs = useMemo(() => sinceMsOf(options, Date.now()), [options.since]);
	// A container on a node over ssh: its log files are read there, at the path the runtime gave.
	const [remote] = useState(() => ownerMember(data, target.endpoint)?.logs);
	const resolveHere = remote ? (p: string) => p : resolve;
	const logs = useLogs({
		remote,
		key: `${target.endpoint ?? ''}:${target.id}:${previous}`,
		previous,
		tail: options.tail < 0 ? maxTail : options.tail,
		sinceMs,
		locate() {
			if (!client) return Promise.reject(new Error('not connected to the runtime'));
			if (!previous) return locateCurrentLog(client, target.id, resolveHere);
			const container = containers.find(c => c.id === target.id)
				?? {id: target.id, podSandboxId: '', metadata: {name: target.name, attempt: 0}} as Container;
			return locatePreviousLog(client, container, containers, resolveHere);
		},
	});
	return (
		<LogsBody
			title={`${target.name} ${shortId(target.id)}`}
			data={logs}
			width={width}
			height={height}
			live={!previous}
			options={options}
			onOptions={next => actions.dispatch({type: 'log-options', options: next})}
			onBack={() => actions.dispatch({type: 'close-view'})}
		/>
	);
}
