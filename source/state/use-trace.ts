// Feeds the trace view: a trace's ring of CRI calls (the client's, wire/trace.ts), newest first,
// redrawn at most four times a second however fast calls come. Opening the view asks the trace for
// sizes from now on; payloads (decoded request and answer) only when the person asks.
import {useEffect, useState} from 'react';
import {processTrace, type CallTrace, type TraceRecord} from '../wire/trace.js';

/** @param trace the shown client's trace; without a client, the program's (processTrace). */
export function useTrace(trace: CallTrace = processTrace): {records: TraceRecord[]; payloads: boolean; keepPayloads(): void} {
	const [records, setRecords] = useState(() => trace.records());
	const [payloads, setPayloads] = useState(trace.detail === 'payload');
	useEffect(() => {
		trace.setDetail('bytes');
		setRecords(trace.records());
		let timer: NodeJS.Timeout | undefined;
		const stop = trace.onRecord(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setRecords(trace.records());
			}, 250);
		});
		return () => {
			stop();
			if (timer) clearTimeout(timer);
		};
	}, [trace]);
	return {
		records,
		payloads,
		keepPayloads() {
			trace.setDetail('payload');
			setPayloads(true);
		},
	};
}
