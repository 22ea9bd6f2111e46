// An interactive shell in a container: CRI Exec with a tty, then the raw
// terminal wired to the stream (stdin → channel 0, output → the terminal,
// window size → channel 4). Called while the dashboard has handed the
// terminal over (source/terminal.ts handOver); no React here.
import type {CriClient} from './cri-client.js';
import {connectExec, type ExecExit, type ExecSession} from './exec-session.js';

/** Shells tried in order: bash when the image has it, else /bin/sh (busybox, alpine, distroless debug). */
export const defaultShells: string[][] = [['bash'], ['/bin/sh']];

export type ShellInput = NodeJS.ReadableStream & {isTTY?: boolean; isRaw?: boolean; setRawMode?(mode: boolean): unknown};
export type ShellOutput = NodeJS.WritableStream & {columns?: number; rows?: number; on(event: 'resize', listener: () => void): unknown; off(event: 'resize', listener: () => void): unknown};

export type ShellResult = ExecExit & {command: string[]};

export type ShellOptions = {
	/** @default defaultShells */
	shells?: string[][];
	/** A shell that fails this fast, silently, with "not found" counts as absent. @default 3000 */
	absentWithinMs?: number;
	connect?: typeof connectExec;
	/** Aborted when the person leaves with the escape key: the session is closed and no other shell is tried. */
	signal?: AbortSignal;
};

/** The runtimes' and shells' words for "no such program". */
const absentWords = /executable file not found|no such file or directory|OCI runtime exec failed|: not found|command not found/i;

/** Whether an exit looks like "this shell does not exist" rather than a session that ended. Every
 * runtime says it its own way: containerd an error status without exit code; CRI-O exit 255 after
 * the runtime's message on the stream; cri-dockerd exit 126 after `OCI runtime exec failed: …`;
 * a shell wrapper 127. `output` is what the attempt printed (empty frames excluded). */
export function looksAbsent(exit: ExecExit, elapsedMs: number, output: string, withinMs: number): boolean {
	if (elapsedMs > withinMs) return false;
	if (exit.code === -1) return absentWords.test(exit.message ?? '') || /not found|executable/i.test(exit.message ?? '');
	if (![126, 127, 255].includes(exit.code)) return false;
	// Silent 126/127 (a wrapper), or a short runtime error and nothing else.
	return output.length === 0 ? exit.code !== 255 : output.length < 2048 && absentWords.test(output);
}

/** Output of an attempt that may still turn out to be "absent" is held this long before it shows. */
const holdMs = 400;

/** Runs an interactive shell until it exits. Rejects only when Exec itself fails (e.g. CriError 'read-only'). */
export async function runShell(client: Pick<CriClient, 'exec'> & {runtimeEndpoint?: string}, containerId: string, input: ShellInput, output: ShellOutput, options: ShellOptions = {}): Promise<ShellResult> {
	const shells = options.shells ?? defaultShells;
	const connect = options.connect ?? connectExec;
	const wasRaw = input.isRaw ?? false;
	// Keys are taken for the whole run and held while no session is open (between
	// the bash attempt and /bin/sh), so nothing typed early is lost. The
	// dashboard's terminal guard also listens to this stdin: it is never left
	// paused unless it was paused before.
	let session: ExecSession | undefined;
	let held: Array<Buffer | string> = [];
	const onData = (data: Buffer | string) => (session ? session.write(data) : held.push(data));
	const onEnd = () => session?.closeStdin();
	const onResize = () => session?.resize(output.columns ?? 80, output.rows ?? 24);
	const onAbort = () => session?.close();
	options.signal?.addEventListener('abort', onAbort);
	const wasPaused = input.isPaused();
	input.on('data', onData);
	input.on('end', onEnd);
	output.on('resize', onResize);
	if (wasPaused) input.resume();
	if (input.isTTY) input.setRawMode?.(true);
	try {
		let last: ShellResult | undefined;
		for (const [index, command] of shells.entries()) {
			if (options.signal?.aborted) break;
			const started = Date.now();
			const isLast = index === shells.length - 1;
			// Until this attempt is known to be a real shell, its output is held (not for the last
			// try): a runtime's "bash: executable file not found" should not flash before /bin/sh.
			let shown = '';
			let pending: Buffer[] | undefined = isLast ? undefined : [];
			const flush = () => {
				for (const data of pending?.splice(0) ?? []) output.write(data);
				pending = undefined;
			};
			const {url} = await client.exec({containerId, cmd: command, tty: true, stdin: true, stdout: true, stderr: false});
			const current = await connect(url, {
				endpoint: client.runtimeEndpoint,
				onStdout(data) {
					// The runtimes send empty frames when a tty session opens.
					if (data.length === 0) return;
					if (shown.length < 4096) shown += data.toString('utf8');
					if (pending) pending.push(data);
					else output.write(data);
				},
			});
			const timer = pending ? setTimeout(flush, holdMs) : undefined;
			session = current;
			if (options.signal?.aborted) current.close();
			onResize();
			for (const data of held.splice(0)) current.write(data);
			const exit = await current.exited;
			clearTimeout(timer);
			session = undefined;
			current.close();
			last = {...exit, command};
			if (isLast || !looksAbsent(exit, Date.now() - started, shown, options.absentWithinMs ?? 3000)) {
				flush();
				return last;
			}
			pending = undefined;
		}

		return last ?? {code: -1, protocol: '', message: 'left before the shell started', command: shells[0]};
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
		held = [];
		input.off('data', onData);
		input.off('end', onEnd);
		output.off('resize', onResize);
		if (wasPaused) input.pause();
		if (input.isTTY) input.setRawMode?.(wasRaw);
	}
}

/** The line the dashboard shows when the shell is over. */
export function shellExitSentence(result: ShellResult): string {
	const protocol = result.protocol ? ` (protocol ${result.protocol})` : '';
	if (result.code === -1) return `shell ${result.command.join(' ')} failed: ${result.message ?? 'unknown error'}${protocol}`;
	return `shell exited with code ${result.code}${protocol}`;
}
