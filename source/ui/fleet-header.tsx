// The header of a screen with several endpoints: how many and when the data was
// last refreshed, then each endpoint's health on one line (`containerd ✓  sim ✗
// (connection refused)`): a down endpoint says why while the others stay live.
// Past a handful of endpoints the live ones are counted and only the others named.
import React from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../format/sanitize.js';
import type {FleetMember} from '../state/fleet-merge.js';
import type {NodeData} from '../state/node-data.js';
import {clock} from './header.js';
import {useTheme, type Theme} from './theme.js';

export type FleetHeaderProps = {
	/** The merged data; `data.fleet` lists the endpoints. */
	data: NodeData;
	/** @default false */
	readOnly?: boolean;
};

/** Endpoints named one by one up to this many; more are counted. */
const NAMED = 6;

type Entry = {text: string; tone: 'good' | 'bad' | 'warn' | 'muted'};

/** One endpoint's word: ✓ live and ready, ✗ and why when down, … while connecting. */
export function healthEntry(m: FleetMember): Entry {
	const name = sanitize(m.key, {max: 40});
	const {connection, status} = m.data;
	if (connection.phase === 'connecting') return {text: `${name} …`, tone: 'muted'};
	if (connection.phase === 'disconnected') return {text: `${name} ✗ (${sanitize(connection.lastError, {max: 200})})`, tone: 'bad'};
	const failing = (status?.status?.conditions ?? []).filter(c => !c.status);
	if (failing.length > 0) return {text: `${name} ✗ ${failing.map(c => sanitize(c.type, {max: 40})).join(' ')}`, tone: 'warn'};
	return {text: `${name} ✓`, tone: 'good'};
}

/** The entries shown: every endpoint when few, else a count of the live ones and the others by name. */
export function healthEntries(members: readonly FleetMember[]): Entry[] {
	const entries = members.map(healthEntry);
	if (members.length <= NAMED) return entries;
	const good = entries.filter(e => e.tone === 'good').length;
	return [{text: `${good} of ${members.length} ✓`, tone: 'good'}, ...entries.filter(e => e.tone !== 'good')];
}

const colorOf = (tone: Entry['tone'], theme: Theme) => (tone === 'good' ? theme.good : tone === 'bad' ? theme.bad : tone === 'warn' ? theme.warn : theme.muted);

export function FleetHeader({data, readOnly = false}: FleetHeaderProps) {
	const theme = useTheme();
	const members = data.fleet?.members ?? [];
	const simulated = members.filter(m => m.simulated).length;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold color={theme.accent}>crisock-tui</Text>
				{` ${members.length} endpoints `}
				{simulated > 0 ? <Text inverse color={theme.warn}>{` ${simulated} SIMULATED `}</Text> : null}
				{readOnly ? <Text inverse color={theme.warn}> READ-ONLY </Text> : null}
				<Text color={theme.muted}>{data.lastRefresh === null ? '' : ` refreshed ${clock(data.lastRefresh)}`}</Text>
			</Text>
			<Text wrap="truncate">
				{healthEntries(members).map((e, i) => <Text key={i} color={colorOf(e.tone, theme)}>{`${i > 0 ? '  ' : ''}${e.text}`}</Text>)}
			</Text>
		</Box>
	);
}
