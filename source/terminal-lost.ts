// The terminal can go without a SIGHUP: the session leader above us ignores HUP (a wrapper
// shell, a tmux pane's `trap`), or the pty is closed by something that sends none. Then the
// kernel only hangs the terminal up: reads give end of file, writes give EIO, and the device
// node is unlinked. A root process polling the runtime forever after the ssh session died is
// real harm, so any of these ends the dashboard (terminal.ts), like a hang-up does.
import {fstatSync, closeSync} from 'node:fs';
import {isatty} from 'node:tty';

/** The exit code when the terminal is gone: the same as a hang-up (128 + SIGHUP). */
export const TERMINAL_LOST_EXIT_CODE = 129;

/**
 * How often the belt check looks at the terminal devices. Two fstat and two ioctl system calls
 * every 5 s (a few µs): no measurable idle CPU, and the end of file or a failed write normally
 * come first anyway.
 * @default 5000
 */
export const LOST_CHECK_MS = 5000;

type Readable = Pick<NodeJS.ReadStream, 'on' | 'off'> & {fd?: number; isTTY?: boolean};
type Writable = Partial<Pick<NodeJS.WriteStream, 'on' | 'off'>> & {fd?: number; isTTY?: boolean};

export type WatchTerminalOptions = {
	stdin: Readable;
	stdout: Writable;
	/** Called once, with why (a clause for "the terminal is gone: …"). */
	onLost: (why: string) => void;
	/** The belt check: returns why the terminal is gone, or undefined. @default terminal devices of stdin/stdout */
	check?: () => string | undefined;
	/** @default LOST_CHECK_MS */
	checkMs?: number;
};

/** True when `fd` was a terminal and its device is gone (unlinked, or no longer a terminal). */
export function deviceGone(fd: number): boolean {
	try {
		return fstatSync(fd).nlink === 0 || !isatty(fd);
	} catch {
		return true;
	}
}

/** Which of the streams' file descriptors are terminals now (the belt check looks only at these). */
function terminalFds(...streams: Array<{fd?: number; isTTY?: boolean}>): number[] {
	return streams.map(s => s.fd).filter((fd): fd is number => typeof fd === 'number' && isatty(fd));
}

/**
 * Watches for the terminal going away without a SIGHUP: stdin's end of file or read error, a
 * failed write to stdout, and a low-frequency check that the terminal devices still exist.
 * Returns a remover.
 */
export function watchTerminal(options: WatchTerminalOptions): () => void {
	let done = false;
	const lost = (why: string) => {
		if (done) return;
		done = true;
		options.onLost(why);
	};

	const onEnd = () => lost('its input ended (end of file)');
	const onReadError = (error: NodeJS.ErrnoException) => lost(`reading it failed (${error.code ?? error.message})`);
	const onWriteError = (error: NodeJS.ErrnoException) => lost(`writing to it failed (${error.code ?? error.message})`);
	options.stdin.on('end', onEnd);
	options.stdin.on('error', onReadError);
	options.stdout.on?.('error', onWriteError);

	const fds = options.check ? [] : terminalFds(options.stdin, options.stdout);
	const check = options.check ?? (() => (fds.some(fd => deviceGone(fd)) ? 'its device was removed' : undefined));
	const timer = setInterval(() => {
		const why = check();
		if (why) lost(why);
	}, options.checkMs ?? LOST_CHECK_MS);
	// Never what keeps the process alive.
	timer.unref();

	return () => {
		done = true;
		clearInterval(timer);
		options.stdin.off('end', onEnd);
		options.stdin.off('error', onReadError);
		options.stdout.off?.('error', onWriteError);
	};
}

/**
 * Closes the standard descriptors whose terminal is gone. Node.js restores the terminal modes it
 * found at start-up on exit and aborts (SIGABRT, a core dump) when that fails with EIO on a hung-up
 * terminal; it skips a closed descriptor. Called on the way out only, where closing a character
 * device that is not a terminal (a hung-up one, or /dev/null) loses nothing.
 */
export function releaseLostStdio(): void {
	for (const fd of [0, 1, 2]) {
		try {
			const stat = fstatSync(fd);
			if (stat.isCharacterDevice() && (stat.nlink === 0 || !isatty(fd))) closeSync(fd);
		} catch {
			// Already closed.
		}
	}
}
