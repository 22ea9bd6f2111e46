// What the dashboard shows against what the real crictl 1.33 prints, on the real containerd
// testbed: inspect / inspectp / inspecti documents field for field.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {APP_IMAGE, type SeededNode, type Testbed} from '../testbed/containerd.js';
import type {CriClient} from '../../source/wire/cri-client.js';
import {fetchInspect} from '../../source/state/use-inspect.js';
import {crictl} from './crictl-bin.js';
import {startSeededContainerd, stopSeededContainerd} from './seeded-containerd.js';
import {existsSync, writeFileSync} from 'node:fs';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {selectRow, shortId} from '../e2e/screen.js';

// ImageSpec.image_ref (field 20) is newer than crictl 1.33's CRI API; the runtime sends it, crictl cannot print it.
function withoutNewerFields(doc: any): any {
	const copy = structuredClone(doc);
	if (copy.status?.image && typeof copy.status.image === 'object') delete copy.status.image.imageRef;
	return copy;
}

describe('real containerd: the same answers as crictl', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let client: CriClient | undefined;
	let rig: Rig | undefined;

	before(async () => {
		({tb, node, client} = await startSeededContainerd());
	});

	after(async () => stopSeededContainerd({rig, client, tb}));

	test('inspect of a running and an exited container equals crictl inspect (times, fields, info at the top level)', async () => {
		for (const c of [node.containers.logger, node.containers.failing]) {
			const ours = await fetchInspect(client!, {kind: 'container', id: c.id, name: c.name});
			const theirs = JSON.parse(crictl(tb!.socket, 'inspect', c.id));
			assert.deepEqual(withoutNewerFields(ours), theirs, `container ${c.name}`);
		}

		const running = await fetchInspect(client!, {kind: 'container', id: node.containers.logger.id, name: 'app'}) as any;
		assert.equal(running.status.finishedAt, '0001-01-01T00:00:00Z');
		assert.match(running.status.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
		assert.equal(typeof running.info.pid, 'number');
	});

	test('inspectp of a pod equals crictl inspectp', async () => {
		const pod = node.pods.web;
		const ours = await fetchInspect(client!, {kind: 'pod', id: pod.id, name: pod.name});
		const theirs = JSON.parse(crictl(tb!.socket, 'inspectp', pod.id));
		assert.deepEqual(ours, theirs);
	});

	test('inspecti of an image equals crictl inspecti', async () => {
		const image = (await client!.listImages()).items.find(i => i.repoTags.includes(APP_IMAGE))!;
		const ours = await fetchInspect(client!, {kind: 'image', id: image.id, name: APP_IMAGE});
		const theirs = JSON.parse(crictl(tb!.socket, 'inspecti', image.id));
		assert.deepEqual(ours, theirs);
	});

	test('Ctrl-D on an exited container: the dialog says the logs go; after y the container and its log file with rotations are gone, as after crictl rm', async () => {
		const {failing, succeeded} = node.containers;
		writeFileSync(`${failing.logPath}.1`, 'rotated\n');
		writeFileSync(`${failing.logPath}.20261128-040000.gz`, 'x');
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '--timeout', '10s'], cols: 120, rows: 30});
		await rig.waitFor('POD ID', 20_000);
		await rig.sendKeys('2');
		await rig.waitFor(shortId(failing.id), 20_000);
		// The filter leaves exactly this container (and shows the crictl flags for it).
		await rig.sendKeys('/');
		await rig.type('name:report ns:default');
		await rig.sendKeys('Enter');
		await rig.waitFor(s => s.includes('ps -a --name report --namespace default') && !s.includes(shortId(node.containers.sleeper.id)), 20_000);
		await selectRow(rig, shortId(failing.id));
		await rig.sendKeys('C-d');
		const dialog = await rig.waitFor(s => s.includes(failing.id) && /log file and its rotations are deleted/.test(s), 30_000);
		assert.match(dialog, new RegExp(`crictl -r \\S+ rm ${shortId(failing.id)}`));
		await rig.sendKeys('y');
		await rig.waitFor(/removed container report/, 30_000);
		// The row goes, or stays marked gone under the cursor until a key moves (the selection is an object).
		await rig.waitFor(s => !s.split('\n').some(line => line.startsWith(shortId(failing.id)) && !/\sgone\s/.test(line)), 30_000);
		for (const f of [failing.logPath, `${failing.logPath}.1`, `${failing.logPath}.20261128-040000.gz`]) assert.equal(existsSync(f), false, f);
		await assert.rejects(client!.containerStatus(failing.id));

		// crictl rm does the same on this runtime (the runtime alone would keep the file).
		assert.ok(existsSync(succeeded.logPath));
		crictl(tb!.socket, 'rm', succeeded.id);
		assert.equal(existsSync(succeeded.logPath), false);
	});

	test('x on a running kubelet-labelled container: the dialog shows crictl stop --timeout 10 and that the kubelet restarts it', async () => {
		const {sleeper} = node.containers;
		rig?.kill();
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '--timeout', '10s'], cols: 120, rows: 30});
		await rig.waitFor('POD ID', 20_000);
		await rig.sendKeys('2');
		await rig.waitFor(shortId(sleeper.id), 20_000);
		await selectRow(rig, shortId(sleeper.id));
		await rig.sendKeys('x');
		const dialog = await rig.waitFor(s => s.includes(sleeper.id) && s.includes('kubelet'), 20_000);
		assert.match(dialog, new RegExp(`stop --timeout 10 ${shortId(sleeper.id)}`));
		assert.match(dialog, /kubelet manages this container .* will restart it/);
		await rig.sendKeys('n');
		await rig.waitForGone('kubelet manages');
	});

	test('the endpoint picker lists the testbed socket in use (a path no one probes) with its runtime', async () => {
		rig?.kill();
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '--timeout', '10s'], cols: 160, rows: 30});
		await rig.waitFor('POD ID', 20_000);
		// Connected (the header names the runtime) before the picker opens, so the row in use has its version.
		await rig.waitFor(/containerd 1\.6/, 20_000);
		await rig.sendKeys('e');
		const screen = await rig.waitFor(s => s.includes(`* unix://${tb!.socket}`) && !s.includes('probing'), 30_000);
		assert.match(screen, new RegExp(`\\* unix://${tb!.socket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+containerd 1\\.6`));
		assert.doesNotMatch(screen, /no live runtime socket found/);
		await rig.sendKeys('Escape');
	});
});
