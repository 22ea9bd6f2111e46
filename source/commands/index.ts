// The one-shot commands (crictl's names, flags and output): the registry and the runner.
// Loaded only when the words hold a command (see argv.ts); loads no ink or React.
import {createInterface} from 'node:readline';
import {SettingsError} from '../wire/config.js';
import {CriError} from '../wire/errors.js';
import {processTrace} from '../wire/trace.js';
import type {CommandLine} from './argv.js';
import {connect, parseGlobals, type StartDemo} from './connect.js';
import {imagefsinfo} from './imagefsinfo.js';
import {images} from './images.js';
import {info} from './info.js';
import {inspect, inspecti, inspectp} from './inspect.js';
import {logs} from './logs.js';
import {rm, rmi, rmp, stop, stopp} from './mutate.js';
import {pods} from './pods.js';
import {ps} from './ps.js';
import {parseCommandArgs, UsageError, type CommandIo, type CommandSpec} from './spec.js';
import {stats, statsp} from './stats.js';
import {openTraceFile, type TraceFile} from './trace-file.js';
import {version} from './version.js';

export const commands: readonly CommandSpec[] = [ps, pods, images, inspect, inspectp, inspecti, logs, stats, statsp, info, version, imagefsinfo, stop, stopp, rm, rmp, rmi];

/** The command a word names (crictl's aliases too), or undefined. */
export function findSpec(word: string): CommandSpec | undefined {
	return commands.find(c => c.name === word || c.aliases?.includes(word));
}

/** The commands' lines of --help. */
export function commandsHelp(): string {
	return commands.map(c => `    ${c.name.padEnd(12)} ${c.summary}`).join('\n');
}

export type RunIo = {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; stdin: NodeJS.ReadStream; env: NodeJS.ProcessEnv; startDemo?: StartDemo};

function commandIo(io: RunIo): CommandIo {
	return {
		write: text => void io.stdout.write(text),
		warn: text => void io.stderr.write(text),
		interactive: Boolean(io.stdin.isTTY && io.stdout.isTTY),
		async ask(question) {
			// On stderr, so the data on stdout stays clean.
			const rl = createInterface({input: io.stdin, output: io.stderr});
			try {
				const answer = await new Promise<string>(resolve => rl.question(question, resolve));
				return /^y(es)?$/i.test(answer.trim());
			} finally {
				rl.close();
			}
		},
		untilInterrupted: () => new Promise<void>(resolve => {
			const done = () => {
				process.off('SIGINT', done);
				process.off('SIGTERM', done);
				resolve();
			};
			process.on('SIGINT', done);
			process.on('SIGTERM', done);
		}),
	};
}

/** Runs one command; resolves to the exit code (0, 1 for a failure, 2 for a usage mistake). */
export async function runCommand(line: CommandLine, io: RunIo = {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env}): Promise<number> {
	const fail = (message: string, code: number) => {
		io.stderr.write(`${message}\n`);
		return code;
	};

	let globals: ReturnType<typeof parseGlobals>;
	let spec: CommandSpec | undefined;
	let parsed: ReturnType<typeof parseCommandArgs>;
	try {
		globals = parseGlobals(line.globals);
		spec = findSpec(line.name);
		if (!spec) {
			return fail(`crisock-tui: unknown command ${JSON.stringify(line.name)}: use one of ${commands.map(c => c.name).join(', ')} (crisock-tui --help)`, 2);
		}

		parsed = parseCommandArgs(spec, line.args);
	} catch (error) {
		if (error instanceof UsageError) return fail(`${error.message}\nUsage: ${spec?.usage ?? 'crisock-tui [global flags] COMMAND [flags] (see crisock-tui --help)'}`, 2);
		throw error;
	}

	if (parsed.help) {
		io.stdout.write(`${spec.summary}.\n\nUsage: ${spec.usage}\n\nGlobal flags go before the command: -r ENDPOINT, -i ENDPOINT, -t TIMEOUT, -c CONFIG, --read-only, --trace FILE, --demo.\n`);
		return 0;
	}

	let trace: TraceFile | undefined;
	let connected: Awaited<ReturnType<typeof connect>> | undefined;
	try {
		if (globals.trace) {
			// The process's trace: a command is the whole process, and its probe's calls belong in the file too.
			trace = openTraceFile(globals.trace, processTrace);
			processTrace.setDetail('payload');
		}

		connected = await connect(globals, io.env, io.startDemo);
		for (const warning of connected.warnings) io.stderr.write(`${warning}\n`);
		if (connected.note) io.stderr.write(`# ${connected.note}\n`);
		return await spec.run({
			client: connected.client, values: parsed.values, positionals: parsed.positionals, io: commandIo(io),
			target: connected.target, hostRoot: connected.hostRoot, readOnly: connected.readOnly, now: Date.now(),
		});
	} catch (error) {
		if (error instanceof UsageError) return fail(`${error.message}\nUsage: ${spec.usage}`, 2);
		if (globals.debug && error instanceof Error && error.stack) return fail(error.stack, 1);
		if (error instanceof CriError || error instanceof SettingsError || error instanceof Error) return fail(error.message, 1);
		return fail(String(error), 1);
	} finally {
		trace?.write(connected?.target ?? {});
		await connected?.close();
	}
}
