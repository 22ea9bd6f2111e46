// A tmux control-mode client (`tmux -C attach`): commands without spawning a tmux process each time
// (sub-millisecond capture-pane), and every byte the pane receives as a timestamped %output
// notification. The bench times frames from these timestamps, from outside the program.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {performance} from 'node:perf_hooks';

type Pending = {resolve: (lines: string[]) => void; reject: (error: Error) => void; lines: string[]};

export type OutputListener = (data: string, at: number) => void;

export class TmuxControl {
	/** performance.now() of the last %output chunk. */
	lastOutputAt = 0;
	/** Bytes of %output seen so far (decoded length). */
	outputBytes = 0;
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly queue: Pending[] = [];
	private current: Pending | undefined;
	private buffer = '';
	private listeners = new Set<OutputListener>();
	private closed = false;

	private constructor(socketName: string, session: string) {
		this.child = spawn('tmux', ['-L', socketName, '-C', 'attach', '-t', session], {stdio: ['pipe', 'pipe', 'pipe']});
		this.child.stdout.setEncoding('utf8');
		this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
		this.child.on('exit', () => {
			this.closed = true;
			for (const p of this.queue.splice(0)) p.reject(new Error('tmux control client exited'));
		});
	}

	/** Attaches to `session` on the tmux server `socketName`; resolves once it answers a command. */
	static async attach(socketName: string, session: string): Promise<TmuxControl> {
		const control = new TmuxControl(socketName, session);
		await control.command('display-message -p ok');
		return control;
	}

	/** Runs one tmux command; resolves with its output lines (rejects on %error). */
	command(line: string): Promise<string[]> {
		if (this.closed) return Promise.reject(new Error('tmux control client is closed'));
		return new Promise((resolve, reject) => {
			this.queue.push({resolve, reject, lines: []});
			this.child.stdin.write(`${line}\n`);
		});
	}

	/** The visible screen, plain text. */
	async screen(target: string): Promise<string> {
		return (await this.command(`capture-pane -p -t ${target}`)).join('\n');
	}

	onOutput(listener: OutputListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.child.stdin.end();
		this.child.kill();
	}

	private onData(chunk: string): void {
		const at = performance.now();
		this.buffer += chunk;
		let newline: number;
		while ((newline = this.buffer.indexOf('\n')) >= 0) {
			const line = this.buffer.slice(0, newline);
			this.buffer = this.buffer.slice(newline + 1);
			this.onLine(line, at);
		}
	}

	private onLine(line: string, at: number): void {
		if (this.current) {
			// Inside a %begin block every line is output, until the matching %end/%error.
			if (/^%(end|error) \d+ \d+ \d+$/.test(line)) {
				const done = this.current;
				this.current = undefined;
				if (line.startsWith('%end')) done.resolve(done.lines);
				else done.reject(new Error(`tmux: ${done.lines.join(' ')}`));
			} else {
				this.current.lines.push(line);
			}
			return;
		}
		const begin = /^%begin \d+ \d+ (\d+)$/.exec(line);
		if (begin) {
			// Flag 1: the answer to a command of ours (0: the attach's own block, to skip).
			if (begin[1] === '1') this.current = this.queue.shift();
			else this.current = {resolve() {}, reject() {}, lines: []};
			return;
		}
		if (line.startsWith('%output ')) {
			const data = decode(line.slice(line.indexOf(' ', 8) + 1));
			this.lastOutputAt = at;
			this.outputBytes += data.length;
			for (const listener of this.listeners) listener(data, at);
		}
	}
}

/** %output escapes bytes below 32 and backslash as \ooo. */
function decode(text: string): string {
	return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
