// The whole <App> over real gRPC: the simulated node + the project's client.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {render} from 'ink-testing-library';
import {startSimNode, type SimNode} from '../../source/sim/index.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import {App} from '../../source/ui/app.js';

import {waitFor as until} from '../support/wait.js';

let lastScreen = '';

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
	await until(check, {timeoutMs: ms, what: () => `the screen; last one:\n${lastScreen}`});
}

describe('App against the simulated node', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-ui-sim-'));
	const socketPath = path.join(dir, 'cri.sock');
	let sim: SimNode;
	after(async () => {
		await sim?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	test('live panes, stop through the confirmation, and recovery after a restart', async () => {
		sim = await startSimNode({socketPath, flavor: 'cri-dockerd', tickMs: 0, containers: 12});
		const app = render(
			<App
				connect={(runtime, image) => createCriClient({runtimeEndpoint: runtime, imageEndpoint: image, timeoutMs: 5000})}
				runtimeEndpoint={socketPath}
				size={{columns: 100, rows: 30}}
				intervalMs={200}
			/>,
		);
		const frame = () => {
			lastScreen = app.lastFrame() ?? '';
			return lastScreen;
		};
		try {
			await waitFor(() => /1 Pods [1-9]/.test(frame()));
			assert.match(frame(), /docker 20\.10/);
			app.stdin.write('2');
			await waitFor(() => /Running/.test(frame()));
			// Filter to running ones so the first row can be stopped.
			app.stdin.write('a');
			await waitFor(() => /crictl .* ps(?! -a)/.test(frame()));
			app.stdin.write('x');
			await waitFor(() => /Stop container/.test(frame()));
			const id = /ID: ([0-9a-f]{64})/.exec(frame())?.[1];
			assert.ok(id, frame());
			app.stdin.write('y');
			await waitFor(() => /stopped container/.test(frame()));
			assert.ok((sim.calls.StopContainer ?? 0) >= 1);

			await sim.restart();
			// The node came back: fresh data (within ~2 s of the socket returning at low load; the ceiling allows a busy machine).
			await waitFor(() => !/disconnected/.test(frame()) && /refreshed/.test(frame()));
		} finally {
			app.unmount();
		}
	});
});
