// Runs the REAL bin (or any program) in a detached tmux session on a private tmux server, so tests
// and the bench see exactly what a person at an 80x24 terminal would: the painted screen, escape
// sequences, the exit code and the terminal state left behind.
//
// Every rig gets its own server (`tmux -L crisock-test-<pid>-<n>`, no config file), so it never
// touches a user's tmux and one rig's failure cannot leak into another. The program runs under a
// small sh wrapper that, after it exits, prints its exit code and the stty flags and then keeps the
// pane open, so a test can still read the terminal afterwards.
import {execFile, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {holdsFor, keyGap, waitFor} from '../support/wait.js';

const exec = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bin under test; CRISOCK_E2E_BIN points the suites at another build (e.g. an installed one). */
export const BIN = process.env.CRISOCK_E2E_BIN ?? path.join(REPO_ROOT, 'bin', 'crisock-tui.js');

export type RigOptions = {
	/** Arguments to the bin. */
	args?: string[];
	/** Run this argv instead of `node BIN ...args` (for checking the rig itself). */
	command?: string[];
	/** @default 80 */
	cols?: number;
	/** @default 24 */
	rows?: number;
	/** Added to the environment; `undefined` removes a variable. CI is removed unless given here. */
	env?: Record<string, string | undefined>;
	/** @default REPO_ROOT */
	cwd?: string;
	/** TERM inside the pane. @default 'screen-256color' */
	term?: string;
	/**
	 * Append every byte the program writes to the pane to this file (pipe-pane, set up in the same
	 * tmux command list as the session, so nothing is missed). Sees what capture-pane cannot:
	 * OSC, DCS, title and clipboard sequences.
	 */
	record?: string;
	/** Let programs set tmux's clipboard with OSC 52 (tmux set-clipboard on). @default false */
	clipboard?: boolean;
	/**
	 * Pause after each key of sendKeys, ms. Keys that reach the program in one read arrive as one
	 * input string ("jj"), which a key handler does not take for two presses; a person's keys never
	 * come that close together. @default 25
	 */
	keyGapMs?: number;
};

export type TerminalState = {
	exitCode: number;
	/** The alternate screen is still on (the program did not give the main screen back). */
	alternateScreen: boolean;
	cursorVisible: boolean;
	/** stty flags after exit. */
	echo: boolean;
	canonical: boolean;
	/** The screen after exit, wrapped lines joined. */
	screen: string;
};

export type Matcher = string | RegExp | ((screen: string) => boolean);

export type WaitOptions = {
	/** Match against `capture-pane -e` (escape sequences kept). @default false */
	escaped?: boolean;
	/** How often to look for new output from the program, ms. @default 20 */
	intervalMs?: number;
};

const EXIT_MARK = /\[exit (\d+)\]/;
const STTY_MARK = /\[stty ([^\]]*)\]/;

// After the program: its code, then the tty flags that matter (icanon, echo), then stay open.
// Traps with a command (not '') so the program still gets default signal handling, while the
// wrapper survives a Ctrl-C that reaches the whole process group. NOT HUP: the pane's terminal
// hangs up only when its tmux server goes (killed, or reaped by scripts/run-tests.mjs), and then
// the wrapper, the session leader, must die like a login shell, so the kernel hangs up the
// program too; a wrapper that lived on left programs running for hours on a deleted terminal.
const WRAPPER = [
	"trap 'true' INT TERM QUIT",
	'"$@"',
	'code=$?',
	'flags=$(stty -a | tr " ;" "\\n\\n" | grep -E "^-?(icanon|echo)$" | tr "\\n" " ")',
	'printf "\\n[exit %s]\\n[stty %s]\\n" "$code" "$flags"',
	'exec sleep 600',
].join('\n');

let counter = 0;
const live = new Set<Rig>();
let hookInstalled = false;


/** True when tmux can be run here. */
export function hasTmux(): boolean {
	return spawnSync('tmux', ['-V'], {stdio: 'ignore'}).status === 0;
}

export class Rig {
	readonly socketName: string;
	readonly session = 'rig';
	readonly target = 'rig:0.0';
	private killed = false;
	/**
	 * Every byte the program writes also goes to this file (pipe-pane), so waitFor asks tmux for the
	 * screen only when the program wrote something: a capture is a process start (~8 ms of CPU), and
	 * looking 25 times a second at a screen that does not change was most of the e2e suites' CPU.
	 */
	readonly outputFile: string;
	private readonly ownsOutputFile: boolean;

	constructor(socketName: string, private readonly keyGapMs = 25, record?: string) {
		this.socketName = socketName;
		this.outputFile = record ?? path.join(os.tmpdir(), `${socketName}.out`);
		this.ownsOutputFile = record === undefined;
	}

	/** Runs a tmux command on this rig's server; returns stdout. */
	async tmux(...args: string[]): Promise<string> {
		const {stdout} = await exec('tmux', ['-L', this.socketName, ...args], {maxBuffer: 16 * 1024 * 1024});
		return stdout;
	}

