import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {
	createTerminalGuard, handOver, setActiveGuard,
	ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, HIDE_CURSOR, SHOW_CURSOR, PASTE_ON, PASTE_OFF,
} from '../source/terminal.js';

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
		assert.equal(t.written, ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON);
		g.restore();
		g.restore();
		assert.equal(t.written, ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON + PASTE_OFF + SHOW_CURSOR + LEAVE_ALT_SCREEN);
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
			assert.equal(io.stdin, t.stdin);
			assert.equal(g.handedOver, true);
			assert.equal(t.written, PASTE_OFF + SHOW_CURSOR + LEAVE_ALT_SCREEN);
			g.inkStdout.write('ink frame');
			(t.stdin as unknown as PassThrough).write('typed into the shell');
			await tick();
			assert.equal(g.inkStdin.read(), null, 'ink got no keys');
			return 7;
		});
		assert.equal(result, 7);
		assert.equal(t.written, PASTE_OFF + SHOW_CURSOR + LEAVE_ALT_SCREEN + ENTER_ALT_SCREEN + HIDE_CURSOR + PASTE_ON, 'ink frame dropped');
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

	test('module handOver refuses without an active guard and uses the active one', async () => {
		setActiveGuard(null);
		await assert.rejects(handOver(async () => 1), /no interactive terminal/);
		const t = fakeTty();
		const g = createTerminalGuard({stdin: t.stdin, stdout: t.stdout});
		g.enter();
		setActiveGuard(g);
		assert.equal(await handOver(async () => 'ok'), 'ok');
		setActiveGuard(null);
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
			assert.ok(t.written.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN));
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
			assert.ok(t.written.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN), 'the restore is the last thing on stdout');
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
});
