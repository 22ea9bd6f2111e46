// One exec session inside a simulated container, whatever carries it (WebSocket or SPDY): the
// program's output on stdout/stderr, the end as the Kubernetes Status the runtime's streaming
// server writes on the error channel. Each flavour fails a missing program its own way (see
// ExecFlavour in flavours.ts); a tty session starts with an empty stdout frame, as the real ones do.
import {notInPath, type ExecFlavour} from './flavours.js';
import type {ImageShell} from './seed-data.js';
import {runProgram, runScript, whereIs, type ExecResult, type Machine} from './sim-shell.js';

export type ExecIo = {
	stdout(data: string): void;
	stderr(data: string): void;
	onStdin(fn: (data: Buffer) => void): void;
	onStdinEnd(fn: () => void): void;
	/** Writes the Status on the error channel and ends the session. */
	finish(status: ExecStatus): void;
};

export type ExecStatus = {metadata: Record<string, never>; status: 'Success' | 'Failure'; message?: string; reason?: string; code?: number; details?: {causes: Array<{reason?: string; message: string}>}};

export type ExecPlan = {
	cmd: string[]; tty: boolean; stdin: boolean; hostname: string; shell: ImageShell;
	flavour: ExecFlavour; execId: string;
	/** Set when the container cannot run anything (CRI-O sends this on the stream). */
	notRunning?: string;
};

export const success: ExecStatus = {metadata: {}, status: 'Success'};

export function exitStatus(exitCode: number, flavour: ExecFlavour, cmd: string[]): ExecStatus {
	if (exitCode === 0) return success;
	return {
		metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
		message: `command terminated with non-zero exit code: ${flavour.exitText(exitCode, cmd)}`,
		details: {causes: [{reason: 'ExitCode', message: String(exitCode)}]},
	};
}

export function internalError(message: string): ExecStatus {
	return {metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError', code: 500, details: {causes: [{message}]}};
}

/** The runtime's words when `program` is not in the image (a path is looked up with stat). */
export function missingProgram(program: string): string {
	return program.includes('/') ? `exec failed: unable to start container process: exec: "${program}": stat ${program}: no such file or directory` : notInPath(program);
}

export function runExec(plan: ExecPlan, io: ExecIo) {
	const {cmd, tty, flavour} = plan;
	const machine: Machine = {hostname: plan.hostname, shell: plan.shell};
	const nl = (text: string) => (tty ? text.replace(/\r?\n/g, '\r\n') : text);
	// With a tty the container has one output: stderr arrives on stdout.
	const err = (text: string) => (tty ? io.stdout(nl(text)) : io.stderr(text));
	if (plan.notRunning) return io.finish(internalError(plan.notRunning));
	const program = cmd[0] ?? '';
	if (!whereIs(program, machine)) {
		const why = missingProgram(program);
		if (flavour.missing === 'crio-255') {
			err(`${why}\n`);
			return io.finish(exitStatus(255, flavour, cmd));
		}
		if (flavour.missing === 'docker-126') {
			err(`OCI runtime exec failed: ${why}: unknown\n`);
			return io.finish(exitStatus(126, flavour, cmd));
		}
		return io.finish(internalError(`failed to exec in container: failed to start exec "${plan.execId}": OCI runtime exec failed: ${why}: unknown`));
	}
	if (tty) io.stdout('');
	const base = program.split('/').pop() ?? '';
	const write = (result: ExecResult) => {
		if (result.stdout) io.stdout(nl(result.stdout));
		if (result.stderr) err(result.stderr);
	};
	if (!['sh', 'bash', 'ash'].includes(base) || cmd.length > 1) {
		const result = runProgram(cmd, machine);
		write(result);
		return io.finish(exitStatus(result.exitCode, flavour, cmd));
	}
	if (!plan.stdin) return io.finish(success);
	interactive(plan, machine, io, write);
}

/** An interactive shell: a prompt (busybox's ends with a cursor-position query), line editing
 * with echo on a tty, `exit N` or Ctrl-D to end. */
function interactive(plan: ExecPlan, machine: Machine, io: ExecIo, write: (result: ExecResult) => void) {
	const {tty, flavour, cmd} = plan;
	const name = (cmd[0] ?? '').endsWith('bash') ? 'bash' : 'sh';
	const prompt = () => {
		if (!tty) return;
		io.stdout(plan.shell === 'bash' ? `root@${machine.hostname}:/# ` : '/ # \x1b[6n');
	};
	let line = '';
	let last = 0;
	let done = false;
	const end = (status: ExecStatus) => {
		if (done) return;
		done = true;
		io.finish(status);
	};
	prompt();
	io.onStdinEnd(() => end(exitStatus(last, flavour, cmd)));
	io.onStdin(data => {
		// Drop what the terminal answers to the prompt's query and other escape sequences (arrows).
		const text = data.toString('utf8').replace(/\x1b\[[0-9;?]*[A-Za-z~]/g, '');
		for (const ch of text) {
			if (done) return;
			if (ch === '\r' || ch === '\n') {
				if (tty) io.stdout('\r\n');
				const result = runScript(line, machine, name);
				line = '';
				write(result);
				last = result.exitCode;
				if (result.exited) return end(exitStatus(result.exitCode, flavour, cmd));
				prompt();
			} else if (ch === '\x04' && line === '') {
				return end(exitStatus(last, flavour, cmd));
			} else if (ch === '\x03') {
				line = '';
				if (tty) io.stdout('^C\r\n');
				prompt();
			} else if (ch === '\x7f' || ch === '\b') {
				if (line && tty) io.stdout('\b \b');
				line = line.slice(0, -1);
			} else {
				line += ch;
				if (tty) io.stdout(ch);
			}
		}
	});
}
