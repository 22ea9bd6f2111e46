// Several endpoints on one screen (issue 14), through the real bin in tmux: `-r A -r B` with
// the real containerd and a simulated node (`crisock-tui sim --socket PATH`, its own process)
// shows both in one containers pane under NODE; x stops the container of the endpoint that owns
// the row (the other endpoint's container of the same name still runs); the crictl line names
// that endpoint; when one endpoint goes away its rows grey and its header entry says why while
// the other stays live.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import {seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {selectRow, shortId, stripSgr, waitForState} from '../e2e/screen.js';
import {startBinSim, type BinSim} from './sim-bin.js';

/** The NODE cell of the line showing `short` (a 13-char ID), or undefined. */
const nodeOfRow = (screen: string, short: string) =>
	stripSgr(screen).split('\n').find(l => l.includes(` ${short} `))?.trim().split(/\s+/)[0];

describe('fleet: real containerd and a simulated node', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let dir = '';
	let simSocket = '';
	let sim: BinSim | undefined;
	let real: CriClient | undefined;
	const rigs: Rig[] = [];

	const startSim = async () => {
		sim = await startBinSim(simSocket, ['--flavor', 'cri-o']);
	};

	before(async () => {
		dir = mkdtempSync('/tmp/crisock-fleet-');
		simSocket = path.join(dir, 'sim', 'cri.sock');
		[tb] = await Promise.all([startContainerd(), startSim()]);
		node = await seedNode(tb);
		real = createCriClient({runtimeEndpoint: `unix://${tb.socket}`, timeoutMs: 10_000});
	});

	after(async () => {
		for (const rig of rigs) rig.kill();
		sim?.kill();
		real?.close();
		await tb?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	test('both endpoints in one containers pane with their NODE; x stops the owner\'s container only', async () => {
		const rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '-r', `unix://${simSocket}`], cols: 170, rows: 45});
		rigs.push(rig);
		await rig.waitFor(/containerd ✓ +sim ✓/, 60_000);
		await rig.sendKeys('2');
		const sleeper = node.containers.sleeper;
		const simProxy = (await sim!.client.listContainers()).items.find(c => c.metadata?.name === 'kube-proxy' && c.state === 'CONTAINER_RUNNING');
		assert.ok(simProxy, 'the simulated node runs a kube-proxy container too');
		const screen = await rig.waitFor(s => nodeOfRow(s, shortId(sleeper.id)) !== undefined && nodeOfRow(s, shortId(simProxy.id)) !== undefined, 30_000);
		assert.match(stripSgr(screen), /^\s*NODE +CONTAINER /m, 'NODE is the first column');
		assert.equal(nodeOfRow(screen, shortId(sleeper.id)), 'containerd', 'the real container is shown under its endpoint');
		assert.equal(nodeOfRow(screen, shortId(simProxy.id)), 'sim', 'the simulated container is shown under its endpoint');
		// Every row names one of the two endpoints (one pane, both merged).
		const rows = stripSgr(screen).split('\n').filter(l => /^\s*\S+ +[0-9a-f]{13} /.test(l));
		assert.ok(rows.length >= 6, `rows of both endpoints:\n${screen}`);
		assert.deepEqual(new Set(rows.map(l => l.trim().split(/\s+/)[0])), new Set(['containerd', 'sim']));

		// The real kube-proxy: the crictl line goes to the real containerd's socket, the stop too.
		await selectRow(rig, shortId(sleeper.id));
		await rig.sendKeys('x');
		const question = await rig.waitFor(/stop --timeout \d+ [0-9a-f]{13}/, 15_000);
		assert.match(question, new RegExp(`crictl -r unix://${tb!.socket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} stop --timeout \\d+ ${shortId(sleeper.id)}`), 'the crictl line is the owning endpoint\'s');
		await rig.sendKeys('y');
		await waitForState(real!, sleeper.id, 'CONTAINER_EXITED', 60_000);
		// The other endpoint's container of the same name was not touched.
		const simState = (await sim!.client.containerStatus(simProxy.id)).status?.state;
		assert.equal(simState, 'CONTAINER_RUNNING', 'the simulated node\'s kube-proxy still runs');
		await rig.waitFor(s => new RegExp(`containerd ${shortId(sleeper.id)} .*Exited`).test(stripSgr(s)), 30_000);

		// The other way round: stop the simulated node's kube-proxy; the real logger still runs.
		await selectRow(rig, shortId(simProxy.id));
		await rig.sendKeys('x');
		await rig.waitFor(new RegExp(`crictl -r unix://${simSocket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} stop --timeout \\d+ ${shortId(simProxy.id)}`), 15_000);
		await rig.sendKeys('y');
		await waitForState(sim!.client, simProxy.id, 'CONTAINER_EXITED', 60_000);
		assert.equal((await real!.containerStatus(node.containers.logger.id)).status?.state, 'CONTAINER_RUNNING', 'the real logger still runs');
	});

	test('one endpoint going away greys its rows and says why; the other stays live', async () => {
		const rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '-r', `unix://${simSocket}`], cols: 170, rows: 45});
		rigs.push(rig);
		await rig.waitFor(/containerd ✓ +sim ✓/, 60_000);
		await rig.sendKeys('2');
		await rig.waitFor(s => nodeOfRow(s, shortId(node.containers.logger.id)) === 'containerd', 30_000);
		sim!.kill();
		const screen = await rig.waitFor(/sim ✗ \(.+\)/, 30_000);
		assert.match(screen, /containerd ✓/, 'the real endpoint stays live');
		// The simulated node's last rows stay, greyed (SGR 2, dim); the real ones are not dim.
		const escaped = await rig.screenEscaped();
		const lines = escaped.split('\n');
		const simRow = lines.find(l => stripSgr(l).trim().startsWith('sim ') && !/Pods/.test(l));
		assert.ok(simRow, `the simulated node's rows are still drawn:\n${screen}`);
		assert.match(simRow, /\x1b\[(?:[0-9;]*;)?2(?:;[0-9;]*)?m/, 'and greyed');
		const realRow = lines.find(l => stripSgr(l).trim().startsWith('containerd ') && !/\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/.test(l));
		assert.ok(realRow && !/\x1b\[(?:[0-9;]*;)?2(?:;[0-9;]*)?m/.test(realRow), `the real endpoint's rows are not greyed:\n${JSON.stringify(realRow)}`);
		await startSim();
		await rig.waitFor(/containerd ✓ +sim ✓/, 60_000);
	});
});
