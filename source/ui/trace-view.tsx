// `:trace`: every CRI call the program made, newest first — method, the request's key fields,
// duration, gRPC status, bytes, and the crictl command that makes the same call. `p` keeps the
// decoded request and answer of calls from then on; Enter shows them for the selected call.
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {crictlForCall, requestSummary} from '../format/rpc-text.js';
import {sanitize} from '../format/sanitize.js';
import {useNodeActions, useNodeState} from '../state/contexts.js';
import {findCommand} from '../state/keymap.js';
import {useTrace} from '../state/use-trace.js';
import type {TraceRecord} from '../wire/trace.js';
import {crictlTargetOf} from './crictl-target.js';
import {useTheme} from './theme.js';
import type {ViewProps} from './view-props.js';
import {useViewKeys} from './view-keys.js';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);
const bytes = (n: number | undefined) => (n === undefined ? '-' : n < 10_000 ? `${n}B` : `${Math.round(n / 1024)}KiB`);

/** One call as a line: time, method, ms, status, bytes out/in, request fields. */
export function traceLine(r: TraceRecord): string {
	return `${clock(r.startedAt)}  ${r.method.padEnd(20)} ${r.durationMs.toFixed(1).padStart(7)}ms  ${r.status.padEnd(9)} ${`${bytes(r.requestBytes)}/${bytes(r.responseBytes)}`.padEnd(13)} ${requestSummary(r.request)}`;
}

function payloadLines(r: TraceRecord): string[] {
	const text = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'object' && v && (v as {type?: string}).type === 'Buffer' ? '<bytes>' : v), 2) ?? 'undefined';
	return [
		'request:', ...text(r.request).split('\n'),
		r.response === undefined ? 'answer: not kept (press p in the trace to keep answers from now on)' : 'answer:',
		...(r.response === undefined ? [] : text(r.response).split('\n')),
		...(r.error ? [`error: ${r.error}`] : []),
	];
}

export function TraceView({width, height}: ViewProps) {
	const {data} = useNodeState();
	const actions = useNodeActions();
	const theme = useTheme();
	const {records, payloads, keepPayloads} = useTrace(actions.client()?.trace);
	const [selected, setSelected] = useState(0);
	const [open, setOpen] = useState<{seq: number; offset: number} | null>(null);
	const index = Math.min(selected, Math.max(0, records.length - 1));
	const shown = open ? records.find(r => r.seq === open.seq) : undefined;
	const body = Math.max(1, height - 2);

	useViewKeys((input, key) => {
		const command = findCommand('trace', input, key);
		if (command === 'app.back') {
			if (open) setOpen(null);
			else actions.dispatch({type: 'close-view'});
		} else if (command === 'trace.payloads') keepPayloads();
		else if (command === 'list.open' && records[index]) setOpen({seq: records[index].seq, offset: 0});
		else if (open && (command === 'move.down' || command === 'move.up')) setOpen({...open, offset: Math.max(0, open.offset + (command === 'move.down' ? 1 : -1))});
		else if (command === 'move.down') setSelected(Math.min(index + 1, records.length - 1));
		else if (command === 'move.up') setSelected(Math.max(index - 1, 0));
		else if (command === 'move.top') setSelected(0);
	});

	const target = crictlTargetOf(data);
	if (shown) {
		const lines = payloadLines(shown);
		return (
			<Box flexDirection="column" width={width}>
				<Text bold wrap="truncate">{`${shown.method} #${shown.seq} · ${shown.status} · ${shown.durationMs.toFixed(1)} ms`}</Text>
				{lines.slice(open!.offset, open!.offset + body).map((line, i) => <Text key={i} wrap="truncate">{sanitize(line, {max: 2000})}</Text>)}
			</Box>
		);
	}

	const first = Math.max(0, Math.min(index - body + 1, records.length - body));
	const current = records[index];
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">
				{'CRI calls '}
				<Text color={theme.muted}>{`newest first · ${records.length} kept · ${payloads ? 'answers kept' : 'p keeps answers'} · TIME METHOD MS STATUS BYTES(out/in) REQUEST`}</Text>
			</Text>
			{records.length === 0 ? <Text color={theme.muted}>no call yet</Text> : null}
			{records.slice(first, first + body).map((r, i) => (
				<Text key={r.seq} wrap="truncate" inverse={first + i === index} color={r.status === 'OK' ? undefined : theme.bad}>{traceLine(r)}</Text>
			))}
			<Text wrap="truncate" color={theme.muted}>{current ? `$ ${crictlForCall(current.method, current.request, target) || '(crictl has no command for this call)'}` : ''}</Text>
		</Box>
	);
}
