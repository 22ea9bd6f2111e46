// Two lines: where we are connected and to what, then the node's health (or the
// disconnected banner) and when the data was last refreshed.
import React from 'react';
import {Box, Text} from 'ink';
import {endpointUri} from '../format/crictl.js';
import {sanitize} from '../format/sanitize.js';
import type {NodeData} from '../state/node-data.js';
import {useTheme} from './theme.js';

export type HeaderProps = {
	data: NodeData;
	/** Refused mutations are shown as a badge so nobody wonders why x does nothing. @default false */
	readOnly?: boolean;
	/** Where the endpoint came from, e.g. "from /etc/crictl.yaml" or "demo". */
	origin?: string;
	/** Shows a SIMULATED badge (--demo). @default false */
	simulated?: boolean;
	/** Lists refresh on runtime events (not on a timer): said after the refresh time. @default false */
	eventsDriven?: boolean;
};

/** 14:02:11 in local time. */
export function clock(ms: number): string {
	const d = new Date(ms);
	return [d.getHours(), d.getMinutes(), d.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
}

export function Header({data, readOnly = false, origin, simulated = false, eventsDriven = false}: HeaderProps) {
	const theme = useTheme();
	const {connection, version, status} = data;
	const endpoint = endpointUri(data.runtimeEndpoint);
	const runtime = version ? `${sanitize(version.runtimeName)} ${sanitize(version.runtimeVersion)} (CRI ${sanitize(version.runtimeApiVersion)})` : '';
	const conditions = status?.status?.conditions ?? [];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold color={theme.accent}>crisock-tui</Text>
				{simulated ? <Text inverse color={theme.warn}> SIMULATED </Text> : null}
				{/* Why it is simulated comes before the long socket path, so 80 columns never cut it. */}
				{simulated && origin ? <Text color={theme.warn}>{` (${sanitize(origin)})`}</Text> : null}
				{readOnly ? <Text inverse color={theme.warn}> READ-ONLY </Text> : null}
				{connection.phase === 'connecting' ? ` connecting to ${endpoint} …` : ` ${runtime ? `${runtime} ` : ''}${endpoint}`}
				{origin && !simulated ? ` (${sanitize(origin)})` : ''}
			</Text>
			{connection.phase === 'disconnected' ? (
				<Text inverse color={theme.bad} wrap="truncate">
					{` disconnected since ${clock(connection.since)} — retrying: ${sanitize(connection.lastError)} `}
				</Text>
			) : (
				<Text wrap="truncate">
					{/* A failed Status hides the last conditions: they may no longer hold. */}
					{data.partErrors.status ? <Text color={conditions.length === 0 ? theme.warn : theme.bad}>{`status: ${sanitize(data.partErrors.status)}  `}</Text> : null}
					{/* A separate image socket that fails is said here too: the first screen is the pods pane. */}
					{data.partErrors.images && endpointUri(data.imageEndpoint) !== endpoint ? <Text color={theme.bad}>{`images: ${sanitize(data.partErrors.images)}  `}</Text> : null}
					{data.partErrors.status ? null : conditions.map(c => (
						<Text key={c.type} color={c.status ? theme.good : theme.bad}>
							{`${sanitize(c.type)} ${c.status ? '✓' : `✗ ${sanitize(c.reason)}`}  `}
						</Text>
					))}
					<Text color={theme.muted}>{data.lastRefresh === null ? ' ' : `refreshed ${clock(data.lastRefresh)}${eventsDriven ? ' on events' : ''}`}</Text>
				</Text>
			)}
		</Box>
	);
}
