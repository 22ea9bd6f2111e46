// Where a crictl-style command starts in the argument list. Imported by cli.tsx on every start,
// so it imports nothing: the dashboard pays nothing for the commands, and a command loads no
// ink or React. Global flags come before the command, as crictl wants them
// (`crisock-tui -r unix:///run/crio/crio.sock ps -a`), so `-r`, `-t` and `-p` after the
// command keep crictl's per-command meanings.

/** Global flags that take a value (the next word, or `--flag=value`). */
export const valueFlags = new Set([
	'-r', '--runtime-endpoint', '-i', '--image-endpoint', '-t', '--timeout', '-c', '--config',
	'--interval', '--host-root', '--flavor', '--trace',
]);

export type CommandLine = {
	/** Global flags and their values, in order, before the command. */
	globals: string[];
	/** The command word as typed (`ps`, `inspect`, or an unknown word). */
	name: string;
	/** Everything after the command word. */
	args: string[];
};

/** The command and its parts, or undefined when the words hold no command (the dashboard or the tables). */
export function splitCommandLine(argv: readonly string[]): CommandLine | undefined {
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i];
		if (word === '--') return argv[i + 1] === undefined ? undefined : {globals: argv.slice(0, i), name: argv[i + 1], args: argv.slice(i + 2)};
		if (word.startsWith('-') && word !== '-') {
			if (valueFlags.has(word)) i++;
			continue;
		}

		return {globals: argv.slice(0, i), name: word, args: argv.slice(i + 1)};
	}

	return undefined;
}

type FlagDefinition = {type: string; shortFlag?: string; isMultiple?: boolean};

const kebab = (name: string) => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);

/**
 * The first word that is not one of the dashboard's flags (meow's definitions: camelCase names,
 * `--no-x` for booleans, short flags), or undefined. meow would exit with "Unknown flag" alone;
 * this lets the caller say it in a sentence.
 */
export function unknownFlag(argv: readonly string[], flags: Readonly<Record<string, FlagDefinition>>): string | undefined {
	const known = new Map<string, boolean>([['--help', false], ['--version', false]]);
	for (const [name, definition] of Object.entries(flags)) {
		const takesValue = definition.type !== 'boolean';
		known.set(`--${kebab(name)}`, takesValue);
		if (!takesValue) known.set(`--no-${kebab(name)}`, false);
		if (definition.shortFlag) known.set(`-${definition.shortFlag}`, takesValue);
	}

	for (let i = 0; i < argv.length; i++) {
		const word = argv[i];
		if (word === '--') return undefined;
		if (!word.startsWith('-') || word === '-') continue;
		const name = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
		if (!known.has(name)) return name;
		if (known.get(name) && !word.includes('=')) i++;
	}

	return undefined;
}
