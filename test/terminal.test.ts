import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {
	createTerminalGuard,
	ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, HIDE_CURSOR, SHOW_CURSOR, PASTE_ON, PASTE_OFF, RESET_MODES, PUSH_TITLE, POP_TITLE,
	HandOverEscaped,
} from '../source/terminal.js';
import {createEscapeFilter, ESCAPE_HINT} from '../source/shell-escape.js';

function fakeTty() {
	const stdin = new PassThrough() as PassThrough & {isTTY: boolean; raw: boolean[]; setRawMode(m: boolean): void};
	stdin.isTTY = true;
	stdin.raw = [];
	stdin.setRawMode = (m: boolean) => {
		stdin.raw.push(m);
	};
	let written = '';
	const stdout = {
		isTTY: true, columns: 80, rows: 24,
		write(chunk: string) {
			written += chunk;
			return true;
		},
	};
	const stderr = {write: (c: string) => {
		errors += c;
		return true;
	}};
	let errors = '';
	return {
		stdin: stdin as unknown as NodeJS.ReadStream & {raw: boolean[]},
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		get written() {
			return written;
		},
		get errors() {
			return errors;
		},
		reset() {
			written = '';
		},
	};
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('terminal guard', () => {
	test('enter then restore writes the alt-screen pair once and turns raw mode off', () => {
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout});
		g.enter();
		g.enter();
		assert.equal(t.written, PUSH_TITLE + ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON);
		g.restore();
		g.restore();
		assert.equal(t.written, PUSH_TITLE + ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON + PASTE_OFF + RESET_MODES + SHOW_CURSOR + LEAVE_ALT_SCREEN + POP_TITLE);
		assert.deepEqual((t.stdin as unknown as {raw: boolean[]}).raw, [false]);
	});

	test('ink stdin is fed from the real stdin and forwards raw mode', async () => {
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout});
		g.enter();
		g.inkStdin.setRawMode(true);
		assert.deepEqual((t.stdin as unknown as {raw: boolean[]}).raw, [true]);
		(t.stdin as unknown as PassThrough).write('j');
		await tick();
		assert.equal(String(g.inkStdin.read()), 'j');
		g.restore();
	});

	test('handOver pauses ink input and output, leaves and re-enters the screen, then repaints', async () => {
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout});
		let repaints = 0;
		g.setRepaint(() => repaints++);
		g.enter();
		t.reset();
		const result = await g.handOver(async io => {
			assert.equal(g.handedOver, true);
			assert.equal(t.written, `${PASTE_OFF}${SHOW_CURSOR}${LEAVE_ALT_SCREEN}crisock-tui: ${ESCAPE_HINT}\r\n`);
			g.inkStdout.write('ink frame');
			(t.stdin as unknown as PassThrough).write('typed into the shell');
			await tick();
			assert.equal(g.inkStdin.read(), null, 'ink got no keys');
			assert.equal(String(io.stdin.read()), 'typed into the shell', 'the session got them');
			return 7;
		});
		assert.equal(result, 7);
		assert.equal(t.written, `${PASTE_OFF}${SHOW_CURSOR}${LEAVE_ALT_SCREEN}crisock-tui: ${ESCAPE_HINT}\r\n`
			+ RESET_MODES + POP_TITLE + PUSH_TITLE + ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON, 'ink frame dropped; modes reset and the title restored');
		assert.equal(repaints, 1);
		g.inkStdout.write('next frame');
		assert.ok(t.written.endsWith('next frame'));
		assert.deepEqual((t.stdin as unknown as {raw: boolean[]}).raw, [], 'raw mode untouched');
		g.restore();
	});

	test('handOver repaints even when run throws', async () => {
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout});
		let repaints = 0;
		g.setRepaint(() => repaints++);
		g.enter();
		await assert.rejects(g.handOver(async () => {
			throw new Error('shell failed');
		}), /shell failed/);
		assert.equal(repaints, 1);
		assert.equal(g.handedOver, false);
		g.restore();
	});

	test('a crash restores the terminal before printing, then exits 1', async () => {
		const t = fakeTty();
		const codes: number[] = [];
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout, stderr: t.stderr, exit: c => codes.push(c)});
		g.enter();
		let cleaned = false;
		const remove = g.installExitHandlers(() => {
			cleaned = true;
		});
		try {
			// Called directly: emitting it would also reach the test runner's own handler.
			const listeners = process.listeners('uncaughtException');
			(listeners[listeners.length - 1] as (e: Error) => void)(new Error('boom'));
			await tick();
			assert.ok(t.written.endsWith(RESET_MODES + SHOW_CURSOR + LEAVE_ALT_SCREEN + POP_TITLE));
			assert.match(t.errors, /crashed: Error: boom/);
			assert.deepEqual(codes, [1]);
			assert.equal(cleaned, true);
		} finally {
			remove();
		}
	});

	test('after restore ink can write nothing: a late frame cannot cover the crash sentence', async () => {
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout, stderr: t.stderr, exit: () => {}});
		g.enter();
		g.inkStdout.write('frame while up');
		assert.match(t.written, /frame while up/);
		const remove = g.installExitHandlers();
		try {
			const listeners = process.listeners('uncaughtException');
			(listeners[listeners.length - 1] as (e: Error) => void)(new Error('boom'));
			let called = false;
			// ink's exit render after the crash: the write contract holds (callback), the screen is untouched.
			const ok = g.inkStdout.write('late frame', () => {
				called = true;
			});
			await tick();
			assert.equal(ok, true);
			assert.equal(called, true);
			assert.doesNotMatch(t.written, /late frame/);
			assert.ok(t.written.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN + POP_TITLE), 'the restore is the last thing on stdout');
			assert.match(t.errors, /crashed: Error: boom/);
		} finally {
			remove();
		}
	});

	test('SIGTERM restores and exits 143', async () => {
		const t = fakeTty();
		const codes: number[] = [];
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout, stderr: t.stderr, exit: c => codes.push(c)});
		g.enter();
		const remove = g.installExitHandlers();
		try {
			process.emit('SIGTERM', 'SIGTERM');
			await tick();
			assert.equal(g.active, false);
			assert.deepEqual(codes, [143]);
		} finally {
			remove();
		}
	});

	test('a session that never ends is left with Ctrl-]: handOver rejects at once, the session is told, its late output is dropped', async () => {
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout});
		let repaints = 0;
		g.setRepaint(() => repaints++);
		g.enter();
		let aborted = false;
		let late: NodeJS.WriteStream | undefined;
		const forwarded: string[] = [];
		const left = g.handOver(async io => {
			late = io.stdout;
			io.signal?.addEventListener('abort', () => {
				aborted = true;
			});
			io.stdin.on('data', chunk => forwarded.push(String(chunk)));
			return new Promise<never>(() => {}); // a stream that never closes
		});
		(t.stdin as unknown as PassThrough).write('ls\r');
		await tick();
		(t.stdin as unknown as PassThrough).write('x\u001Dafter');
		await assert.rejects(left, HandOverEscaped);
		assert.equal(aborted, true);
		assert.deepEqual(forwarded.join(''), 'ls\rx', 'the escape and what follows it never reach the peer');
		t.reset();
		late!.write('output of the hung session');
		assert.equal(t.written, '', 'nothing of the old session reaches the dashboard');
		assert.equal(repaints, 1);
		assert.equal(g.handedOver, false);
		g.restore();
	});
});

