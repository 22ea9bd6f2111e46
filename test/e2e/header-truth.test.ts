// The header tells the truth, in the real bin under tmux: a gRPC server without runtime.v1 is called
// "v1alpha2 only" only when it offers v1alpha2; a call past its deadline is named in its own pane
// while the header stays live; a bad -i is a sentence naming it, never a silent "disconnected".
import {test, describe, before, after, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {startRig, killAllRigs, type Rig} from './tmux-rig.js';
import {startFixture, type SimFixture} from './fixtures.js';
import {shortId} from './screen.js';
import {startRawGrpcServer, type TestServer} from '../wire/cri-test-server.js';
import {recordFigure} from '../reliability/figures.js';

const wide = {cols: 220, rows: 30};

/** The lines the program printed before the wrapper's exit mark. */
const printed = (screen: string) => screen.slice(0, screen.indexOf('[exit ')).split('\n').map(l => l.trim()).filter(Boolean);

describe('tmux e2e: the header tells the truth', {timeout: 300_000}, () => {
	let dir: string;
	let node: SimFixture | undefined;
	let rig: Rig | undefined;
	const servers: TestServer[] = [];
	const figure = {grpcServersTried: 0, calledV1alpha2Wrongly: 0, slowCallPanes: 0, badImageEndpoints: 0, disconnectedShown: 0};

	before(async () => {
		dir = mkdtempSync('/tmp/crisock-e2e-truth-');
		node = await startFixture({dir});
	});
	after(async () => {
		killAllRigs();
		await node?.stop();
		for (const s of servers) await s.close();
		rmSync(dir, {recursive: true, force: true});
		recordFigure('header-truth-tmux', figure);
	});
	afterEach(() => {
		node?.sim.faults.clear();
		rig?.kill();
		rig = undefined;
	});

	test('no runtime.v1: "v1alpha2" only for a server that offers v1alpha2; anything else is "not a CRI runtime"', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['/runtime.v1alpha2.RuntimeService/Version', '/runtime.v1alpha2.ImageService/ListImages'], /only offers an older CRI version \(v1alpha2\).*upgrade the runtime/],
			[['/grpc.health.v1.Health/Check'], /is not a CRI runtime \(runtime\.v1 RuntimeService unimplemented, and no v1alpha2 either\)/],
		];
		for (const [[...paths], said] of cases) {
			const server = await startRawGrpcServer(path.join(dir, `grpc-${servers.length}.sock`), paths);
			servers.push(server);
			rig = await startRig({args: ['-r', `unix://${server.path}`], ...wide});
			const state = await rig.exitStatus(30_000);
			const lines = printed(state.screen);
			figure.grpcServersTried++;
			if (!paths[0]!.includes('v1alpha2') && /v1alpha2 only|older CRI/.test(state.screen)) figure.calledV1alpha2Wrongly++;
			assert.equal(lines.length, 1, `one sentence:\n${state.screen}`);
			assert.ok(lines[0]!.includes(server.path), 'it names the socket');
			assert.match(lines[0]!, said);
			assert.deepEqual([state.exitCode, state.alternateScreen, state.echo, state.canonical], [1, false, true, true]);
			rig.kill();
		}
	});

	test('ListContainers past its deadline: the containers pane names it; header, pods and images stay live', async () => {
		const pods = await node!.pods();
		rig = await startRig({args: ['-r', node!.endpoint, '-t', '4s'], ...wide});
		await rig.waitFor(s => pods.every(p => s.includes(shortId(p.id))), 30_000);
		node!.sim.faults.delayMs('ListContainers', 15_000);
		node!.sim.faults.delayMs('StreamContainers', 15_000);
		await rig.sendKeys('2');
		const screen = await rig.waitFor(/(ListContainers|StreamContainers) timed out after 4s/, 40_000);
		figure.slowCallPanes++;
		if (/disconnected/.test(screen)) figure.disconnectedShown++;
		assert.doesNotMatch(screen, /disconnected/);
		assert.match(screen.split('\n')[0]!, /^crisock-tui containerd /);
		assert.match(screen.split('\n')[1]!, /RuntimeReady ✓/);
		await rig.sendKeys('1');
		// The pods table (its first column is POD ID; the containers table also names pod IDs).
		const podsScreen = await rig.waitFor(s => /^POD ID\s+CREATED/m.test(s) && pods.every(p => s.includes(shortId(p.id))));
		assert.doesNotMatch(podsScreen, /timed out|disconnected/);
		await rig.sendKeys('3');
		assert.doesNotMatch(await rig.waitFor(/^IMAGE\S*\s+TAG\s+IMAGE ID/m), /timed out|disconnected/);
		await rig.sendKeys('q');
		assert.equal((await rig.exitStatus()).exitCode, 0);
	});

	test('-i naming a regular file, then a gRPC socket with no image service: the header and the images pane say so, naming it; pods and containers live', async () => {
		const file = path.join(dir, 'images-not-a-socket');
		writeFileSync(file, 'x');
		const noImages = await startRawGrpcServer(path.join(dir, 'health.sock'), ['/grpc.health.v1.Health/Check']);
		servers.push(noImages);
		const pods = await node!.pods();
		const cases = [
			[file, `the image endpoint ${file} is a regular file, not a unix socket: point --image-endpoint (-i)`],
			[noImages.path, `the image endpoint ${noImages.path} offers no CRI image service (runtime.v1 ImageService unimplemented): fix --image-endpoint (-i)`],
		] as const;
		for (const [imageEndpoint, said] of cases) {
			rig = await startRig({args: ['-r', node!.endpoint, '-i', `unix://${imageEndpoint}`], ...wide});
			const first = await rig.waitFor(s => s.includes(said) && pods.every(p => s.includes(shortId(p.id))), 30_000);
			figure.badImageEndpoints++;
			if (/disconnected/.test(first)) figure.disconnectedShown++;
			assert.doesNotMatch(first, /disconnected/);
			assert.match(first.split('\n')[1]!, /^images: the image endpoint/);
			await rig.sendKeys('2');
			await rig.waitFor(/^CONTAINER\s+IMAGE[\s\S]*Running/m);
			await rig.sendKeys('3');
			await rig.waitFor(s => s.split('\n').slice(3).join('\n').includes(said));
			assert.doesNotMatch(await rig.screen(), /disconnected/);
			await rig.sendKeys('q');
			assert.equal((await rig.exitStatus()).exitCode, 0);
			rig.kill();
		}
	});
});