	/**
	 * Sends keys. A tmux key name (Enter, Escape, Tab, BTab, Up, Down, PageDown, NPage, Home, End,
	 * BSpace, Space, C-c, M-x, F1...) is sent as that key; anything else is typed literally.
	 */
	async sendKeys(...keys: string[]): Promise<void> {
		for (const key of keys) {
			if (isKeyName(key)) await this.tmux('send-keys', '-t', this.target, key);
			else await this.type(key);
			await keyGap(this.keyGapMs);
		}
	}

	/** Types text literally (no key-name lookup). */
	async type(text: string): Promise<void> {
		await this.tmux('send-keys', '-t', this.target, '-l', '--', text);
	}

	/** The visible screen, plain text, one line per row (trailing blanks trimmed by tmux). */
	async screen(): Promise<string> {
		return this.tmux('capture-pane', '-p', '-t', this.target);
	}

	/** The visible screen with wrapped lines joined (capture-pane -J), for long messages. */
	async screenJoined(): Promise<string> {
		return this.tmux('capture-pane', '-p', '-J', '-t', this.target);
	}

	/** The visible screen with SGR and other sequences tmux re-encodes (`capture-pane -e`). */
	async screenEscaped(): Promise<string> {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.target);
	}

	/** A tmux format about the pane, e.g. '#{alternate_on}'. */
	async display(format: string): Promise<string> {
		return (await this.tmux('display-message', '-p', '-t', this.target, format)).trim();
	}

	/**
	 * Waits until the screen matches; resolves with that screen, rejects with the last one. The
	 * screen is captured first, then again whenever the program has written more (tmux updates the
	 * screen before it feeds the pipe, so a capture after new output sees it), and at least every
	 * 200 ms besides, for what changes the screen without output (a resize's reflow).
	 */
	async waitFor(match: Matcher, timeoutMs = 30_000, options: WaitOptions = {}): Promise<string> {
		const test = toPredicate(match);
		const look = this.watch(options.escaped);
		let last = '';
		return waitFor(async () => {
			last = await look();
			return test(last) ? last : undefined;
		}, {timeoutMs, intervalMs: options.intervalMs ?? 20}).catch((error: Error) => {
			const because = /\nlast error: .*/s.exec(error.message)?.[0] ?? '';
			throw new Error(`tmux rig: timed out after ${timeoutMs} ms waiting for ${describe(match)}; last screen:\n${frame(last)}${because}`);
		});
	}

	/**
	 * Checks that the screen keeps matching for `ms` (captured as waitFor does); fails at the first
	 * screen that does not, with that screen.
	 */
	async holdsFor(match: Matcher, ms: number, what: string): Promise<void> {
		const test = toPredicate(match);
		const look = this.watch();
		let last = '';
		await holdsFor(async () => test(last = await look()), ms, what).catch((error: Error) => {
			throw new Error(`tmux rig: ${error.message}; screen:\n${frame(last)}`);
		});
	}

	/** A function returning the screen: captured the first time, then when there is new output or 200 ms passed. */
	private watch(escaped = false): () => Promise<string> {
		let last = '';
		let seenBytes = -2;
		let capturedAt = 0;
		return async () => {
			const bytes = this.outputBytes();
			if (bytes !== seenBytes || Date.now() - capturedAt >= 200) {
				seenBytes = bytes;
				capturedAt = Date.now();
				last = escaped ? await this.screenEscaped() : await this.screen();
			}

			return last;
		};
	}

	/** How many bytes the program has written to the pane so far (-1 before the pipe opened). */
	private outputBytes(): number {
		return statSync(this.outputFile, {throwIfNoEntry: false})?.size ?? -1;
	}

	/** Polls until the screen no longer matches. */
	async waitForGone(match: Matcher, timeoutMs = 30_000): Promise<string> {
		const test = toPredicate(match);
		return this.waitFor(screen => !test(screen), timeoutMs).catch((error: Error) => {
			throw new Error(error.message.replace('waiting for', 'waiting for the screen to lose'));
		});
	}

	/** Resizes the window (and so the pane; the program gets SIGWINCH). */
	async resize(cols: number, rows: number): Promise<void> {
		await this.tmux('resize-window', '-t', this.session, '-x', String(cols), '-y', String(rows));
	}

	/** The pid of the wrapper shell in the pane. */
	async panePid(): Promise<number> {
		return Number(await this.display('#{pane_pid}'));
	}

	/** The pid of the program under test (the wrapper's child), or undefined once it has exited. */
	async appPid(): Promise<number | undefined> {
		const parent = await this.panePid();
		return childrenOf(parent).find(pid => !/^sleep\b/.test(readCmdline(pid)));
	}

	/** Sends a signal to the program under test. */
	async signal(signal: NodeJS.Signals): Promise<void> {
		const pid = await this.appPid();
		if (pid === undefined) throw new Error('tmux rig: the program is not running');
		process.kill(pid, signal);
	}

	/** Waits for the program to exit and reports how it left the terminal. */
	async exitStatus(timeoutMs = 30_000): Promise<TerminalState> {
		await this.waitFor(s => EXIT_MARK.test(s) && STTY_MARK.test(s), timeoutMs);
		const screen = await this.screenJoined();
		const flags = (STTY_MARK.exec(screen)?.[1] ?? '').trim().split(/\s+/);
		const [alternate, cursor] = (await this.display('#{alternate_on} #{cursor_flag}')).split(' ');
		return {
			exitCode: Number(EXIT_MARK.exec(screen)?.[1]),
			alternateScreen: alternate === '1',
			cursorVisible: cursor === '1',
			echo: flags.includes('echo'),
			canonical: flags.includes('icanon'),
			screen,
		};
	}

	/** Ends the tmux server (and with it the program). Synchronous so it works in exit hooks. */
	kill(): void {
		if (this.killed) return;
		this.killed = true;
		live.delete(this);
		// kill-server's hang-up ends the wrapper and the program (WRAPPER), but a program that
		// ignores SIGHUP would outlive it: end the pane's tree first.
		const panes = spawnSync('tmux', ['-L', this.socketName, 'list-panes', '-a', '-F', '#{pane_pid}'], {encoding: 'utf8'});
		for (const pane of (panes.stdout ?? '').split('\n').map(Number).filter(pid => pid > 0)) killTree(pane);
		spawnSync('tmux', ['-L', this.socketName, 'kill-server'], {stdio: 'ignore'});
		if (this.ownsOutputFile) rmSync(this.outputFile, {force: true});
	}
}

