// Where a crictl-style command starts in the argument list. Imported by cli.tsx on every start,
// so it imports nothing: the dashboard pays nothing for the commands, and a command loads no
// ink or React. Global flags come before the command, as crictl wants them
// (`crisock-tui -r unix:///run/crio/crio.sock ps -a`), so `-r`, `-t` and `-p` after the
// command keep crictl's per-command meanings.

/** Global flags that take a value (the next word, or `--flag=value`). */
export const valueFlags = new Set([
	'-r', '--runtime-endpoint', '-i', '--image-endpoint', '-t', '--timeout', '-c', '--config',
	'--interval', '--host-root', '--log-root', '--flavor', '--trace', '--tail', '--since', '--node', '--nodes', '--ssh-config',
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
