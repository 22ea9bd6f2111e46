// The terminal goes away WITHOUT a SIGHUP (a session leader that ignores HUP stays behind, a tmux
// server is killed under a pane whose shell traps HUP): the real bin must notice on its own — end
// of file on stdin, a failed write, or its terminal device gone — restore what it can and exit 129,
// never poll the runtime forever. The bin runs on pseudo-terminals that are not its controlling
// terminal (pty-driver.py), so closing a master sends no signal at all.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BIN, startRig, type Rig} from '../e2e/tmux-rig.js';
import {startFixture, type SimFixture} from '../e2e/fixtures.js';
import {waitFor} from '../support/wait.js';
import {LEAVE_ALT_SCREEN, SHOW_CURSOR} from '../../source/terminal.js';

const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pty-driver.py');
/** Generous: the machine is shared and busy; a bin that never exits fails at this ceiling. */
const EXIT_CEILING_MS = 20_000;
const FIRST_FRAME_MS = 60_000;

type Pty = 'a' | 'b';

/** The bin on pseudo-terminals: `roles` names the pty of its stdin, stdout and stderr. */
class PtyRun {
	readonly out: Record<Pty, string> = {a: '', b: ''};
	pid: number | undefined;
	exit: {code: number | null; signal: string | null} | undefined;
	private readonly driver: ChildProcess;
	private stderr = '';

	constructor(roles: [Pty, Pty, Pty], args: string[]) {
		this.driver = spawn('python3', [DRIVER, ...roles, '--', process.execPath, BIN, ...args], {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: {...process.env, TERM: 'xterm-256color', CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: undefined},
		});
		let pending = '';
		this.driver.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			pending += chunk;
			for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
				const event = JSON.parse(pending.slice(0, nl)) as {pid?: number; out?: Pty; data?: string; exit?: number | null; signal?: string | null};
				pending = pending.slice(nl + 1);
				if (event.pid !== undefined) this.pid = event.pid;
				if (event.out) this.out[event.out] += Buffer.from(event.data!, 'base64').toString('utf8');
				if ('exit' in event) this.exit = {code: event.exit ?? null, signal: event.signal ?? null};
			}
		});
		this.driver.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			this.stderr += chunk;
		});
	}

	async firstFrame(pty: Pty): Promise<void> {
		await waitFor(() => this.out[pty].includes('POD ID') || this.exit, {
			timeoutMs: FIRST_FRAME_MS, what: () => `the first frame on pty ${pty}; so far:\n${this.out[pty].slice(-2000)}\ndriver: ${this.stderr}`,
		});
		assert.equal(this.exit, undefined, `the bin ended before its first frame:\n${this.out.a}\n${this.out.b}`);
	}

	close(pty: Pty): void {
		this.driver.stdin!.write(`close ${pty}\n`);
	}

	async exited(): Promise<{code: number | null; signal: string | null}> {
		return waitFor(() => this.exit, {
			timeoutMs: EXIT_CEILING_MS, what: `the bin (pid ${this.pid}) to exit on its own after its terminal went away without a SIGHUP`,
		});
	}

	/** Ends the bin and the driver, whatever state they are in. */
	stop(): void {
		if (this.pid && !this.exit) {
			try {
				process.kill(this.pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
		this.driver.stdin!.end();
		this.driver.kill('SIGKILL');
	}
}

describe('reliability: the terminal goes away without a SIGHUP', {timeout: 300_000}, () => {
	test('the only terminal is closed (stdin, stdout and stderr on it): the bin exits 129 on its own, no abort', async () => {
		const run = new PtyRun(['a', 'a', 'a'], ['--demo']);
		try {
			await run.firstFrame('a');
			run.close('a');
			const exit = await run.exited();
			// Not SIGABRT: Node.js aborts when it cannot restore the modes of a hung-up terminal.
			assert.deepEqual(exit, {code: 129, signal: null});
		} finally {
			run.stop();
		}
	});

	test('stdin\'s terminal is closed while stdout is still a terminal: exits 129 and gives the screen back with a sentence', async () => {
		const run = new PtyRun(['a', 'b', 'b'], ['--demo']);
		try {
			await run.firstFrame('b');
			const before = run.out.b.length;
			run.close('a');
			const exit = await run.exited();
			assert.deepEqual(exit, {code: 129, signal: null});
			// The driver reads pty b until the bin has closed it, so everything written is here.
			await waitFor(() => run.out.b.slice(before).includes('dashboard stopped'), {timeoutMs: EXIT_CEILING_MS, what: 'the sentence on stderr'});
			const after = run.out.b.slice(before);
			assert.ok(after.includes(LEAVE_ALT_SCREEN) && after.includes(SHOW_CURSOR), `the main screen and the cursor are given back:\n${JSON.stringify(after.slice(0, 400))}`);
			// End of file, or EIO when a read was already waiting as the terminal hung up.
			assert.match(after, /the terminal is gone: (its input ended \(end of file\)|reading it failed \(EIO\)); the dashboard stopped/);
			assert.ok(after.indexOf(LEAVE_ALT_SCREEN) < after.indexOf('the terminal is gone'), 'the sentence comes after the screen is restored, so it stays visible');
		} finally {
			run.stop();
		}
	});

	test('stdout\'s terminal is closed while stdin is still a terminal: exits 129 (a failed write, or the device gone)', async () => {
		const run = new PtyRun(['a', 'b', 'b'], ['--demo']);
		try {
			await run.firstFrame('b');
			run.close('b');
			assert.deepEqual(await run.exited(), {code: 129, signal: null});
		} finally {
			run.stop();
		}
	});

	test('in tmux, run by setsid (no controlling terminal, so no hang-up can reach it), the tmux server is killed: the bin ends on its own', async () => {
		// The incident: bins whose tmux server was ended (scripts/run-tests.mjs reaps a dead file's
		// servers with SIGTERM) polled a vanished socket for hours on `/dev/pts/N (deleted)`. The rig
		// now lets the hang-up through (tmux-rig.test.ts); here none can come, as on a node where the
		// session leader outlives the ssh session.
		let node: SimFixture | undefined;
		let rig: Rig | undefined;
		let pid: number | undefined;
		try {
			node = await startFixture({containers: 12});
			// The pane's shell runs it as a child that is no group leader, so setsid execs the bin itself.
			rig = await startRig({command: ['setsid', process.execPath, BIN, '-r', node.endpoint]});
			await rig.waitFor('POD ID', FIRST_FRAME_MS);
			pid = await rig.appPid();
			assert.ok(pid, 'the bin runs in the pane');
			assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /^crisock-tui/, 'setsid ran the bin itself (its process title)');
			const serverPid = Number(await rig.display('#{pid}'));
			process.kill(serverPid, 'SIGTERM');
			await waitFor(() => !existsSync(`/proc/${pid}`) || /^Z/.test(procState(pid!)), {
				timeoutMs: EXIT_CEILING_MS, what: `the bin (pid ${pid}) to end after its tmux server was killed`,
			});
		} finally {
			if (pid && existsSync(`/proc/${pid}`)) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Gone already.
				}
			}
			rig?.kill();
			await node?.stop();
		}
	});
});

/** The state letter of /proc/PID/stat (Z: exited, waiting to be reaped). */
function procState(pid: number): string {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	} catch {
		return 'Z';
	}
}
