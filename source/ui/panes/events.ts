// The events pane's spec: what changed on the node lately, newest first, with
// ages that move with the clock. Names the event did not carry come from the
// objects already known (CRI-O leaves the container out of its own event).
import {EVENT_COLUMNS, type EventColumnKey} from '../../format/columns.js';
import {age, compactAge} from '../../format/age.js';
import {shortId} from '../../format/ids.js';
import {CELL_MAX} from '../../format/rows.js';
import {sanitize} from '../../format/sanitize.js';
import {eventKey, withNames, type KnownObjects, type NodeEvent} from '../../state/node-events.js';
import type {ListSpec} from '../list-spec.js';

export type EventsContext = KnownObjects & {
	/** ms epoch the ages are counted to. */
	now: number;
};

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const cell = (s: string) => sanitize(s, {max: CELL_MAX});
const ns = (ms: number) => String(BigInt(Math.trunc(ms)) * 1_000_000n);

/** The EVENT cell: the kind, with "pod" before it for a pod's own event. */
export function eventWord(e: NodeEvent): string {
	return e.object === 'pod' ? `pod ${e.kind}` : e.kind;
}

export const eventsSpec: ListSpec<NodeEvent, EventColumnKey, EventsContext> = {
	columns: () => EVENT_COLUMNS,
	fit: 'cells',
	row(event, context) {
		const e = withNames(event, context);
		return {
			cells: {
				time: clock(e.at),
				age: age(ns(e.at), context.now),
				event: eventWord(e),
				name: cell(e.name),
				podName: cell(e.podName),
				containerId: e.object === 'pod' ? '' : cell(shortId(e.containerId)),
				exit: e.exitCode !== undefined && e.kind === 'stopped' ? String(e.exitCode) : '',
			},
			compact: {age: compactAge(ns(e.at), context.now)},
		};
	},
	key: eventKey,
	tone: e => (e.kind === 'stopped' && e.exitCode ? 'bad' : e.kind === 'deleted' ? 'muted' : 'normal'),
	noun: () => 'events',
};
