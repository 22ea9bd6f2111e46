// Container log lines as the runtimes write them. Two formats, detected per
// line, as the kubelet's reader does:
// - CRI: `2026-11-23T02:24:59.123456789Z stdout F message` (containerd, CRI-O);
//   P = partial record, joined with the following records of the same stream
//   until an F record ends the line.
// - Docker json-file: `{"log":"message\n","stream":"stdout","time":"…"}`
//   (cri-dockerd symlinks log_path to it); a `log` without the trailing
//   newline is a partial record (Docker splits lines at 16 KiB).
// Anything else is kept as a raw line: a sick node's log is exactly where
// garbage turns up, and hiding it would hide the symptom.
// Text is NOT sanitised here: the view passes every line through format's
// sanitize before it reaches the screen.

export type LogStream = 'stdout' | 'stderr';

export type LogRecord = {
	format: 'cri' | 'json' | 'raw';
	/** RFC3339Nano timestamp as written; '' for raw lines. */
	time: string;
	/** 'raw' for lines in neither format. */
	stream: LogStream | 'raw';
	/** true when the record continues on the next record of the same stream. */
	partial: boolean;
	message: string;
};

/** One line as shown: partial records already joined. */
export type LogLine = {
	time: string;
	stream: LogStream | 'raw';
	text: string;
};

const criLine = /^(\S+) (stdout|stderr) ([PF])(?: (.*))?$/s;
// A loose RFC3339 check: enough to tell a timestamp from a word.
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses one line (without its trailing newline). Never throws. */
export function parseLogRecord(line: string | Buffer): LogRecord {
	// Buffer#toString replaces invalid UTF-8 with U+FFFD rather than failing.
	const text = typeof line === 'string' ? line : line.toString('utf8');
	const stripped = text.endsWith('\r') ? text.slice(0, -1) : text;
	if (stripped.startsWith('{')) {
		const json = parseJsonFileLine(stripped);
		if (json) return json;
	}

	const match = criLine.exec(stripped);
	if (match && rfc3339.test(match[1])) {
		return {format: 'cri', time: match[1], stream: match[2] as LogStream, partial: match[3] === 'P', message: match[4] ?? ''};
	}

	return {format: 'raw', time: '', stream: 'raw', partial: false, message: stripped};
}

function parseJsonFileLine(line: string): LogRecord | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}

	if (typeof value !== 'object' || value === null) return undefined;
	const {log, stream, time} = value as Record<string, unknown>;
	if (typeof log !== 'string' || (stream !== 'stdout' && stream !== 'stderr')) return undefined;
	const partial = !log.endsWith('\n');
	return {format: 'json', time: typeof time === 'string' ? time : '', stream, partial, message: partial ? log : log.slice(0, -1)};
}

/** Joins partial records into whole lines, one pending line per stream. */
export type LogJoiner = {
	/** Returns the finished line, if this record ended one. */
	push(record: LogRecord): LogLine | undefined;
	/** Lines still waiting for their final record (e.g. at the end of a tail). */
	pending(): LogLine[];
};

export function createLogJoiner(): LogJoiner {
	const open = new Map<string, LogLine>();
	return {
		push(record) {
			const previous = open.get(record.stream);
			const line: LogLine = previous
				? {...previous, text: previous.text + record.message}
				// The time of a joined line is that of its first record, as the kubelet shows it.
				: {time: record.time, stream: record.stream, text: record.message};
			if (record.partial) {
				open.set(record.stream, line);
				return undefined;
			}

			open.delete(record.stream);
			return line;
		},
		pending: () => [...open.values()],
	};
}

/** Parses a block of complete lines (as read from a file) into joined lines. */
export function parseLogLines(lines: Array<string | Buffer>, includePending = true): LogLine[] {
	const joiner = createLogJoiner();
	const out: LogLine[] = [];
	for (const line of lines) {
		const done = joiner.push(parseLogRecord(line));
		if (done) out.push(done);
	}

	if (includePending) out.push(...joiner.pending());
	return out;
}

/** Milliseconds since the epoch of an RFC3339(Nano) time; NaN when absent or invalid. */
export function logTimeMs(time: string): number {
	return time === '' ? Number.NaN : Date.parse(time);
}
