// :trace and :health inside the whole app, over real gRPC (the simulated node and the project's
// client), so the trace shows the calls that really crossed the socket.
import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {render} from 'ink-testing-library';
import {startSimNode, type SimNode} from '../../source/sim/index.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import {createCallTrace} from '../../source/wire/trace.js';
import {App} from '../../source/ui/app.js';
import {waitFor as until} from '../support/wait.js';

describe(':trace and :health on the simulated node', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-health-'));
	const socketPath = path.join(dir, 'cri.sock');
	let sim: SimNode | undefined;
	let app: ReturnType<typeof render> | undefined;
	after(async () => {
		app?.unmount();
		await sim?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	test(':trace lists ListContainers with its latency and status; :health puts the crashing container first, its exit explained', async () => {
		sim = await startSimNode({socketPath, flavor: 'containerd', tickMs: 0, containers: 12});
		// The app's clients share a trace of this test's own (as the bin's share the process's), so no
		// other test file's calls in this process show in its :trace.
		const trace = createCallTrace();
		app = render(
			<App
				connect={(runtime, image) => createCriClient({runtimeEndpoint: runtime, imageEndpoint: image, timeoutMs: 5000, trace})}
				runtimeEndpoint={socketPath}
				size={{columns: 160, rows: 40}}
				intervalMs={500}
			/>,
		);
		const frame = () => app!.lastFrame() ?? '';
		const waitFor = (check: (f: string) => boolean, what: string) => until(() => check(frame()), {timeoutMs: 30_000, what: () => `${what}; last screen:\n${frame()}`});
		const type = async (text: string) => {
			for (const ch of text) {
				app!.stdin.write(ch);
				await new Promise(resolve => setImmediate(resolve));
			}
		};

		await waitFor(f => /1 Pods [1-9]/.test(f), 'the pods pane with data');
		await type(':trace');
		await waitFor(f => /:trace/.test(f), 'the typed command');
		app.stdin.write('\r');
		await waitFor(f => /CRI calls/.test(f) && /(ListContainers|StreamContainers)\s+\d+\.\dms\s+OK/.test(f), 'a list call with its ms and OK');
		assert.match(frame(), /Version\s+\d+\.\dms\s+OK/);
		assert.match(frame(), /\$ crictl .*(version|ps -a|pods|images|info)/);
		app.stdin.write('\u001B');
		await waitFor(f => !/CRI calls/.test(f), 'back to the main screen');

		await type(':health');
		app.stdin.write('\r');
		await waitFor(f => /node health/.test(f) && /crash-looping/.test(f) && /last exit 1/.test(f) , 'the health view with the exit codes (ContainerStatus answered)');
		const lines = frame().split('\n');
		const first = lines.findIndex(l => /›/.test(l));
		assert.match(lines[first], /payments-api in payments-api-\S+ is crash-looping \(attempt \d+/, frame());
		assert.match(lines[first + 1], /last exit 1: application error/);
		assert.match(lines[first + 2], /\$ crictl .*logs -p [0-9a-f]{13}/);
		assert.match(frame(), /image filesystem/);
		// q closes the view, as in every other view; H opens it again.
		app.stdin.write('q');
		await waitFor(f => !/node health/.test(f) && /1 Pods/.test(f), 'q back to the main screen');
		app.stdin.write('H');
		await waitFor(f => /node health/.test(f) && /crash-looping/.test(f), 'Shift-H opens the health view');
		app.stdin.write('\r');
		await waitFor(f => /crash triage|triage/i.test(f) && /payments-api/.test(f) && !/node health/.test(f), 'Enter opens the container\'s triage');
	});
});
