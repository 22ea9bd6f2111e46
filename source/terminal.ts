// The terminal guard: the alternate screen is entered once and ALWAYS left,
// whatever ends the program (q, Ctrl-C, SIGTERM, SIGHUP, a crash). ink reads
// keys from a proxy stream fed from the real stdin and writes through a proxy
// stdout, so both can be paused while a shell owns the terminal (handOver).
// The terminal is given back as it was taken: after a handed-over session and
// on every way out, the modes a program inside may have set are reset
// (RESET_MODES) and the title is popped from the terminal's title stack.
import {PassThrough} from 'node:stream';
import {createEscapeFilter, ESCAPE_HINT} from './shell-escape.js';
import {installExitHandlers} from './terminal-exit.js';
import type {HandOverIo} from './state/node-actions.js';

export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[2J\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const HIDE_CURSOR = '\u001B[?25l';
export const SHOW_CURSOR = '\u001B[?25h';
/** Bracketed paste (xterm mode 2004): on while the screen is up, so a paste is never taken for keys (ui/paste.ts). */
export const PASTE_ON = '\u001B[?2004h';
export const PASTE_OFF = '\u001B[?2004l';

/** XTWINOPS 22/23: save the window title on the terminal's stack, and restore it. */
export const PUSH_TITLE = '\u001B[22;0t';
export const POP_TITLE = '\u001B[23;0t';

/**
 * Everything a program in a container's shell may switch and nothing in CRI
 * switches back, set to the terminal's defaults. The first two bytes end a
 * string or sequence the peer left half-written (a title cut off mid-OSC), so
 * what follows is read as commands. Bracketed paste is among them: the
 * dashboard turns it on again (PASTE_ON) when it takes the screen back.
 */
export const RESET_MODES = [
	'\u001B\\', // ST: ends an unterminated OSC/DCS string
	'\u0018', // CAN: aborts an unfinished escape sequence
	'\u001B[?1000l\u001B[?1001l\u001B[?1002l\u001B[?1003l', // mouse tracking (click, highlight, drag, any motion)
	'\u001B[?1004l\u001B[?1005l\u001B[?1006l\u001B[?1015l', // focus events, mouse encodings (UTF-8, SGR, urxvt)
	'\u001B[?2004l', // bracketed paste
	'\u001B>', // DECKPNM: numeric keypad
	'\u001B[?1l', // DECCKM: normal cursor keys
	'\u001B[4l', // IRM: replace, not insert
	'\u001B[?7h', // DECAWM: autowrap on
	'\u001B[?6l', // DECOM: origin mode off
	'\u001B[r', // DECSTBM: scroll region = the whole screen
	'\u001B[0m', // SGR 0: colours and attributes off
	'\u001B[0 q', // DECSCUSR: the terminal's default cursor shape
	'\u001B[?25h', // cursor visible
	'\u001B[?1049l', // the peer's alternate screen, if it left one on
].join('');

export type {HandOverIo};

/** handOver rejects with this when the person left with the escape key. */
export class HandOverEscaped extends Error {
	override name = 'HandOverEscaped';
	constructor() {
		super('left with the escape key; the process in the container may still be running');
	}
}

export type TerminalGuardOptions = {
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
	/** @default process.exit */
	exit?: (code: number) => void;
	/** The belt check of terminal-lost.ts (for tests). @default the devices of stdin and stdout */
	lostCheck?: () => string | undefined;
	/** @default LOST_CHECK_MS */
	lostCheckMs?: number;
	/** How long the `onExit` of installExitHandlers may take before the process exits anyway. @default 5000 */
	exitCeilingMs?: number;
};

export type TerminalGuard = {
	/** Give this to ink as `stdin`: a TTY-like stream fed from the real stdin unless paused. */
	readonly inkStdin: NodeJS.ReadStream;
	/** Give this to ink as `stdout`: the real stdout whose writes are dropped while handed over and after restore(). */
	readonly inkStdout: NodeJS.WriteStream;
	/** Title saved, alternate screen on, cursor hidden. */
	enter(): void;
	/** Every mode reset (RESET_MODES), the main screen and the title back, raw mode off; ink's output (inkStdout) is closed. Idempotent. */
	restore(): void;
	/** Called after a hand-over to repaint everything (ink clear + a rerender). */
	setRepaint(repaint: () => void): void;
	/**
	 * Gives the terminal to `run`; when it settles, or the person types the escape
	 * (then it rejects with HandOverEscaped at once), every mode is reset, the
	 * title restored and the dashboard repainted.
	 */
	handOver<T>(run: (io: HandOverIo) => Promise<T>): Promise<T>;
	/**
	 * Restore the terminal on every way out — signals, a crash, and the terminal
	 * going away without a hang-up (terminal-lost.ts: exit 129); `onExit` runs
	 * after restoring (e.g. stop the demo node), bounded by a ceiling, and before
	 * exit. Returns a remover.
	 */
	installExitHandlers(onExit?: (code: number) => void | Promise<void>): () => void;
	readonly active: boolean;
	readonly handedOver: boolean;
};

export function createTerminalGuard(options: TerminalGuardOptions = {}): TerminalGuard {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const exit = options.exit ?? ((code: number) => process.exit(code));

	let active = false;
	let handedOver = false;
	// Set by restore(): from then on ink's output goes nowhere, so a frame ink
	// writes late (its exit render after a crash) cannot land on the main screen
	// over the sentence printed after restoring.
	let closed = false;
	let repaint: () => void = () => {};

	// ink calls setRawMode/ref/unref/setEncoding on its stdin; the proxy forwards
	// raw mode to the real TTY so keys arrive one by one.
	const proxy = new PassThrough() as PassThrough & Partial<NodeJS.ReadStream>;
	Object.assign(proxy, {
		isTTY: stdin.isTTY,
		setRawMode(mode: boolean) {
			stdin.setRawMode?.(mode);
			return proxy;
		},
		ref() {
			stdin.ref?.();
			return proxy;
		},
		unref() {
			stdin.unref?.();
			return proxy;
		},
	});
	let feeding = false;
	const feed = (chunk: Buffer | string) => {
		if (!handedOver) proxy.write(chunk);
	};

	const inkStdout = new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, ...rest: unknown[]) => {
					if (handedOver || closed) {
						// Keep the write contract (callbacks fire) without touching the screen.
						const callback = rest.find(r => typeof r === 'function') as (() => void) | undefined;
						callback?.();
						return true;
					}

					return (target.write as (...a: unknown[]) => boolean)(chunk, ...rest);
				};
			}

			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});

	const guard: TerminalGuard = {
		inkStdin: proxy as unknown as NodeJS.ReadStream,
		inkStdout,
		get active() {
			return active;
		},
		get handedOver() {
			return handedOver;
		},
		enter() {
			if (!feeding) {
				feeding = true;
				stdin.on('data', feed);
			}

			if (active) return;
			active = true;
			closed = false;
			stdout.write(PUSH_TITLE + ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON);
		},
		restore() {
			if (feeding) {
				feeding = false;
				stdin.off('data', feed);
			}

			closed = true;
			if (!active) return;
			active = false;
			// Synchronous on a TTY, so it lands even when the process exits right after.
			stdout.write(PASTE_OFF + RESET_MODES + SHOW_CURSOR + LEAVE_ALT_SCREEN + POP_TITLE);
			try {
				if (stdin.isTTY) stdin.setRawMode?.(false);
			} catch {
				// stdin may already be destroyed on the way out.
			}
		},
		setRepaint(fn) {
			repaint = fn;
		},
		async handOver<T>(run: (io: HandOverIo) => Promise<T>): Promise<T> {
			if (handedOver) throw new Error('the terminal is already handed over');
			handedOver = true;
			// Raw mode stays on: a shell wants every key as typed.
			stdout.write(`${PASTE_OFF}${SHOW_CURSOR}${LEAVE_ALT_SCREEN}crisock-tui: ${ESCAPE_HINT}\r\n`);
			const controller = new AbortController();
			let leave!: (error: Error) => void;
			const left = new Promise<never>((_resolve, reject) => {
				leave = reject;
			});
			const filter = createEscapeFilter(() => {
				controller.abort();
				leave(new HandOverEscaped());
			});
			const keys = handOverStdin(stdin);
			const relay = (chunk: Buffer | string) => {
				const out = filter.push(chunk);
				if (out.length > 0) keys.write(out);
			};
			let over = false;
			const screen = gated(stdout, () => over);
			stdin.on('data', relay);
			try {
				const running = run({stdin: keys as unknown as NodeJS.ReadStream, stdout: screen, signal: controller.signal});
				running.catch(() => undefined); // after the escape nobody waits for it
				return await Promise.race([running, left]);
			} finally {
				over = true;
				stdin.off('data', relay);
				keys.end();
				// Whatever the session switched on is switched off, and the title it set is replaced by ours.
				stdout.write(RESET_MODES + POP_TITLE + PUSH_TITLE);
				if (active) stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON);
				handedOver = false;
				repaint();
			}
		},
		installExitHandlers(onExit) {
			return installExitHandlers(() => guard.restore(), {stdin, stdout, stderr, exit}, options, onExit);
		},
	};
	return guard;
}

/** A readable for the handed-over session: fed by handOver, raw mode goes to the real stdin. */
function handOverStdin(stdin: NodeJS.ReadStream): PassThrough {
	const keys = new PassThrough();
	Object.defineProperty(keys, 'isTTY', {value: stdin.isTTY});
	Object.defineProperty(keys, 'isRaw', {get: () => stdin.isRaw});
	Object.assign(keys, {
		setRawMode(mode: boolean) {
			stdin.setRawMode?.(mode);
			return keys;
		},
	});
	return keys;
}

/** The real stdout whose writes are dropped once `closed()` is true (a stream that outlives its session). */
function gated(stdout: NodeJS.WriteStream, closed: () => boolean): NodeJS.WriteStream {
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, ...rest: unknown[]) => {
					if (!closed()) return (target.write as (...a: unknown[]) => boolean)(chunk, ...rest);
					(rest.find(r => typeof r === 'function') as (() => void) | undefined)?.();
					return true;
				};
			}

			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});
}
