// The terminal guard ends the dashboard when its terminal goes away without a SIGHUP (end of file
// on stdin, a failed write, the belt check), restoring first, with exit 129; and a clean-up that
// never settles cannot keep it from exiting. The real bin on real pseudo-terminals:
// test/reliability/lost-terminal.test.ts.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {createTerminalGuard, LEAVE_ALT_SCREEN, POP_TITLE, type TerminalGuardOptions} from '../source/terminal.js';
import {TERMINAL_LOST_EXIT_CODE} from '../source/terminal-lost.js';
import {waitFor} from './support/wait.js';

function fakeTerminal(options: Partial<TerminalGuardOptions> = {}) {
	const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => undefined});
	let written = '';
	let errors = '';
	const stdout = Object.assign(new EventEmitter(), {
		isTTY: true, columns: 80, rows: 24,
		write(chunk: string) {
			written += chunk;
			return true;
		},
	});
	const stderr = {write: (c: string) => (errors += c, true)};
	const codes: number[] = [];
	const guard = createTerminalGuard({
		stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream,
		exit: c => codes.push(c), ...options,
	});
	return {
		stdin, stdout, guard, codes,
		get written() {
			return written;
		},
		get errors() {
			return errors;
		},
	};
}

describe('terminal guard: the terminal goes away without a SIGHUP', () => {
	test('end of file on stdin restores, says why after restoring, runs the clean-up and exits 129', async () => {
		const t = fakeTerminal();
		t.guard.enter();
		let cleaned = 0;
		const remove = t.guard.installExitHandlers(() => {
			cleaned++;
		});
		try {
			t.stdin.end();
			await waitFor(() => t.codes.length > 0, 'an exit');
			assert.deepEqual(t.codes, [TERMINAL_LOST_EXIT_CODE]);
			assert.equal(TERMINAL_LOST_EXIT_CODE, 129);
			assert.equal(t.guard.active, false);
			assert.ok(t.written.endsWith(LEAVE_ALT_SCREEN + POP_TITLE));
			assert.match(t.errors, /the terminal is gone: its input ended \(end of file\); the dashboard stopped/);
			assert.equal(cleaned, 1);
		} finally {
			remove();
		}
	});

	test('a read error (EIO) or a failed write (EPIPE) on stdout ends it the same way, once', async () => {
		for (const [stream, code, says] of [['stdin', 'EIO', /reading it failed \(EIO\)/], ['stdout', 'EPIPE', /writing to it failed \(EPIPE\)/]] as const) {
			const t = fakeTerminal();
			t.guard.enter();
			const remove = t.guard.installExitHandlers();
			try {
				const error = Object.assign(new Error(`write ${code}`), {code});
				(stream === 'stdin' ? t.stdin : t.stdout).emit('error', error);
				(stream === 'stdin' ? t.stdin : t.stdout).emit('error', error);
				await waitFor(() => t.codes.length > 0, 'an exit');
				assert.deepEqual(t.codes, [129], stream);
				assert.match(t.errors, says);
			} finally {
				remove();
			}
		}
	});

	test('the belt check (the terminal device gone while nothing is read or written) ends it too', async () => {
		let gone = false;
		const t = fakeTerminal({lostCheck: () => (gone ? 'its device was removed' : undefined), lostCheckMs: 10});
		t.guard.enter();
		const remove = t.guard.installExitHandlers();
		try {
			await waitFor(() => t.codes.length === 0, 'no exit while the device is there');
			gone = true;
			await waitFor(() => t.codes.length > 0, 'an exit after the device went');
			assert.deepEqual(t.codes, [129]);
			assert.match(t.errors, /its device was removed/);
		} finally {
			remove();
		}
	});

	test('a clean-up that never settles cannot keep the process: it exits after the ceiling', async () => {
		const t = fakeTerminal({exitCeilingMs: 50});
		t.guard.enter();
		const remove = t.guard.installExitHandlers(() => new Promise<void>(() => {}));
		try {
			t.stdin.end();
			await waitFor(() => t.codes.length > 0, {timeoutMs: 10_000, what: 'an exit despite the clean-up hanging'});
			assert.deepEqual(t.codes, [129]);
		} finally {
			remove();
		}
	});

	test('after the remover, end of file does nothing (the handlers are gone)', async () => {
		const t = fakeTerminal();
		t.guard.enter();
		t.guard.installExitHandlers()();
		t.stdin.end();
		t.stdin.resume();
		await new Promise(resolve => setImmediate(resolve));
		await new Promise(resolve => setImmediate(resolve));
		assert.deepEqual(t.codes, []);
		t.guard.restore();
	});
});
