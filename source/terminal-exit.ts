// Every way out of the dashboard restores the terminal first: signals, a crash, and the terminal
// going away without a hang-up (terminal-lost.ts). Kept apart from terminal.ts, which owns the
// screen modes and the shell hand-over; this owns the process's exit.
import {deviceGone, releaseLostStdio, TERMINAL_LOST_EXIT_CODE, watchTerminal} from './terminal-lost.js';
import type {TerminalGuardOptions} from './terminal.js';

type ExitIo = {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	exit: (code: number) => void;
};

/**
 * Installs the exit handlers: `restore` runs first, then a sentence (if any) on stderr, then
 * `onExit` (bounded by `exitCeilingMs`), then `exit`. Returns a remover.
 */
export function installExitHandlers(
	restore: () => void,
	{stdin, stdout, stderr, exit}: ExitIo,
	options: Pick<TerminalGuardOptions, 'lostCheck' | 'lostCheckMs' | 'exitCeilingMs'>,
	onExit?: (code: number) => void | Promise<void>,
): () => void {
	let exiting = false;
	const finish = (code: number, message?: string) => {
		if (exiting) return;
		exiting = true;
		restore();
		// Printed after restoring, so it lands on the normal screen and stays visible; not
		// onto a terminal that is gone (the write would only fail).
		const errorFd = (stderr as {fd?: number}).fd;
		if (message && !(stderr.isTTY && typeof errorFd === 'number' && deviceGone(errorFd))) {
			stderr.write(message.endsWith('\n') ? message : `${message}\n`);
		}
		// Never hang on the way out: a clean-up that does not settle is given up on.
		let timer: NodeJS.Timeout | undefined;
		const ceiling = new Promise<void>(resolve => {
			timer = setTimeout(resolve, options.exitCeilingMs ?? 5000);
		});
		Promise.race([Promise.resolve(onExit?.(code)), ceiling])
			.catch(() => {})
			.finally(() => {
				clearTimeout(timer);
				exit(code);
			});
	};

	const onCrash = (error: unknown) => {
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		finish(1, `crisock-tui crashed: ${text}`);
	};

	const stopWatching = watchTerminal({
		stdin, stdout, check: options.lostCheck, checkMs: options.lostCheckMs,
		onLost: why => finish(TERMINAL_LOST_EXIT_CODE, `crisock-tui: the terminal is gone: ${why}; the dashboard stopped`),
	});
	const onProcessExit = () => {
		restore();
		releaseLostStdio();
	};
	// Exit codes as a shell reports a signal's: 128 + its number.
	const handlers: Array<[string, (error: unknown) => void]> = [
		['SIGTERM', () => finish(143)],
		['SIGHUP', () => finish(129)],
		['SIGINT', () => finish(130)],
		['uncaughtException', onCrash],
		['unhandledRejection', onCrash],
		['exit', onProcessExit],
	];
	for (const [event, handler] of handlers) process.on(event, handler);
	return () => {
		stopWatching();
		for (const [event, handler] of handlers) process.off(event, handler);
	};
}
