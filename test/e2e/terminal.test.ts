// However the program ends, the person's terminal must come back as it was: main screen, cursor
// shown, echo and line editing on. And it must survive any window size.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import type {TerminalState} from './tmux-rig.js';
import {simSuite} from './fixtures.js';

function assertClean(state: TerminalState, exitCode?: number): void {
	const {screen: _screen, ...rest} = state;
	const expected = {exitCode: exitCode ?? state.exitCode, alternateScreen: false, cursorVisible: true, echo: true, canonical: true};
	assert.deepEqual(rest, expected, `terminal after exit:\n${state.screen}`);
}

/** An SGR sequence that sets a colour (foreground, background, 256 or true colour). */
const COLOUR_SGR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[25]|48;[25])(?:;[0-9;]*)?m/;

describe('tmux e2e: terminal', {timeout: 480_000}, () => {
	const suite = simSuite({containers: 12});

	const open = async (options: {env?: Record<string, string | undefined>; args?: string[]; cols?: number; rows?: number} = {}) => {
		const rig = await suite.open({args: ['-r', suite.node.endpoint, ...(options.args ?? [])], env: options.env, cols: options.cols, rows: options.rows});
		await rig.waitFor('POD ID', 20_000);
		return rig;
	};

	test('Ctrl-C quits and leaves the terminal clean', async () => {
		const r = await open();
		await r.sendKeys('C-c');
		const state = await r.exitStatus();
		assertClean(state);
		assert.ok([0, 130].includes(state.exitCode), `exit code ${state.exitCode}`);
	});

	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		test(`${signal} to the process leaves the terminal clean`, async () => {
			const r = await open();
			// Leave it mid-action (help open) so restoring is not just the idle path.
			await r.sendKeys('?');
			await r.waitFor('Keys');
			await r.signal(signal);
			const state = await r.exitStatus();
			assertClean(state);
			assert.notEqual(state.exitCode, 0, 'a signal is not a clean quit');
		});
	}

	test('the alternate screen is on while running (so quitting can give the main screen back)', async () => {
		const r = await open();
		assert.equal(await r.display('#{alternate_on}'), '1');
	});

	test('resizing to 40x12 and back repaints without crashing; smaller says too small', async () => {
		const r = await open({cols: 80, rows: 24});
		await r.resize(40, 12);
		await r.waitFor(s => s.includes('POD') && s.split('\n').every(line => line.length <= 40));
		await r.resize(30, 8);
		await r.waitFor(/too small/);
		await r.resize(40, 12);
		await r.waitFor(s => !/too small/.test(s) && s.includes('POD'));
		await r.resize(120, 40);
		const screen = await r.waitFor(s => s.includes('NAMESPACE') && s.split('\n').some(line => line.length > 80));
		assert.ok(screen.includes('POD ID'));
		assert.ok(await r.appPid(), 'still running');
		await r.sendKeys('q');
		assertClean(await r.exitStatus(), 0);
	});

	test('--no-color paints no colour codes', async () => {
		const r = await open({args: ['--no-color']});
		await r.sendKeys('2');
		const screen = await r.waitFor('CONTAINER', 5_000, {escaped: true});
		assert.doesNotMatch(screen, COLOUR_SGR, 'no colour SGR in capture-pane -e');
	});

	test('NO_COLOR paints no colour codes', async () => {
		const r = await open({env: {NO_COLOR: '1'}});
		const screen = await r.waitFor('POD ID', 5_000, {escaped: true});
		assert.doesNotMatch(screen, COLOUR_SGR);
	});

	test('without NO_COLOR there are colours (so the two checks above can fail)', async () => {
		const r = await open({env: {NO_COLOR: undefined, FORCE_COLOR: undefined}});
		const screen = await r.waitFor(s => COLOUR_SGR.test(s), 10_000, {escaped: true});
		assert.match(screen, COLOUR_SGR);
	});
});
