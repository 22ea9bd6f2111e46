// The dashboard against a real containerd (the testbed): the client layer must list exactly what the
// runtime holds, and the real bin under tmux must show it, read its logs, open a shell in it, inspect
// it and stop the right container.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import type {SeededNode, Testbed} from '../testbed/containerd.js';
import type {CriClient} from '../../source/wire/cri-client.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {selectRow, shortId, waitForState} from '../e2e/screen.js';
import {startSeededContainerd, stopSeededContainerd} from './seeded-containerd.js';

describe('real containerd: dashboard', {timeout: 480_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let client: CriClient | undefined;
	let rig: Rig | undefined;

	before(async () => {
		({tb, node, client} = await startSeededContainerd());
	});

	after(async () => stopSeededContainerd({rig, client, tb}));

	test('the client layer lists exactly the pods, containers and images the runtime holds', async () => {
		const raw = tb!.cri;
		const pods = await client!.listPodSandbox();
		const rawPods = (await raw.call<any>('ListPodSandbox', {})).items;
		assert.equal(pods.truncated, undefined);
		assert.deepEqual(pods.items.map(p => [p.id, p.metadata?.name, p.metadata?.namespace, p.state]).sort(),
			rawPods.map((p: any) => [p.id, p.metadata.name, p.metadata.namespace, p.state]).sort());
		assert.deepEqual(new Set(pods.items.map(p => p.id)), new Set(Object.values(node.pods).map(p => p.id)));

		const containers = await client!.listContainers();
		const rawContainers = (await raw.call<any>('ListContainers', {})).containers;
		assert.deepEqual(containers.items.map(c => [c.id, c.podSandboxId, c.metadata?.name, c.state]).sort(),
			rawContainers.map((c: any) => [c.id, c.podSandboxId, c.metadata.name, c.state]).sort());
		const byId = new Map(containers.items.map(c => [c.id, c]));
		const {logger, failing, succeeded, sleeper} = node.containers;
		assert.equal(byId.get(logger.id)?.state, 'CONTAINER_RUNNING');
		assert.equal(byId.get(sleeper.id)?.state, 'CONTAINER_RUNNING');
		assert.equal(byId.get(failing.id)?.state, 'CONTAINER_EXITED');
		assert.equal(byId.get(succeeded.id)?.state, 'CONTAINER_EXITED');

		const failed = await client!.containerStatus(failing.id);
		assert.equal(failed.status?.exitCode, 3);
		assert.equal((await client!.containerStatus(succeeded.id)).status?.exitCode, 0);
		// int64 stays an exact decimal string.
		assert.match(failed.status!.finishedAt, /^\d{19}$/);

		const images = await client!.listImages();
		const rawImages = (await raw.call<any>('ListImages', {})).images;
		assert.deepEqual(images.items.map(i => i.id).sort(), rawImages.map((i: any) => i.id).sort());
		assert.deepEqual(images.items.flatMap(i => i.repoTags).sort(), rawImages.flatMap((i: any) => i.repoTags).sort());
	});

	const openOn = async (id: string) => {
		rig?.kill();
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '--log-root', tb!.logRoot], cols: 120, rows: 30});
		await rig.waitFor('POD ID', 20_000);
		await rig.sendKeys('2');
		await rig.waitFor(shortId(id));
		await selectRow(rig, shortId(id));
		return rig;
	};

	test('l shows the looping container\'s "line N" output and follows it', async () => {
		const r = await openOn(node.containers.logger.id);
		await r.sendKeys('l');
		const first = await r.waitFor(/line \d+/, 20_000);
		const highest = (screen: string) => Math.max(...[...screen.matchAll(/line (\d+)/g)].map(m => Number(m[1])));
		const seen = highest(first);
		// The container prints a line a second: following, a higher number must appear.
		await r.waitFor(s => /line \d+/.test(s) && highest(s) >= seen + 2, 20_000);
		assert.match(await r.screen(), /crictl .*logs/);
		await r.sendKeys('Escape');
		await r.waitFor('CONTAINER');
	});

	test('s opens a shell in the running container; exit 3 comes back to the dashboard showing code 3', async () => {
		const {sleeper} = node.containers;
		const r = await openOn(sleeper.id);
		await r.sendKeys('s');
		// busybox's root prompt, after the hand-over line.
		await r.waitFor(s => s.includes('shell in') && /^\/ # ?$/m.test(s), 20_000);
		await r.type('echo hi-$((40+2))');
		await r.sendKeys('Enter');
		await r.waitFor('hi-42');
		await r.type('exit 3');
		await r.sendKeys('Enter');
		const screen = await r.waitFor(s => /\b(exit(ed)?|code)\b\D{0,12}\b3\b/i.test(s) && s.includes('CONTAINER') && s.includes('2 Containers'), 20_000);
		// The dashboard again, intact: header, tabs, the container's row, still on the alternate screen.
		assert.match(screen.split('\n')[0]!, /^crisock-tui containerd/);
		assert.ok(screen.includes(shortId(sleeper.id)));
		assert.equal(await r.display('#{alternate_on}'), '1');
		await r.sendKeys('q');
		const state = await r.exitStatus();
		assert.deepEqual([state.exitCode, state.echo, state.canonical, state.alternateScreen], [0, true, true, false]);
	});

	test('the bin shows the pods, containers and images, inspects one, and stops the looping container', async () => {
		const {logger, failing, sleeper} = node.containers;
		rig?.kill();
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '--log-root', tb!.logRoot], cols: 160, rows: 40});
		// Pods first: every pod name is on screen.
		let screen = await rig.waitFor(s => Object.values(node.pods).every(p => s.includes(p.name)), 20_000);
		assert.match(screen, /containerd/);

		await rig.sendKeys('2');
		screen = await rig.waitFor(s => [logger, failing, sleeper].every(c => s.includes(shortId(c.id))), 20_000);
		for (const c of [logger, failing, sleeper]) assert.ok(screen.includes(c.name), `container ${c.name} shown`);

		await rig.sendKeys('3');
		await rig.waitFor(s => s.includes('busybox') && s.includes('pause'), 20_000);

		// Inspect the logger: the full 64-hex ID and JSON.
		await rig.sendKeys('2');
		await rig.waitFor(shortId(logger.id));
		await selectRow(rig, shortId(logger.id));
		await rig.sendKeys('i');
		// crictl's shape: status first, its fields in order; the id and the log path are on the first screen.
		screen = await rig.waitFor(s => new RegExp(`^\\s*id: ${logger.id}\\s*$`, 'm').test(s) && /^status:/m.test(s), 20_000);
		assert.ok(screen.includes(logger.logPath), 'the status names the log path');
		await rig.sendKeys('J');
		await rig.waitFor(s => s.includes(`"id": "${logger.id}"`) || /"state": "CONTAINER_RUNNING"/.test(s));
		await rig.sendKeys('Escape');
		await rig.waitForGone(logger.id);

		// Stop it: x asks, naming the full ID; y does it; the runtime then reports it exited.
		await selectRow(rig, shortId(logger.id));
		await rig.sendKeys('x');
		await rig.waitFor(logger.id);
		await rig.sendKeys('y');
		await waitForState(client!, logger.id, 'CONTAINER_EXITED', 30_000);
		// The other running container was not touched.
		assert.equal((await client!.containerStatus(sleeper.id)).status?.state, 'CONTAINER_RUNNING');

		await rig.sendKeys('q');
		const state = await rig.exitStatus();
		assert.equal(state.exitCode, 0);
		assert.equal(state.alternateScreen, false);
	});
});
