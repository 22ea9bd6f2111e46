// Keys are deliberate, on the real containerd, through the real bin in tmux (issue 9):
// - a selected container removed from outside stays shown, marked gone, and i l s x act on
//   nothing else (checked on screen and at the runtime: the others still run);
// - a bracketed paste holding x and y, and "xy" arriving in one read, stop nothing; a question
//   answered by a later, separate y still stops the selected container.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {runContainer, seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {selectedRow, shortId, stripSgr, waitForState} from '../e2e/screen.js';
import {recordFigure} from '../reliability/figures.js';

describe('real containerd: deliberate keys', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let client: CriClient | undefined;
	let victim = '';
	const rigs: Rig[] = [];

	before(async () => {
		tb = await startContainerd();
		node = await seedNode(tb);
		victim = await runContainer(tb, node.pods.web.id, {name: 'victim', command: ['/bin/sleep', 'infinity']});
		client = createCriClient({runtimeEndpoint: `unix://${tb.socket}`, timeoutMs: 10_000});
	});

	after(async () => {
		for (const rig of rigs) rig.kill();
		client?.close();
		await tb?.stop();
	});

	const open = async (id: string): Promise<Rig> => {
		const rig = await startRig({args: ['-r', `unix://${tb!.socket}`], cols: 160, rows: 40});
		rigs.push(rig);
		await rig.waitFor('POD ID', 30_000);
		await rig.sendKeys('2');
		await rig.waitFor(shortId(id), 20_000);
		await selectById(rig, shortId(id));
		return rig;
	};

	/**
	 * Selects the row of `short` one key at a time, each key waiting until the highlight is on the
	 * row it must reach (so a busy machine never makes it overshoot).
	 */
	const selectById = async (rig: Rig, short: string) => {
		const ids = stripSgr(await rig.screenEscaped()).split('\n').map(l => /^([0-9a-f]{13}) /.exec(l)?.[1]).filter((x): x is string => x !== undefined);
		const target = ids.indexOf(short);
		assert.ok(target >= 0, `${short} is listed`);
		const on = (row: string) => async () => rig.waitFor(s => selectedRow(s)?.startsWith(row) === true, 15_000, {escaped: true});
		await rig.sendKeys('g');
		await on(ids[0]!)();
		for (let i = 1; i <= target; i++) {
			await rig.sendKeys('j');
			await on(ids[i]!)();
		}
	};

	/** Every container's state at the runtime, by ID. */
	const states = async () => new Map((await client!.listContainers()).items.map(c => [c.id, c.state]));

	test('a selected container removed from outside stays shown, marked gone; i, l, s and x act on nothing else', async () => {
		const before = await states();
		assert.equal(before.get(victim), 'CONTAINER_RUNNING');
		const rig = await open(victim);
		const short = shortId(victim);

		// Removed by someone else (a kubelet, an admin with crictl) while it is selected.
		await tb!.cri.call('StopContainer', {containerId: victim, timeout: 0}, 30_000);
		await tb!.cri.call('RemoveContainer', {containerId: victim}, 30_000);
		await rig.waitFor(new RegExp(`${short} .*gone +victim`), 20_000);

		const tried: Array<[key: string, word: string]> = [['i', 'inspect'], ['l', 'logs'], ['s', 'shell'], ['x', 'stop']];
		for (const [key, word] of tried) {
			await rig.sendKeys(key);
			const screen = await rig.waitFor(new RegExp(`${word}: container victim \\(${short}\\) is gone from the runtime`), 15_000);
			// Still the pane, the gone row where it was, no view or question over it.
			assert.match(screen, new RegExp(`${short} .*gone +victim`), `${word}: the gone row is shown`);
			assert.doesNotMatch(screen, /Stop container|shell in|state: CONTAINER_/, `${word} acted on something`);
			assert.equal(await rig.display('#{alternate_on}'), '1', `${word}: still the dashboard, no shell`);
		}

		// At the runtime: every other container is as it was (the running ones still run).
		const after = await states();
		before.delete(victim);
		assert.deepEqual(after, before);
		assert.equal(after.get(node.containers.logger.id), 'CONTAINER_RUNNING');
		assert.equal(after.get(node.containers.sleeper.id), 'CONTAINER_RUNNING');

		// A move chooses another object: the gone row goes.
		await rig.sendKeys('g');
		await rig.waitForGone(short, 15_000);
		recordFigure('selection-gone', {
			keysOnGoneObject: tried.length, actedOnOtherObjects: [...after].filter(([id, state]) => before.get(id) !== state).length, otherContainersUnchanged: after.size, runningStillRunning: [...after.values()].filter(s => s === 'CONTAINER_RUNNING').length,
		});
		await rig.sendKeys('q');
		assert.equal((await rig.exitStatus()).exitCode, 0);
	});

	test('a bracketed paste with x and y, and "xy" in one read, stop nothing; a later, separate y stops the selected container', async () => {
		const {logger, sleeper} = node.containers;
		const rig = await open(logger.id);
		const running = async () => (await client!.containerStatus(logger.id)).status?.state === 'CONTAINER_RUNNING';
		let pastes = 0;
		let bursts = 0;
		let stopped = 0;
		const stillRuns = async (what: string) => {
			const runs = await running();
			if (!runs) stopped++;
			assert.ok(runs, `${what}: the container still runs`);
		};

		// A paste (tmux -p: with the markers, since the program turned bracketed paste on).
		for (const text of ['oxygen-xy', 'x\ny\n', 'yes y Y x']) {
			await rig.tmux('set-buffer', '--', text);
			await rig.tmux('paste-buffer', '-p', '-d', '-t', rig.target);
			pastes++;
			const screen = await rig.waitFor(new RegExp(`paste ignored \\(${[...text.replace(/\n/g, '')].length} characters?\\)`), 15_000);
			assert.doesNotMatch(screen, /Stop container/);
			await stillRuns(`after pasting ${JSON.stringify(text)}`);
			// The next paste must make its own note: any key clears this one.
			await rig.sendKeys('Escape');
			await rig.waitForGone(/paste ignored/, 15_000);
		}

		// "xy" in one read: typed by tmux in one go, and pasted without the markers.
		const sendXy = [
			async () => rig.type('xy'),
			async () => {
				await rig.tmux('set-buffer', '--', 'xy');
				await rig.tmux('paste-buffer', '-d', '-t', rig.target);
			},
		];
		for (const [i, send] of sendXy.entries()) {
			await send();
			bursts++;
			// The question opened and stays open, saying the y read with the x did not answer it.
			await rig.waitFor(s => /Stop container app\?/.test(s) && /1 key typed before the question was shown/.test(s), 15_000)
				.catch(async (error: Error) => {
					throw new Error(`burst ${i}: ${error.message}\ncontainer state: ${(await client!.containerStatus(logger.id)).status?.state}`);
				});
			await stillRuns(`burst ${i}: the y read with the x`);
			if (i < sendXy.length - 1) {
				// Any later key but y cancels.
				await rig.sendKeys('n');
				await rig.waitFor(/cancelled/, 15_000);
			}
		}

		// The question is drawn; a later, separate y answers it.
		await rig.sendKeys('y');
		await waitForState(client!, logger.id, 'CONTAINER_EXITED', 30_000);
		const laterY = (await client!.containerStatus(logger.id)).status?.state === 'CONTAINER_EXITED' ? 1 : 0;
		assert.equal((await client!.containerStatus(sleeper.id)).status?.state, 'CONTAINER_RUNNING', 'only the selected container stopped');
		recordFigure('paste-and-burst', {bracketedPastes: pastes, oneReadBursts: bursts, stopsFromPasteOrBurst: stopped, laterSeparateYStopped: laterY});
		await rig.sendKeys('q');
		assert.equal((await rig.exitStatus()).exitCode, 0);
	});
});
