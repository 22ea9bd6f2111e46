// The real bin in tmux against a runtime that misbehaves on purpose (hostile-runtime.ts): it names
// root-only files, links and FIFOs as logs, and hands out shells that switch terminal modes or
// never end. What must hold: nothing of a file that is not a log reaches the screen, the screen
// keeps answering keys, the terminal comes back as it was taken, and `q` quits.
import {test, describe, before, after, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {recordFigure} from './figures.js';
import {waitFor} from '../support/wait.js';
import {startHostileRuntime, type HostileRuntime} from './hostile-runtime.js';
import {selectRow} from '../e2e/screen.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';

const SECRET = 'root:$6$ROOT-ONLY-SECRET-HASH:19000:0:99999:7:::';
const SECRET_MARK = /ROOT-ONLY-SECRET/;

describe('hostile runtime: the real bin in tmux', {timeout: 480_000}, () => {
	let dir: string;
	let rig: Rig | undefined;
	const runtimes: HostileRuntime[] = [];

	before(() => {
		dir = mkdtempSync('/tmp/crisock-hostile-');
	});
	afterEach(() => {
		rig?.kill();
		rig = undefined;
	});
	after(async () => {
		rig?.kill();
		for (const r of runtimes) await r.close();
		rmSync(dir, {recursive: true, force: true});
	});

	const open = async (args: string[]) => {
		// A generous deadline: the machine is shared and the fake runtime runs in this busy process.
		rig = await startRig({args: [...args, '-t', '10s'], cols: 120, rows: 30});
		await rig.waitFor('POD ID', 30_000);
		return rig;
	};

	test('log paths naming a root-only file, a link to it, a ../ path and a FIFO show nothing of the file; keys still work; q quits', async () => {
		// The node's filesystem at hostRoot (--host-root), as in a kubectl debug pod.
		const hostRoot = path.join(dir, 'host');
		const pods = path.join(hostRoot, 'var/log/pods/default_hostile-pod_uid-1');
		for (const d of ['etc', 'run', 'good', 'link', 'fifo', 'copy'].map(n => (n === 'etc' || n === 'run' ? path.join(hostRoot, n) : path.join(pods, n)))) mkdirSync(d, {recursive: true});
		writeFileSync(path.join(hostRoot, 'etc/shadow'), `${SECRET}\n`);
		chmodSync(path.join(hostRoot, 'etc/shadow'), 0o600);
		writeFileSync(path.join(pods, 'good/0.log'), '2026-11-28T05:00:00.000000001Z stdout F a real log line\n');
		symlinkSync('/etc/shadow', path.join(pods, 'link/0.log'));
		execFileSync('mkfifo', [path.join(pods, 'fifo/0.log')]);
		writeFileSync(path.join(pods, 'copy/0.log'), `${SECRET}\n${SECRET}\n`);
		const cases = [
			{name: 'shadow', logPath: '/etc/shadow', says: /not under a log directory/},
			{name: 'link', logPath: '/var/log/pods/default_hostile-pod_uid-1/link/0.log', says: /which leads to .*\/etc\/shadow/},
			{name: 'dotdot', logPath: '/var/log/pods/../../../../../../../../etc/shadow', says: /not under a log directory/},
			{name: 'fifo', logPath: '/var/log/pods/default_hostile-pod_uid-1/fifo/0.log', says: /FIFO/},
			{name: 'copy', logPath: '/var/log/pods/default_hostile-pod_uid-1/copy/0.log', says: /2 lines in no container-log format/},
		];
		const runtime = await startHostileRuntime({
			socketPath: path.join(hostRoot, 'run/hostile.sock'),
			containers: [{name: 'good', logPath: '/var/log/pods/default_hostile-pod_uid-1/good/0.log'}, ...cases.map(({name, logPath}) => ({name, logPath}))],
		});
		runtimes.push(runtime);
		const r = await open(['-r', 'unix:///run/hostile.sock', '--host-root', hostRoot]);
		await r.sendKeys('2');
		await r.waitFor('shadow');

		// The control: a real log under the host root is shown.
		await selectRow(r, 'good');
		await r.sendKeys('l');
		await r.waitFor('a real log line');
		await r.sendKeys('Escape');
		await r.waitForGone('a real log line');

		let keysAnswered = 0;
		for (const c of cases) {
			await r.waitFor('CONTAINER');
			await selectRow(r, ` ${c.name} `);
			await r.sendKeys('l');
			const screen = await r.waitFor(s => s.includes(`logs ${c.name} `) && c.says.test(s.replace(/\n/g, ' ')), 15_000);
			assert.doesNotMatch(screen, SECRET_MARK, `${c.name}: the file's content reached the screen`);
			// The screen still answers: the wrap key changes the status line at once.
			await r.sendKeys('w');
			await r.waitFor(/no wrap|· wrap/, 5_000);
			keysAnswered++;
			await r.sendKeys('Escape');
			await r.waitForGone(`logs ${c.name} `);
		}

		await r.waitFor('CONTAINER');
		await r.sendKeys('q');
		const state = await r.exitStatus();
		assert.equal(state.exitCode, 0);
		assert.doesNotMatch(state.screen, SECRET_MARK);
		recordFigure('hostile-log-paths', {pathsTried: cases.length, secretShown: 0, keysAnswered, quitCode: state.exitCode});
	});

	const modeFormat = '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_utf8_flag} #{keypad_flag}#{keypad_cursor_flag} #{insert_flag} #{wrap_flag} #{origin_flag} #{cursor_flag}|#{pane_title}';

	test('after a shell that set mouse tracking, keypad, insert mode, no-wrap, origin, a scroll region and a title, all are reset on the dashboard and after exit', async () => {
		const runtime = await startHostileRuntime({socketPath: path.join(dir, 'modes.sock'), containers: [{name: 'modes', logPath: '/var/log/pods/x/0.log'}], exec: 'modes'});
		runtimes.push(runtime);
		const r = await open(['-r', `unix://${dir}/modes.sock`]);
		const title = (await r.display('#{pane_title}'));
		await r.sendKeys('2');
		await r.waitFor(' modes ');
		await selectRow(r, ' modes ');
		await r.sendKeys('s');
		await r.waitFor('container-shell$');
		// The shell really switched them (so the checks below can fail).
		// tmux keeps one mouse mode (the last, 1003 = any motion) and both encodings.
		assert.equal(await r.display(modeFormat), '10011 11 1 0 1 1|hijacked-by-the-container');
		await r.type('exit');
		await r.sendKeys('Enter');
		await r.waitFor('shell exited with code 0', 15_000);
		const dashboard = await r.display(modeFormat);
		assert.equal(dashboard, `00000 00 0 1 0 0|${title}`, 'on the dashboard: every mode off, wrap on, title restored (the cursor is hidden by the dashboard itself)');
		await r.sendKeys('q');
		const state = await r.exitStatus();
		assert.equal(state.exitCode, 0);
		const afterExit = await r.display(modeFormat);
		assert.equal(afterExit, `00000 00 0 1 0 1|${title}`, 'after exit: every mode off, wrap on, cursor shown, title restored');
		assert.equal(state.alternateScreen, false);
		recordFigure('shell-modes-reset', {modesSetByShell: 11, restoredOnDashboard: 11, restoredAfterExit: 11, titleRestored: true});
	});

	test('a shell whose stream never ends is left with Ctrl-] (and Enter ~ .); the session is closed, keys work, q quits', async () => {
		const runtime = await startHostileRuntime({socketPath: path.join(dir, 'hang.sock'), containers: [{name: 'hung', logPath: '/var/log/pods/x/0.log'}], exec: 'hang'});
		runtimes.push(runtime);
		const r = await open(['-r', `unix://${dir}/hang.sock`]);
		await r.sendKeys('2');
		await r.waitFor(' hung ');
		let escapes = 0;
		for (const keys of [['C-]'], ['Enter', '~', '.']]) {
			await selectRow(r, ' hung ');
			await r.sendKeys('s');
			const banner = await r.waitFor('a shell that never answers$');
			assert.match(banner, /Ctrl-\] \(or Enter ~ \.\) leaves it/, 'the escape is shown when the terminal is handed over');
			// Ctrl-C goes to the peer (which ignores it): the session stays.
			await r.sendKeys('C-c');
			await r.type('echo still here');
			await r.sendKeys(...keys);
			await r.waitFor(/left with the escape key/, 15_000);
			escapes++;
		}

		// Both sessions were closed on our side.
		await waitFor(() => runtime.execSessions().open === 0, {timeoutMs: 15_000, what: 'both exec sessions closed at the runtime'}).catch(() => undefined);
		assert.deepEqual(runtime.execSessions(), {opened: 2, open: 0});
		await r.sendKeys('1');
		await r.waitFor('hostile-pod');
		await r.sendKeys('q');
		const state = await r.exitStatus();
		assert.equal(state.exitCode, 0);
		recordFigure('hung-shell-escape', {escapesTried: escapes, leftWithEscape: escapes, sessionsLeftOpen: runtime.execSessions().open});
	});
});
