// Crash triage (`t`): why did this container die? One scrollable page with
// state, exit code, reason, message, times, attempt, usage, the last lines of
// the current and the previous attempt's log, and the crictl command showing
// each part.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {age, humanDuration} from '../format/age.js';
import {crictlCmd, crictlInspect, crictlLogs, type CrictlTarget} from '../format/crictl.js';
import {shortId} from '../format/ids.js';
import {containerStateText} from '../format/rows.js';
import {sanitize} from '../format/sanitize.js';
import {humanSize} from '../format/size.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import type {StatsEntry} from '../state/stats-history.js';
import {useTroubleshootingContext} from '../state/use-troubleshooting.js';
import {useTriage, type LogExcerpt, type TriageData} from '../state/use-triage.js';
import {crictlTargetOf} from './crictl-target.js';
import {ownedBy} from '../state/owner.js';
import {scrollBy} from './scroll-text.js';
import {sparkline} from './sparkline.js';
import {useTheme, type Theme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

export type TriageLine = {text: string; tone?: 'muted' | 'bad' | 'warn' | 'accent' | 'bold'};

const time = (ns: string, nowMs: number) => {
	if (!/^\d+$/.test(ns) || /^0+$/.test(ns)) return 'never';
	return `${new Date(Number(BigInt(ns) / 1_000_000n)).toISOString()} (${age(ns, nowMs)})`;
};

function logSection(title: string, crictl: string, log: LogExcerpt): TriageLine[] {
	const lines: TriageLine[] = [{text: ''}, {text: `${title}${log.path ? `  ${sanitize(log.path)}` : ''}`, tone: 'bold'}, {text: `$ ${crictl}`, tone: 'accent'}];
	if (log.error) lines.push({text: sanitize(log.error), tone: 'bad'});
	else if (log.lines.length === 0) lines.push({text: '(empty)', tone: 'muted'});
	for (const l of log.lines) lines.push({text: sanitize(l.text, {tabs: 4}), tone: l.stream === 'stderr' ? 'warn' : undefined});
	return lines;
}

/** The page as lines (pure, for tests). */
export function triageLines(data: TriageData, containerId: string, target: CrictlTarget, nowMs: number, usage?: {entry?: StatsEntry; unsupported?: string | null}): TriageLine[] {
	if (data.phase === 'loading') return [{text: 'reading status and logs…', tone: 'muted'}];
	if (data.phase === 'error') return [{text: sanitize(data.message), tone: 'bad'}];
	const s = data.status;
	const exited = s.state === 'CONTAINER_EXITED';
	const lines: TriageLine[] = [
		{text: `state ${containerStateText(s.state)}${exited ? `  exit code ${s.exitCode}` : ''}${s.reason ? `  reason ${sanitize(s.reason)}` : ''}  attempt ${s.metadata?.attempt ?? 0}`, tone: exited && s.exitCode !== 0 ? 'bad' : undefined},
	];
	if (s.message) lines.push({text: `message ${sanitize(s.message)}`, tone: 'warn'});
	lines.push({text: `created ${time(s.createdAt, nowMs)}`}, {text: `started ${time(s.startedAt, nowMs)}`});
	if (exited) {
		lines.push({text: `finished ${time(s.finishedAt, nowMs)}`});
		if (/^\d+$/.test(s.startedAt) && /^\d+$/.test(s.finishedAt) && BigInt(s.finishedAt) >= BigInt(s.startedAt) && s.startedAt !== '0') {
			lines.push({text: `ran for ${humanDuration(BigInt(s.finishedAt) - BigInt(s.startedAt)).toLowerCase()}`});
		}
	}

	lines.push({text: `image ${sanitize(s.image?.image ?? s.imageRef)}`, tone: 'muted'}, {text: `$ ${crictlInspect(target, containerId)}`, tone: 'accent'});
	if (usage?.unsupported) lines.push({text: `usage: ${sanitize(usage.unsupported)}`, tone: 'muted'});
	else if (usage?.entry && s.state === 'CONTAINER_RUNNING') {
		const {cpu, memory, usage: now} = usage.entry;
		lines.push({text: `CPU ${sparkline(cpu, 30)} ${now.cpuPercent === null ? '…' : `${now.cpuPercent.toFixed(1)}%`}   MEM ${sparkline(memory, 30)} ${now.memoryBytes === null ? 'n/a' : humanSize(now.memoryBytes)}`});
		lines.push({text: `$ ${crictlCmd(target, 'stats', '--id', shortId(containerId))}`, tone: 'accent'});
	}

	lines.push(...logSection('current log (last lines)', crictlLogs(target, containerId, {follow: false, tail: 20}), data.current));
	if (data.previous) lines.push(...logSection('previous attempt', crictlLogs(target, containerId, {previous: true}), data.previous));
	else lines.push({text: ''}, {text: 'no previous attempt (attempt 0)', tone: 'muted'});
	return lines;
}

const toneColor = (tone: TriageLine['tone'], theme: Theme) =>
	tone === 'muted' ? theme.muted : tone === 'bad' ? theme.bad : tone === 'warn' ? theme.warn : tone === 'accent' ? theme.accent : undefined;

export function TriageView({view, width, height}: ViewProps) {
	const theme = useTheme();
	const {data} = useNodeState();
	const actions = useNodeActions();
	const {stats, resolveLogPath} = useTroubleshootingContext();
	const target = view.target!;
	const [client] = useState(() => actions.client(target));
	const containers = useMemo(() => ownedBy(data.containers, target.endpoint), [data.containers, target.endpoint]);
	const triage = useTriage(client, target.id, containers, resolveLogPath);
	const [offset, setOffset] = useState(0);
	const crictlTarget = crictlTargetOf(data, target);
	const lines = useMemo(
		() => triageLines(triage, target.id, crictlTarget, Date.now(), {entry: stats.containers.get(target.id), unsupported: stats.unsupported}),
		// The crictl target changes only with the endpoint.
		[triage, target.id, stats, data.runtimeEndpoint],
	);
	const bodyHeight = Math.max(1, height - 1);

	useViewKeys((input, key) => {
		const command = findCommand('triage', input, key);
		if (command === 'app.back') actions.dispatch({type: 'close-view'});
		else setOffset(o => scrollBy(command, o, lines.length, bodyHeight));
	});

	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">{`triage ${sanitize(target.name)} ${sanitize(target.id)}`}</Text>
			{lines.slice(offset, offset + bodyHeight).map((line, i) => (
				// Keyed by position: lines have only their position
				<Text key={offset + i} wrap="truncate" bold={line.tone === 'bold'} color={toneColor(line.tone, theme)}>{line.text === '' ? ' ' : line.text}</Text>
			))}
		</Box>
	);
}