describe('escape filter', () => {
	const run = (...chunks: string[]) => {
		let escapes = 0;
		const f = createEscapeFilter(() => escapes++);
		const out = chunks.map(c => f.push(c).toString()).join('');
		return {out, escapes};
	};

	test('Enter ~ . leaves, at the start of the session too; split over reads', () => {
		assert.deepEqual(run('echo hi\r~.rest'), {out: 'echo hi\r', escapes: 1});
		assert.deepEqual(run('~', '.'), {out: '', escapes: 1});
		assert.deepEqual(run('a\n~', '.'), {out: 'a\n', escapes: 1});
	});

	test('~ elsewhere, ~~ and ~ followed by another key are sent as typed', () => {
		assert.deepEqual(run('a~.b'), {out: 'a~.b', escapes: 0});
		assert.deepEqual(run('\r~~.'), {out: '\r~.', escapes: 0});
		assert.deepEqual(run('\r~x'), {out: '\r~x', escapes: 0});
	});

	test('Ctrl-] leaves anywhere, once', () => {
		let escapes = 0;
		const f = createEscapeFilter(() => escapes++);
		assert.equal(f.push('vim\u001D:q').toString(), 'vim');
		assert.equal(f.push('more').toString(), '');
		assert.equal(escapes, 1);
		assert.equal(f.escaped, true);
	});
});
