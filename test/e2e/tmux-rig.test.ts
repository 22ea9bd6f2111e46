// Checks the tmux rig itself with trivial programs, so an e2e failure points at the product.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {startRig, killAllRigs, type Rig} from './tmux-rig.js';
import {waitFor} from '../support/wait.js';

const node = (script: string) => [process.execPath, '-e', script];

describe('tmux rig', () => {
	let rig: Rig | undefined;
	afterEach(() => {
		rig?.kill();
		rig = undefined;
		killAllRigs();
	});

	test('types literal text and named keys, and reads the screen', async () => {
		rig = await startRig({command: ['cat']});
		await rig.sendKeys('hello rig', 'Enter');
		// The tty echoes the line and cat prints it back: two copies.
		const screen = await rig.waitFor(s => s.split('hello rig').length === 3);
		assert.match(screen, /^hello rig\nhello rig\n/);
	});

	test('reports a clean exit: code, main screen, cursor, echo and canonical mode', async () => {
		rig = await startRig({command: ['cat']});
		await rig.waitFor(() => true);
		await rig.sendKeys('C-d');
		const state = await rig.exitStatus();
		assert.equal(state.exitCode, 0);
		assert.equal(state.alternateScreen, false);
		assert.equal(state.cursorVisible, true);
		assert.equal(state.echo, true);
		assert.equal(state.canonical, true);
	});

	test('notices a program that leaves the terminal broken', async () => {
		rig = await startRig({command: ['sh', '-c', 'printf "\\033[?1049h\\033[?25l"; stty raw -echo; exit 4']});
		const state = await rig.exitStatus();
		assert.equal(state.exitCode, 4);
		assert.equal(state.alternateScreen, true);
		assert.equal(state.cursorVisible, false);
		assert.equal(state.echo, false);
		assert.equal(state.canonical, false);
	});

	test('a timed-out wait names what it waited for and shows the last screen', async () => {
		rig = await startRig({command: node('console.log("only this"); setInterval(() => {}, 1000)')});
		await rig.waitFor('only this');
		await assert.rejects(rig.waitFor('never shown', 300), (error: Error) => {
			assert.match(error.message, /"never shown"/);
			assert.match(error.message, /\| only this/);
			return true;
		});
	});

	test('resizes the pane and the program sees it', async () => {
		rig = await startRig({
			cols: 80,
			rows: 24,
			command: node(`
				const show = () => console.log('size ' + process.stdout.columns + 'x' + process.stdout.rows);
				show(); process.stdout.on('resize', show); setInterval(() => {}, 1000);`),
		});
		await rig.waitFor('size 80x24');
		await rig.resize(40, 12);
		await rig.waitFor('size 40x12');
		assert.equal(await rig.display('#{pane_width}x#{pane_height}'), '40x12');
	});

	test('finds the program pid and signals it', async () => {
		rig = await startRig({command: node('console.log("pid " + process.pid); setInterval(() => {}, 1000)')});
		const screen = await rig.waitFor(/pid \d+/);
		const pid = await rig.appPid();
		assert.equal(screen.match(/pid (\d+)/)?.[1], String(pid));
		await rig.signal('SIGTERM');
		const state = await rig.exitStatus();
		assert.equal(state.exitCode, 128 + 15);
		assert.equal(await rig.appPid(), undefined);
	});

	test('a program left running when its tmux server dies gets the hang-up and ends (no process outlives its rig)', async () => {
		// What scripts/run-tests.mjs does to the servers of a file that was killed: SIGTERM the server.
		// This program neither reads nor writes the terminal, so only a hang-up can end it.
		rig = await startRig({command: node('setInterval(() => {}, 60_000)')});
		const pid = await waitFor(() => rig!.appPid(), 'the program in the pane');
		process.kill(Number(await rig.display('#{pid}')), 'SIGTERM');
		try {
			await waitFor(() => !existsSync(`/proc/${pid}`), {timeoutMs: 20_000, what: `the program (pid ${pid}) to end with its server`});
		} finally {
			if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
		}
	});

	test('the escaped screen keeps SGR codes, the plain one does not', async () => {
		rig = await startRig({command: ['sh', '-c', 'printf "\\033[31mred\\033[0m plain\\n"; sleep 600']});
		const escaped = await rig.waitFor('plain', 5_000, {escaped: true});
		assert.match(escaped, /\x1b\[31mred/);
		assert.doesNotMatch(await rig.screen(), /\x1b/);
	});

	test('the program runs without CI in its environment, with the extra env given', async () => {
		rig = await startRig({
			env: {CRISOCK_RIG_PROBE: 'yes'},
			command: node('console.log("ci=" + (process.env.CI ?? "unset") + " probe=" + process.env.CRISOCK_RIG_PROBE + " tty=" + process.stdout.isTTY)'),
		});
		await rig.waitFor('ci=unset probe=yes tty=true');
	});

	test('records the raw output, and sees title and clipboard sequences that capture-pane drops', async () => {
		const dir = mkdtempSync('/tmp/crisock-rig-');
		try {
			const record = path.join(dir, 'out.raw');
			const clip = Buffer.from('copied').toString('base64');
			rig = await startRig({record, clipboard: true, command: ['sh', '-c', `printf '\\033]0;my-title\\007\\033]52;c;${clip}\\007done\\n'; sleep 600`]});
			await rig.waitFor('done');
			// tmux paints the screen before its pipe-pane `cat` has written the same bytes to the
			// file, so the record is waited for too (a CI run read it empty at load ~8).
			const recorded = await waitFor(() => { const text = readFileSync(record, 'latin1'); return text.includes('done') ? text : undefined; }, {timeoutMs: 10_000, what: 'the recorded output'});
			assert.match(recorded, /\x1b\]0;my-title\x07/);
			assert.doesNotMatch(await rig.screenEscaped(), /my-title/);
			assert.equal(await rig.display('#{pane_title}'), 'my-title');
			assert.equal(await rig.tmux('show-buffer'), 'copied');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
