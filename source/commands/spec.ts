// What every command is made of: its flags (node:util parseArgs, strict, so an unknown flag is
// caught), a one-line usage, and a run function that gets a connected client. A mistake in the
// words typed is a UsageError: one sentence naming it, a usage hint, exit 2.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import type {CrictlTarget} from '../format/crictl.js';
import type {CriClient} from '../wire/cri-client.js';
import {outputFormats, type OutputFormat} from './output.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export class UsageError extends Error {
	override name = 'UsageError';
}

export type CommandIo = {
	write(text: string): void;
	/** Warnings and progress (never mixed into the data on stdout). */
	warn(text: string): void;
	/** stdin and stdout are a terminal: questions may be asked. */
	interactive: boolean;
	/** Asks a yes/no question on the terminal; resolves true only for y/yes. */
	ask(question: string): Promise<boolean>;
	/** Resolves when the person interrupts (Ctrl-C, SIGTERM), for commands that follow (logs -f); only then is Ctrl-C caught. */
	untilInterrupted(): Promise<void>;
};

export type CommandContext = {
	client: CriClient;
	values: Values;
	positionals: string[];
	io: CommandIo;
	/** For the crictl lines in messages and the trace. */
	target: CrictlTarget;
	hostRoot?: string;
	readOnly: boolean;
	/** ms since the epoch, for ages. */
	now: number;
};

export type CommandSpec = {
	name: string;
	aliases?: readonly string[];
	/** `ps [OPTIONS]` */
	usage: string;
	summary: string;
	options: Options;
	/** Positional arguments allowed. @default [0, 0] */
	args?: readonly [min: number, max: number];
	/** The output formats it accepts with -o (the first is the default). */
	formats?: readonly OutputFormat[];
	run(ctx: CommandContext): Promise<number>;
};

export const outputOption: Options = {output: {type: 'string', short: 'o'}};

/** The command's flags and arguments, or a UsageError naming what is wrong. */
export function parseCommandArgs(spec: CommandSpec, args: string[]): {values: Values; positionals: string[]; help: boolean} {
	let parsed: {values: Values; positionals: string[]};
	try {
		parsed = parseArgs({args, options: {...spec.options, help: {type: 'boolean', short: 'h'}}, strict: true, allowPositionals: true}) as typeof parsed;
	} catch (error) {
		throw new UsageError(`crisock-tui ${spec.name}: ${describeParseError(error as Error)}`);
	}

	const help = parsed.values.help === true;
	if (help) return {...parsed, help};
	const [min, max] = spec.args ?? [0, 0];
	if (parsed.positionals.length < min) throw new UsageError(`crisock-tui ${spec.name} needs ${min === 1 ? 'an argument' : `${min} arguments`}: ${spec.usage}`);
	if (parsed.positionals.length > max) {
		throw new UsageError(`crisock-tui ${spec.name} takes ${max === 0 ? 'no arguments' : `at most ${max}`}, but got ${JSON.stringify(parsed.positionals.slice(max).join(' '))}`);
	}

	const output = parsed.values.output;
	if (typeof output === 'string') {
		const allowed = spec.formats ?? outputFormats;
		if (output === 'go-template') throw new UsageError(`crisock-tui ${spec.name}: -o go-template is not supported (no well-kept Go template library exists for Node): use -o json and jq`);
		if (!allowed.includes(output as OutputFormat)) throw new UsageError(`crisock-tui ${spec.name}: unknown output format ${JSON.stringify(output)}: use ${allowed.join(', ')}`);
	}

	return {...parsed, help};
}

/** parseArgs' messages, cut to the part that names the flag. */
function describeParseError(error: Error): string {
	const code = (error as {code?: string}).code;
	const flag = /'([^']+)'/.exec(error.message)?.[1];
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown flag ${flag.split(/\s/)[0]}`;
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) return `flag ${flag.split(/\s/)[0].replace(/,$/, '')} needs a value`;
	return error.message.split('\n')[0].replace(/\. To specify.*$/, '');
}

/** The -o value, or the command's default. */
export function formatOf(spec: Pick<CommandSpec, 'formats'>, values: Values): OutputFormat {
	return (values.output as OutputFormat | undefined) ?? spec.formats?.[0] ?? 'table';
}

/** `--label key=value` (repeatable) as a map; a word without `=` is a UsageError. */
export function labelsOf(command: string, values: Values): Record<string, string> | undefined {
	const words = values.label as string[] | undefined;
	if (!words?.length) return undefined;
	const labels: Record<string, string> = {};
	for (const word of words) {
		const at = word.indexOf('=');
		if (at <= 0 || word.indexOf('=', at + 1) !== -1) throw new UsageError(`crisock-tui ${command}: --label ${JSON.stringify(word)} is not key=value`);
		labels[word.slice(0, at)] = word.slice(at + 1);
	}

	return labels;
}

/** A regular expression from --name / --namespace, or a UsageError naming it. */
export function regexOf(command: string, flag: string, pattern: string | undefined): RegExp | undefined {
	if (pattern === undefined || pattern === '') return undefined;
	try {
		return new RegExp(pattern);
	} catch {
		throw new UsageError(`crisock-tui ${command}: --${flag} ${JSON.stringify(pattern)} is not a valid regular expression`);
	}
}

/** A whole number flag (--last, --tail), or a UsageError. */
export function countOf(command: string, flag: string, text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	if (!/^-?\d+$/.test(text)) throw new UsageError(`crisock-tui ${command}: --${flag} ${JSON.stringify(text)} is not a whole number`);
	return Number(text);
}
