// crictl's outputStatusData: `{status, <info keys>}` per object (an array for several),
// the runtime's verbose info values parsed when they are JSON objects, every key sorted.
import {renderData, sortKeys} from './output.js';

export type StatusData = {status?: unknown; info?: Record<string, string>; extra?: Record<string, unknown>};

export function statusObject(data: StatusData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (data.status !== undefined) out.status = data.status;
	Object.assign(out, data.extra);
	for (const [key, value] of Object.entries(data.info ?? {})) {
		if (value.startsWith('{')) {
			try {
				out[key] = JSON.parse(value);
				continue;
			} catch {
				// Not JSON after all: shown as the text it is.
			}
		}

		out[key] = value.replace(/^"+|"+$/g, '');
	}

	return out;
}

/** One object alone, several in an array (crictl's "old behaviour"). */
export function renderStatusData(items: readonly StatusData[], format: 'json' | 'yaml'): string {
	const objects = items.map(statusObject);
	return renderData(sortKeys(objects.length === 1 ? objects[0] : objects), format);
}
