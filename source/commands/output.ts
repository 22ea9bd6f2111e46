// The three output formats of the commands, shaped like crictl's: JSON indented by two
// spaces, YAML as sigs.k8s.io/yaml writes it (keys sorted, lists not indented), and text.
// Runtime strings are hostile: characters that steer a terminal (C1 controls, bidi
// overrides, zero-width marks) leave as \u escapes, which JSON and double-quoted YAML both
// read back as the same string. C0 controls are escaped by both writers already.
import YAML from 'yaml';

const unsafe = /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export const outputFormats = ['json', 'yaml', 'table'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** JSON text ending in a newline; unsafe characters as \u escapes (the same string to a parser). */
export function renderJson(value: unknown): string {
	return JSON.stringify(value, null, 2).replace(unsafe, escape) + '\n';
}

/** Every object's keys sorted, deeply (Go's encoding/json on a map, as crictl inspect and info print). */
export function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
	}

	return value;
}

/** YAML as crictl prints it (JSON → YAML: keys sorted, sequences flush with their key). */
export function renderYaml(value: unknown): string {
	const doc = new YAML.Document(value, {sortMapEntries: true});
	// A string holding an unsafe character is double-quoted, so its \u escape stays a string.
	YAML.visit(doc, {
		Scalar(_key, node) {
			if (typeof node.value === 'string' && /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/.test(node.value)) {
				node.type = 'QUOTE_DOUBLE';
			}
		},
	});
	return doc.toString({indentSeq: false, lineWidth: 0}).replace(unsafe, escape);
}

/** JSON or YAML of one value. */
export function renderData(value: unknown, format: 'json' | 'yaml'): string {
	return format === 'json' ? renderJson(value) : renderYaml(value);
}
