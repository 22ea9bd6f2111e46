// The person's terminal, with the real bin in tmux: however the program ends (key, signal, crash)
// the terminal comes back as it was, again and again; resizing never crashes it; a config file's
// read-only setting holds. Complements test/e2e/terminal.test.ts (one run per way out) with
// repetition, crashes and counts.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BIN, type Rig, type TerminalState} from '../e2e/tmux-rig.js';
import {keyGap} from '../support/wait.js';
import {simSuite} from '../e2e/fixtures.js';
import {MUTATING_RPCS} from './app-harness.js';
import {recordFigure} from './figures.js';

const CRASH_TRIGGER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-trigger.mjs');

function assertClean(state: TerminalState, what: string): void {
	const {screen, ...rest} = state;
	assert.deepEqual({...rest, exitCode: undefined}, {exitCode: undefined, alternateScreen: false, cursorVisible: true, echo: true, canonical: true}, `${what}: terminal after exit:\n${screen}`);
}

describe('reliability', () => {
	describe('the terminal, with the real bin in tmux', {timeout: 480_000}, () => {
		const suite = simSuite({containers: 12});

		const open = async (options: {env?: Record<string, string>; args?: string[]; preload?: boolean} = {}) => {
			const args = ['-r', suite.node.endpoint, ...(options.args ?? [])];
			const rig = await suite.open({
				command: options.preload ? [process.execPath, '--import', CRASH_TRIGGER, BIN, ...args] : undefined,
				args, env: options.env,
			});
			await rig.waitFor('POD ID', 20_000);
			return rig;
		};

		test('every way out, twice each (Ctrl-C, q, SIGTERM, SIGHUP, SIGINT, uncaught exception, unhandled rejection) restores the terminal', async () => {
			type Way = {name: string; preload?: boolean; env?: Record<string, string>; act(r: Rig, helpOpen: boolean): Promise<void>; code?: number; says?: RegExp};
			const ways: Way[] = [
				{name: 'Ctrl-C', act: r => r.sendKeys('C-c')},
				// q closes a view and quits only from the panes (the leave rule): with help open, the
				// first q must bring the pane back with the program still running, the second quits.
				{name: 'q', act: async (r, helpOpen) => {
					if (helpOpen) {
						await r.sendKeys('q');
						await r.waitFor(s => !s.includes('Keys (Esc closes') && s.includes('POD ID'));
						assert.ok(await r.appPid(), 'q: the first q only closes help');
					}

					await r.sendKeys('q');
				}, code: 0},
				{name: 'SIGTERM', act: r => r.signal('SIGTERM'), code: 143},
				{name: 'SIGHUP', act: r => r.signal('SIGHUP'), code: 129},
				{name: 'SIGINT', act: r => r.signal('SIGINT'), code: 130},
				{name: 'uncaught exception', preload: true, act: r => r.signal('SIGUSR2'), code: 1, says: /crashed: .*uncaught exception/},
				{name: 'unhandled rejection', preload: true, env: {CRISOCK_REL_CRASH: 'rejection'}, act: r => r.signal('SIGUSR2'), code: 1, says: /crashed: .*unhandled rejection/},
			];
			let exits = 0;
			let signals = 0;
			let crashSaid = 0;
			for (let round = 0; round < 2; round++) {
				for (const way of ways) {
					const r = await open({preload: way.preload, env: way.env});
					// Mid-action, not idle: help open on odd rounds, the containers pane on even ones.
					const helpOpen = round % 2 === 1;
					await r.sendKeys(helpOpen ? '?' : '2');
					await r.waitFor(helpOpen ? 'Keys' : 'CONTAINER');
					await way.act(r, helpOpen);
					if (way.name.startsWith('SIG') || way.preload) signals++;
					const state = await r.exitStatus().catch((error: Error) => {
						throw new Error(`${way.name} (round ${round + 1}, ${helpOpen ? 'help open' : 'containers pane'}): the program did not exit: ${error.message}`);
					});
					assertClean(state, way.name);
					if (way.code !== undefined) assert.equal(state.exitCode, way.code, `${way.name}: exit code`);
					// The crash sentence is printed after restoring, and ink can write nothing after that
					// (the guard closes its output), so no late frame covers it: every time.
					if (way.says) {
						assert.match(state.screen.replace(/\n/g, ' '), way.says, `${way.name}: the crash sentence is visible:\n${state.screen}`);
						crashSaid++;
					}
					exits++;
					r.kill();
				}
			}
			recordFigure('terminal-ways-out', {exits, signalsSent: signals, waysOut: ways.length, crashes: 4, crashSentenceStillVisible: crashSaid});
		});

		test('resizing down to 40x12, below the minimum and back, 15 times: never crashes, says "too small", repaints', async () => {
			const r = await open();
			let resizes = 0;
			for (let i = 0; i < 15; i++) {
				await r.resize(40, 12);
				await r.waitFor(s => s.includes('POD') && !/too small/.test(s) && s.split('\n').every(line => line.length <= 40));
				await r.resize(30 + (i % 10), 8 + (i % 4));
				await r.waitFor(/too small/);
				await r.resize(80, 24);
				await r.waitFor(s => s.includes('NAMESPACE') && !/too small/.test(s));
				resizes += 3;
			}
			assert.ok(await r.appPid(), 'still running');
			await r.sendKeys('j', '?');
			await r.waitFor('Keys');
			// Esc and q read together are one key, Alt-q (a terminal sends Alt-q as ESC q): wait for
			// the help to close before q, as a person sees it close.
			await r.sendKeys('Escape');
			await r.waitFor(s => s.includes('NAMESPACE') && !s.includes('Keys ('));
			await r.sendKeys('q');
			const state = await r.exitStatus();
			assertClean(state, 'after resizes');
			assert.equal(state.exitCode, 0);
			recordFigure('resizes', {resizes, smallest: '30x8', minimum: '40x12'});
		});

		test('read-only: true in a config file passed with -c: x is refused and the runtime gets no mutating call', async () => {
			const config = path.join(suite.node.dir, 'crictl.yaml');
			// A 10 s deadline: on a busy machine a 2 s one can pass unanswered, which reads as a lost runtime.
			writeFileSync(config, `runtime-endpoint: ${suite.node.endpoint}\ntimeout: 10\nread-only: true\n`);
			const before = MUTATING_RPCS.reduce((n, rpc) => n + (suite.node.sim.calls[rpc] ?? 0), 0);
			const rig = await suite.open({args: ['-c', config], cols: 200}); // room for the footer's sentence after the crictl line
			await rig.waitFor('POD ID', 20_000);
			assert.match(await rig.screen(), /READ-ONLY/);
			await rig.sendKeys('2');
			await rig.waitFor('CONTAINER');
			let refused = 0;
			for (const key of ['j', 'x', 'y', 'j', 'x', 'y', 'C-d', 'y']) {
				await keyGap(200); // typed like a person, a key at a time
				await rig.sendKeys(key);
				if (key === 'x') {
					await rig.waitFor(/read-only mode: stopping is disabled/);
					refused++;
				}
				if (key === 'C-d') {
					// Refused before asking, like x.
					await rig.waitFor(/read-only mode: removing is disabled/);
					assert.doesNotMatch(await rig.screen(), /Remove container/);
					refused++;
				}
			}
			const after = MUTATING_RPCS.reduce((n, rpc) => n + (suite.node.sim.calls[rpc] ?? 0), 0);
			assert.equal(after - before, 0, `mutating calls at the runtime: ${JSON.stringify(suite.node.sim.calls)}`);
			recordFigure('read-only-config-file', {refusalsShown: refused, mutatingCallsAtRuntime: after - before});
		});
	});
});
