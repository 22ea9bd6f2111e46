// Never act on the wrong container, and never act at all in read-only mode: the real <App> on a
// simulated node, checked at the server (the node's per-RPC counts and container states) as well
// as on screen.
import './force-color.js';
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {startAppHarness, selectedRow, shortId, stripSgr, KEY, MUTATING_RPCS, type AppHarness} from './app-harness.js';
import {holdsFor, waitFor} from '../support/wait.js';
import {recordFigure} from './figures.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import type {Container} from '../../source/model/cri-types.js';

const mutatingServed = (calls: Record<string, number>) => MUTATING_RPCS.reduce((n, rpc) => n + (calls[rpc] ?? 0), 0);

/** The short IDs of the container rows, top to bottom. */
const rowIds = (frame: string) => stripSgr(frame).split('\n').map(l => /^([0-9a-f]{13}) /.exec(l)?.[1]).filter((id): id is string => id !== undefined);

/**
 * Moves the selection to `id`, one j at a time, each time waiting for the repaint: keys typed
 * faster than a render are the UI tests' subject, not this suite's.
 */
async function select(h: AppHarness, id: string): Promise<void> {
	await h.press('g');
	await h.waitFor(f => selectedRow(f) !== undefined && selectedRow(f)!.startsWith(rowIds(f)[0] ?? '-'));
	for (let i = 0; i < 40; i++) {
		const row = selectedRow(await h.waitFor(f => selectedRow(f) !== undefined));
		if (row?.startsWith(shortId(id))) return;
		await h.press('j');
		await h.waitFor(f => selectedRow(f) !== row).catch(() => undefined);
	}
	throw new Error(`could not select ${id}:\n${h.frame()}`);
}

/**
 * Until the app has refreshed its container list twice since now (so at least one answer given
 * after a change made now has been drawn).
 */
async function refreshed(h: AppHarness): Promise<void> {
	const started = () => (h.flight.started.listContainers ?? 0);
	const now = started();
	await waitFor(() => started() >= now + 2 && (h.flight.now.listContainers ?? 0) === 0, 'two container list refreshes');
}

async function states(client: CriClient): Promise<Map<string, string>> {
	return new Map((await client.listContainers()).items.map(c => [c.id, c.state]));
}

