// The `/` filter's words, and the crictl flags that filter the same way.
//
// Words are ANDed; each one is
// - `key=value`: a label, exactly (crictl `--label key=value`);
// - `field:text` with field name, ns (namespace), pod, state, image or id: that
//   field contains text, case-insensitive (name → `--name`, ns → `--namespace`,
//   state → `--state`; crictl has no flag for the others);
// - anything else: any of ID, name, namespace, pod name, state and image
//   contains it (crictl has no such flag, so it adds none).
// crictl's --name/--namespace are regular expressions: the text is escaped
// so the regex matches exactly what the substring does.

export type FilterField = 'name' | 'namespace' | 'pod' | 'state' | 'image' | 'id';

export type FilterTerm =
	| {kind: 'any'; text: string}
	| {kind: 'field'; field: FilterField; text: string}
	| {kind: 'label'; key: string; value: string};

const FIELD_NAMES: Readonly<Record<string, FilterField>> = {
	name: 'name', ns: 'namespace', namespace: 'namespace', pod: 'pod', state: 'state', image: 'image', id: 'id',
};

/** The filter text as terms (empty words dropped; text lower-cased, label keys/values kept as typed). */
export function parseFilter(text: string): FilterTerm[] {
	const terms: FilterTerm[] = [];
	for (const word of text.trim().split(/\s+/)) {
		if (word === '') continue;
		const eq = word.indexOf('=');
		if (eq > 0) {
			terms.push({kind: 'label', key: word.slice(0, eq), value: word.slice(eq + 1)});
			continue;
		}

		const colon = word.indexOf(':');
		const field = colon > 0 ? FIELD_NAMES[word.slice(0, colon).toLowerCase()] : undefined;
		if (field && colon < word.length - 1) terms.push({kind: 'field', field, text: word.slice(colon + 1).toLowerCase()});
		else terms.push({kind: 'any', text: word.toLowerCase()});
	}

	return terms;
}

/** What one object offers to the filter, each field already lower-cased. */
export type FilterSubject = {
	id: string;
	name: string;
	namespace: string;
	pod: string;
	/** crictl's word and the CRI enum name, e.g. "running container_running". */
	state: string;
	image: string;
	labels?: Readonly<Record<string, string>>;
};

/** Whether the subject passes every term. */
export function matchesFilter(subject: FilterSubject, terms: readonly FilterTerm[]): boolean {
	for (const term of terms) {
		if (term.kind === 'label') {
			if (subject.labels?.[term.key] !== term.value) return false;
		} else if (term.kind === 'field') {
			if (!subject[term.field].includes(term.text)) return false;
		} else if (![subject.id, subject.name, subject.namespace, subject.pod, subject.state, subject.image].some(f => f.includes(term.text))) {
			return false;
		}
	}

	return true;
}

/** Whether `term` passing guarantees `earlier` passes (every field a field word reads is one a free word reads). */
function implies(term: FilterTerm, earlier: FilterTerm): boolean {
	if (earlier.kind === 'label') return term.kind === 'label' && term.key === earlier.key && term.value === earlier.value;
	if (term.kind === 'label') return false;
	if (earlier.kind === 'field' && (term.kind !== 'field' || term.field !== earlier.field)) return false;
	return term.text.includes(earlier.text);
}

/**
 * Whether every object `terms` keep is also kept by `earlier`, so a filter
 * extended by a keystroke ("ngi" → "ngin") can look only at the earlier result.
 */
export function narrows(terms: readonly FilterTerm[], earlier: readonly FilterTerm[]): boolean {
	return earlier.every(e => terms.some(t => implies(t, e)));
}

// The words crictl's --state takes (ps: containers, pods: sandboxes).
const CRICTL_STATES = new Set(['created', 'running', 'exited', 'unknown', 'ready', 'notready']);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * crictl flags for the terms that crictl can express (`pods` and `ps` take
 * the same ones): `--name`, `--namespace`, `--state`, `--label`.
 */
export function crictlFilterFlags(terms: readonly FilterTerm[]): string[] {
	const flags: string[] = [];
	for (const term of terms) {
		if (term.kind === 'label') flags.push('--label', `${term.key}=${term.value}`);
		else if (term.kind === 'field' && term.field === 'name') flags.push('--name', escapeRegex(term.text));
		else if (term.kind === 'field' && term.field === 'namespace') flags.push('--namespace', escapeRegex(term.text));
		else if (term.kind === 'field' && term.field === 'state' && CRICTL_STATES.has(term.text)) flags.push('--state', term.text);
	}

	return flags;
}
