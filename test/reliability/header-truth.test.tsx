// The header tells the truth (issue 9), on the real <App> over real gRPC: "disconnected" only when
// the runtime's socket is really gone; a call past its deadline is named in its own pane while the
// rest stays live; a bad image endpoint (-i) is a sentence naming it, with the other panes live.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {renderApp, startAppHarness, shortId, stripSgr, type AppHarness, type AppScreen} from './app-harness.js';
import {recordFigure} from './figures.js';
import {waitFor} from '../support/wait.js';
import {startRawGrpcServer, type TestServer} from '../wire/cri-test-server.js';
import {createCriClient} from '../../source/wire/cri-client.js';

const BANNER = /disconnected/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the header tells the truth', {timeout: 240_000}, () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-truth-'));
	const harnesses: AppHarness[] = [];
	const screens: AppScreen[] = [];
	const servers: TestServer[] = [];
	const figure = {deadlinePanes: 0, otherPanesLive: 0, badImageEndpoints: 0, imageSentencesNamingEndpoint: 0, disconnectedBannersShown: 0};
	after(async () => {
		for (const s of screens) s.unmount();
		for (const h of harnesses) await h.stop();
		for (const s of servers) await s.close();
		rmSync(dir, {recursive: true, force: true});
		recordFigure('header-truth', figure);
	});

	const podIds = async (socketPath: string) => {
		const client = createCriClient({runtimeEndpoint: socketPath, timeoutMs: 5000});
		try {
			return (await client.listPodSandbox()).items.map(p => shortId(p.id));
		} finally {
			client.close();
		}
	};

	test('ListContainers past its 2 s deadline: its pane says "ListContainers timed out after 2s"; header and pods stay live', async () => {
		const h = await startAppHarness({timeoutMs: 2000});
		harnesses.push(h);
		const ids = await podIds(h.socketPath);
		await h.waitFor(f => ids.every(id => f.includes(id)), 15_000);
		h.sim.faults.delayMs('ListContainers', 6000);
		await h.press('2');
		const containers = stripSgr(await h.waitFor(f => /ListContainers timed out after 2s/.test(stripSgr(f)), 20_000));
		figure.deadlinePanes++;
		if (BANNER.test(containers)) figure.disconnectedBannersShown++;
		assert.doesNotMatch(containers, BANNER, `one slow call is not a lost connection:\n${containers}`);
		assert.match(containers.split('\n')[0]!, /^crisock-tui containerd /, 'the header still names the runtime');
		assert.match(containers.split('\n')[1]!, /RuntimeReady ✓/, 'and its conditions');

		// The pods pane is live: it has no error, and ListPodSandbox keeps being answered meanwhile.
		await h.press('1');
		// The pods table itself (the containers table names pod IDs too).
		const pods = stripSgr(await h.waitFor(f => /^POD ID\s+CREATED/m.test(stripSgr(f)) && ids.every(id => f.includes(id))));
		assert.doesNotMatch(pods, /timed out|disconnected/);
		const served = h.sim.calls.ListPodSandbox ?? 0;
		await waitFor(() => (h.sim.calls.ListPodSandbox ?? 0) >= served + 3, {timeoutMs: 20_000, what: 'three more ListPodSandbox answered while ListContainers hangs'});
		figure.otherPanesLive++;

		// Answering again in time: the sentence goes.
		h.sim.faults.clear();
		await h.press('2');
		await h.waitFor(f => !/timed out/.test(f) && /CONTAINER\s+IMAGE/.test(f), 20_000);
	});

	test('a bad -i (a regular file, a missing path, a gRPC socket with no image service): a sentence naming it; no "disconnected"; pods and containers live', async () => {
		const h = await startAppHarness();
		harnesses.push(h);
		const ids = await podIds(h.socketPath);
		const file = path.join(dir, 'images-file');
		writeFileSync(file, 'not a socket');
		const noImages = await startRawGrpcServer(path.join(dir, 'health.sock'), ['/grpc.health.v1.Health/Check']);
		servers.push(noImages);
		const cases: Array<[string, RegExp]> = [
			[file, new RegExp(`the image endpoint ${escape(file)} is a regular file, not a unix socket`)],
			[path.join(dir, 'missing.sock'), new RegExp(`no image service socket at ${escape(path.join(dir, 'missing.sock'))} \\(the image endpoint\\)`)],
			[noImages.path, new RegExp(`the image endpoint ${escape(noImages.path)} offers no CRI image service`)],
		];
		for (const [imageEndpoint, said] of cases) {
			const screen = renderApp(h.socketPath, {app: {imageEndpoint, size: {columns: 400, rows: 30}}});
			screens.push(screen);
			figure.badImageEndpoints++;
			// The first screen (pods) already says it, in the header, and lists the pods.
			const first = stripSgr(await screen.waitFor(f => said.test(stripSgr(f)) && ids.every(id => f.includes(id)), 20_000));
			assert.match(first.split('\n')[1]!, /^images: /, `the header's second line names the image endpoint:\n${first}`);
			if (BANNER.test(first)) figure.disconnectedBannersShown++;
			assert.doesNotMatch(first, BANNER, `a bad image endpoint is not a lost runtime:\n${first}`);
			await screen.press('3');
			// The images pane says it too (below the header and the tabs).
			await screen.waitFor(f => said.test(stripSgr(f).split('\n').slice(3).join('\n')));
			figure.imageSentencesNamingEndpoint++;
			await screen.press('2');
			await screen.waitFor(f => /CONTAINER\s+IMAGE/.test(f) && /Running/.test(f));
			assert.doesNotMatch(screen.frame(), BANNER);
			screen.unmount();
		}
	});
});
