// Feeds the trace view: the wire layer's ring of CRI calls, newest first, redrawn at most four
// times a second however fast calls come. Opening the view asks the wire layer for sizes from
// now on; payloads (decoded request and answer) only when the person asks.
import {useEffect, useState} from 'react';
import {onTrace, setTraceDetail, traceDetail, traceRecords, type TraceRecord} from '../wire/trace.js';

export function useTrace(): {records: TraceRecord[]; payloads: boolean; keepPayloads(): void} {
	const [records, setRecords] = useState(traceRecords);
	const [payloads, setPayloads] = useState(traceDetail() === 'payload');
	useEffect(() => {
		setTraceDetail('bytes');
		let timer: NodeJS.Timeout | undefined;
		const stop = onTrace(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				setRecords(traceRecords());
			}, 250);
		});
		return () => {
			stop();
			if (timer) clearTimeout(timer);
		};
	}, []);
	return {
		records,
		payloads,
		keepPayloads() {
			setTraceDetail('payload');
			setPayloads(true);
		},
	};
}