/** Starts the bin (or options.command) in a fresh detached tmux session. */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
	installExitHook();
	const rig = new Rig(`crisock-test-${process.pid}-${++counter}`, options.keyGapMs, options.record);
	live.add(rig);
	const argv = options.command ?? [process.execPath, BIN, ...(options.args ?? [])];
	const env: Record<string, string | undefined> = {...process.env, CI: undefined, CONTINUOUS_INTEGRATION: undefined, TMUX: undefined, TMUX_PANE: undefined};
	Object.assign(env, options.env);
	const cleanEnv = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
	const cols = String(options.cols ?? 80);
	const rows = String(options.rows ?? 24);
	// The server is started by this very command, so it (and the pane) inherit cleanEnv.
	// A pipeline of tmux commands (`;`) so options are set before the program runs.
	const term = options.term ?? 'screen-256color';
	try {
		await exec('tmux', [
			'-L', rig.socketName, '-f', '/dev/null',
			'set-option', '-g', 'default-terminal', term, ';',
			'set-option', '-g', 'escape-time', '0', ';',
			'set-option', '-g', 'status', 'off', ';',
			'set-option', '-g', 'history-limit', '0', ';',
			'set-option', '-g', 'set-clipboard', options.clipboard ? 'on' : 'off', ';',
			'new-session', '-d', '-s', rig.session, '-x', cols, '-y', rows, '-c', options.cwd ?? REPO_ROOT,
			'--', 'sh', '-c', WRAPPER, 'sh', ...argv,
			';', 'pipe-pane', '-o', '-t', rig.target, `cat >> '${rig.outputFile.replace(/'/g, `'\\''`)}'`,
		], {env: cleanEnv});
		await rig.tmux('set-option', '-t', rig.session, 'remain-on-exit', 'on');
	} catch (error) {
		rig.kill();
		throw error;
	}
	return rig;
}

/** Kills every rig still alive (for after hooks that want to be sure). */
export function killAllRigs(): void {
	for (const rig of [...live]) rig.kill();
}

function installExitHook(): void {
	if (hookInstalled) return;
	hookInstalled = true;
	process.on('exit', killAllRigs);
}

const KEY_NAME = /^(Enter|Escape|Tab|BTab|Up|Down|Left|Right|PageUp|PageDown|PPage|NPage|Home|End|BSpace|Space|DC|IC|F\d{1,2}|[CM]-.+)$/;

function isKeyName(key: string): boolean {
	return KEY_NAME.test(key);
}

function toPredicate(match: Matcher): (screen: string) => boolean {
	if (typeof match === 'string') return screen => screen.includes(match);
	if (match instanceof RegExp) return screen => match.test(screen);
	return match;
}

function describe(match: Matcher): string {
	if (typeof match === 'string') return JSON.stringify(match);
	if (match instanceof RegExp) return String(match);
	return `a condition (${match.name || 'predicate'})`;
}

/** The screen with a border, so blank rows and trailing spaces are visible in failures. */
function frame(screen: string): string {
	const rows = screen.replace(/\n$/, '').split('\n');
	return rows.map(row => `| ${JSON.stringify(row).slice(1, -1)}`).join('\n');
}

function killTree(pid: number): void {
	for (const child of childrenOf(pid)) killTree(child);
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// gone
	}
}

function childrenOf(parent: number): number[] {
	const out: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// Field 4 (ppid) follows the command in parentheses, which may itself hold spaces.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === parent) out.push(Number(name));
		} catch {
			// gone
		}
	}
	return out;
}

function readCmdline(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
	} catch {
		return '';
	}
}
