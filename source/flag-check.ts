// Flags checked before anything starts: a mistyped flag or a bad value is one
// sentence naming the flag, the value and what to write instead (the caller
// exits 2, as a usage error), never a stack trace or a silently ignored word.
import {parseDuration} from './wire/config.js';
import {sinceForms, sinceTimeMs, tailCount} from './wire/log-options.js';
import {maxTail} from './state/logs-view-keys.js';

export type FlagSpec = {name: string; short?: string; type: 'string' | 'boolean'};

/** The sentence for the first thing wrong in argv, or undefined when all is well. */
export function checkArgv(argv: readonly string[], specs: readonly FlagSpec[]): string | undefined {
	const byLong = new Map(specs.map(s => [s.name, s]));
	const byShort = new Map(specs.filter(s => s.short).map(s => [s.short!, s]));
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i];
		if (word === '--') break;
		if (!word.startsWith('-') || word === '-') {
			return `unexpected argument ${JSON.stringify(word)}: crisock-tui takes only options (see --help)`;
		}

		const long = word.startsWith('--');
		const [rawName, inline] = long ? splitOnce(word.slice(2)) : [word.slice(1), undefined];
		const negated = long && rawName.startsWith('no-') && !byLong.has(rawName);
		const spec = long ? byLong.get(negated ? rawName.slice(3) : rawName) : byShort.get(rawName);
		if (!spec || (negated && spec.type !== 'boolean')) return `unknown option ${word.split('=')[0]}: see crisock-tui --help`;
		if (spec.type === 'boolean') {
			if (inline !== undefined) return `--${spec.name} takes no value (got ${JSON.stringify(inline)})`;
			continue;
		}

		const value = inline ?? argv[i + 1];
		if (inline === undefined) i++;
		if (value === undefined || value === '') return `--${spec.name} needs a value${example(spec.name)}`;
	}

	return undefined;
}

/** FlagSpecs from meow's flag table (camelCase keys become --kebab-case), plus --help and --version. */
export function specsOf(flags: Readonly<Record<string, {type: string; shortFlag?: string}>>): FlagSpec[] {
	const kebab = (s: string) => s.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
	return [
		...Object.entries(flags).map(([key, f]) => ({name: kebab(key), short: f.shortFlag, type: f.type === 'boolean' ? 'boolean' as const : 'string' as const})),
		{name: 'help', short: 'h', type: 'boolean'},
		{name: 'version', type: 'boolean'},
	];
}

function splitOnce(s: string): [string, string | undefined] {
	const at = s.indexOf('=');
	return at === -1 ? [s, undefined] : [s.slice(0, at), s.slice(at + 1)];
}

const examples: Record<string, string> = {
	'runtime-endpoint': 'unix:///run/containerd/containerd.sock',
	'image-endpoint': 'unix:///run/containerd/containerd.sock',
	timeout: '2s',
	interval: '2s',
	config: '/etc/crictl.yaml',
	'host-root': '/host',
	flavor: 'cri-o',
	tail: '500',
	since: '10m',
};

const example = (name: string) => (examples[name] ? `, e.g. --${name} ${examples[name]}` : '');

/** Checks the values meow parsed; the sentence for the first bad one. */
export function checkFlagValues(flags: {flavor?: string; timeout?: string; interval: string; tail?: string; since?: string}, flavors: readonly string[]): string | undefined {
	if (flags.flavor !== undefined && !flavors.includes(flags.flavor)) {
		return `--flavor ${JSON.stringify(flags.flavor)} is not a runtime flavour: use one of ${flavors.join(', ')}`;
	}

	if (flags.timeout !== undefined) {
		const ms = parseDuration(flags.timeout);
		if (ms === undefined || ms <= 0) return `--timeout ${JSON.stringify(flags.timeout)} is not a duration above zero: write it like 2s, 500ms or 10`;
	}

	if (flags.tail !== undefined) {
		const tail = tailCount(flags.tail);
		if (tail === undefined || tail > maxTail) return `--tail ${JSON.stringify(flags.tail)} is not a number of log lines: write it like 500 (at most ${maxTail}), or -1 for all`;
	}

	if (flags.since !== undefined && sinceTimeMs(flags.since, Date.now()) === undefined) {
		return `--since ${JSON.stringify(flags.since)} is neither ${sinceForms.replace(' or ', ' nor ')}`;
	}

	const interval = parseDuration(flags.interval);
	if (interval === undefined || interval < 100) {
		return `--interval ${JSON.stringify(flags.interval)} is not a duration of at least 100ms: write it like 2s or 500ms`;
	}

	return undefined;
}
