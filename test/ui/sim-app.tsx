// <App> on simulated nodes over real gRPC, for the events tests: each node on its own socket in
// one temp dir, every app and node stopped by close() (call it from after()).
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {render} from 'ink-testing-library';
import {startSimNode, type Flavor, type SimNode} from '../../source/sim/index.js';
import {createCriClient} from '../../source/wire/cri-client.js';
import {App, type AppProps} from '../../source/ui/app.js';

/** Container list calls at the server: containerd 1.7 lists through StreamContainers, older runtimes ListContainers. */
export const listCalls = (sim: SimNode) => (sim.calls.ListContainers ?? 0) + (sim.calls.StreamContainers ?? 0);

export function simApps(prefix: string) {
	const dir = mkdtempSync(path.join(os.tmpdir(), `crisock-${prefix}-`));
	const sims: SimNode[] = [];
	const apps: Array<ReturnType<typeof render>> = [];
	return {
		/** A still node of 9 containers of `flavor` (socket `name`.sock) and the app on it; props as given. */
		async start(flavor: Flavor, props: Partial<AppProps>, name: string = flavor) {
			const socketPath = path.join(dir, `${name}.sock`);
			const sim = await startSimNode({socketPath, flavor, tickMs: 0, containers: 9});
			sims.push(sim);
			const app = render(
				<App
					connect={(runtime, image) => createCriClient({runtimeEndpoint: runtime, imageEndpoint: image, timeoutMs: 5000})}
					runtimeEndpoint={socketPath} {...props}
				/>,
			);
			apps.push(app);
			return {sim, app, socketPath, frame: () => app.lastFrame() ?? ''};
		},
		async close() {
			for (const app of apps) app.unmount();
			await Promise.all(sims.map(async s => s.stop()));
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