describe('reliability', () => {
	describe('read-only mode and destructive confirmations', {timeout: 270_000}, () => {
		const harnesses: AppHarness[] = [];
		const clients: CriClient[] = [];
		after(async () => {
			for (const c of clients) c.close();
			for (const h of harnesses) await h.stop();
		});
		const start = async (...args: Parameters<typeof startAppHarness>) => {
			const h = await startAppHarness(...args);
			harnesses.push(h);
			const client = createCriClient({runtimeEndpoint: h.socketPath, timeoutMs: 5000});
			clients.push(client);
			const containers = (await client.listContainers()).items;
			await h.press('2');
			await h.waitFor(f => containers.every(c => f.includes(shortId(c.id))), 10_000);
			return {h, client, containers};
		};
		const running = (containers: Container[]) => containers.filter(c => c.state === 'CONTAINER_RUNNING');

		test('--read-only: every key that would change the node is refused on screen, and the runtime gets zero mutating calls', async () => {
			const {h, client, containers} = await start({readOnly: true});
			assert.match(h.frame(), /READ-ONLY/, 'the header carries the badge');
			const before = await states(client);
			let refusals = 0;
			for (const victim of running(containers).slice(0, 3)) {
				await select(h, victim.id);
				await h.press('x');
				await h.waitFor(f => /read-only mode: stopping is disabled/.test(stripSgr(f)));
				assert.doesNotMatch(h.frame(), /Stop container/, 'no confirmation is even offered');
				await h.press('y');
				refusals++;
			}
			// The pods pane: x on a pod.
			await h.press('1');
			await h.waitFor('POD ID');
			await h.press('g', 'x');
			await h.waitFor(f => /read-only mode: stopping is disabled/.test(stripSgr(f)));
			await h.press('y');
			refusals++;
			// Ctrl-D (remove), s (shell) and :exec refuse the same way, before anything opens.
			await h.press('2');
			await select(h, running(containers)[0].id);
			for (const [keys, what] of [[[KEY.ctrlD], 'removing'], [['s'], 'a shell'], [[':', 'exec ls', KEY.enter], ':exec']] as const) {
				await h.press(...keys);
				await h.waitFor(f => stripSgr(f).includes(`read-only mode: ${what} is disabled (start without --read-only to allow it)`));
				assert.doesNotMatch(h.frame(), /Remove container|opening a shell|exec ls/, `${what}: nothing opened`);
				await h.press('y');
				refusals++;
			}

			// Other keys that open views (previous logs, triage): none may reach the runtime.
			for (const key of ['p', 't']) {
				const shown = h.frame();
				await h.press(key);
				await h.waitFor(f => f !== shown).catch(() => undefined);
				await h.press('y', KEY.escape);
			}

			const untouched = () => mutatingServed(h.sim.calls) === 0 && h.flight.mutations.length === 0;
			await holdsFor(untouched, 500, 'no mutating call reaches the runtime').catch(() => undefined);
			assert.equal(mutatingServed(h.sim.calls), 0, `mutating calls at the runtime: ${JSON.stringify(h.sim.calls)}`);
			assert.deepEqual(h.flight.mutations.map(m => m.method), [], 'nothing that changes the node was even tried');
			assert.deepEqual(await states(client), before, 'every container kept its state');
			recordFigure('read-only-app', {refusalsShown: refusals, otherKeysTried: 2, mutatingCallsAtRuntime: mutatingServed(h.sim.calls)});
		});

		test('a read-only client refuses on its own even if the screen let the stop through (defence in depth)', async () => {
			const {h, client, containers} = await start({readOnly: true, app: {readOnly: false}});
			const victim = running(containers)[0];
			await select(h, victim.id);
			await h.press('x');
			await h.waitFor(victim.id);
			await h.press('y');
			const frame = stripSgr(await h.waitFor(f => /read-only mode: refusing to stop container/.test(stripSgr(f))));
			assert.ok(frame.includes(shortId(victim.id)), `the refusal names the container:\n${frame}`);
			assert.equal(mutatingServed(h.sim.calls), 0);
			assert.equal((await client.containerStatus(victim.id)).status?.state, 'CONTAINER_RUNNING');
		});

		test('the confirmation names the object and its full ID, and defaults to no (Enter, n, Esc, space all cancel)', async () => {
			const {h, containers} = await start();
			const victim = running(containers)[0];
			await select(h, victim.id);
			let cancels = 0;
			for (const key of [KEY.enter, 'n', KEY.escape, ' ', 'Y']) {
				await h.press('x');
				const dialog = stripSgr(await h.waitFor(victim.id));
				assert.match(dialog, new RegExp(`Stop container ${victim.metadata!.name}\\?`));
				assert.match(dialog, new RegExp(`ID: ${victim.id}`));
				assert.match(dialog, /default: no/);
				await h.press(key);
				await h.waitFor(f => !f.includes(`ID: ${victim.id}`) && /cancelled/.test(f));
				cancels++;
			}
			assert.equal(h.sim.calls.StopContainer ?? 0, 0, 'nothing was stopped');
			recordFigure('confirm-defaults-to-no', {keysThatCancelled: cancels, stopsAtRuntime: h.sim.calls.StopContainer ?? 0});
		});

		test('the list changes under an open confirmation: y stops the container named in it, by full ID, and no other', async () => {
			const {h, client, containers} = await start({app: {size: {columns: 260, rows: 30}}}); // room for the whole sentence
			// A running container with an exited one above it: removing the exited one shifts the rows.
			const order = rowIds(h.frame());
			const byShort = new Map(containers.map(c => [shortId(c.id), c]));
			const index = order.findIndex((id, i) => byShort.get(id)?.state === 'CONTAINER_RUNNING' && order.slice(0, i).some(above => byShort.get(above)?.state === 'CONTAINER_EXITED'));
			assert.ok(index > 0, `a running container below an exited one:\n${h.frame()}`);
			const victim = byShort.get(order[index])!;
			const above = byShort.get(order.slice(0, index).find(id => byShort.get(id)?.state === 'CONTAINER_EXITED')!)!;
			await select(h, victim.id);
			await h.press('x');
			await h.waitFor(`ID: ${victim.id}`);

			// While the dialog is open: the runtime drops a row above it; the app refreshes.
			await client.removeContainer(above.id);
			await refreshed(h);
			const before = await states(client);
			assert.ok(h.frame().includes(`ID: ${victim.id}`), 'the dialog is still open on the same container');
			await h.press('y');
			await h.waitFor(f => new RegExp(`stopped container ${victim.metadata!.name}`).test(stripSgr(f)));
			const after = await states(client);
			assert.equal(after.get(victim.id), 'CONTAINER_EXITED', 'the named container stopped');
			for (const [id, state] of before) if (id !== victim.id) assert.equal(after.get(id), state, `${id} untouched`);
			const stops = h.flight.mutations.filter(m => m.method === 'stopContainer');
			assert.deepEqual(stops.map(m => m.args[0]), [victim.id], 'StopContainer got the full ID, once');
			assert.equal(h.sim.calls.StopContainer, 1);

			// Harsher: the object itself vanishes while its dialog is open, and the row under the cursor
			// becomes another container. y must not stop that other one.
			const now = running((await client.listContainers()).items);
			const gone = now[0];
			await select(h, gone.id);
			await h.press('x');
			await h.waitFor(`ID: ${gone.id}`);
			await client.removeContainer(gone.id);
			await refreshed(h);
			const before2 = await states(client);
			await h.press('y');
			const said = stripSgr(await h.waitFor(f => /no longer exists/.test(stripSgr(f))).catch(() => {
				throw new Error(`no "no longer exists" sentence; footer:\n${stripSgr(h.frame()).trimEnd().split('\n').slice(-2).join('\n')}\nmutations: ${JSON.stringify(h.flight.mutations)}`);
			}));
			assert.match(said, new RegExp(`container ${gone.id}`), 'the sentence names the full ID');
			assert.deepEqual(await states(client), before2, 'no other container was touched');
			assert.deepEqual(h.flight.mutations.filter(m => m.method === 'stopContainer').map(m => m.args[0]), [victim.id, gone.id]);
			recordFigure('confirm-targets-full-id', {listChangesUnderDialog: 2, wrongObjectsStopped: 0});
		});
	});
});
