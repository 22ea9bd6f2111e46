// Start a simulated node on a private temp socket and a client for it; everything ends in close().
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSimNode, type Flavor, type SimNode, type SimOptions} from '../../source/sim/index.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {waitFor} from '../support/wait.js';

export type Harness = {node: SimNode; client: CriClient; dir: string; close(): Promise<void>};

export async function simHarness(options: Partial<SimOptions> = {}, timeoutMs = 5000): Promise<Harness> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-simtest-'));
	const node = await startSimNode({socketPath: path.join(dir, 'run', 'cri.sock'), logRoot: path.join(dir, 'logs'), tickMs: 0, ...options});
	const client = createCriClient({runtimeEndpoint: `unix://${node.socketPath}`, timeoutMs});
	return {
		node, client, dir,
		async close() {
			client.close();
			await node.stop();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** Waits until `check` gives a truthy value (polling every 20 ms), or fails naming `what`. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what = 'the condition', ms = 15_000): Promise<T> {
	return waitFor(check, {timeoutMs: ms, what}) as Promise<T>;
}

/** The three runtimes the simulated node answers as (runtime-differences.md). */
export const FLAVORS: Flavor[] = ['containerd', 'cri-o', 'cri-dockerd'];

/** Runs `body` on a fresh simulated node of each flavour in turn, each closed after; a failure names its flavour. */
export async function eachFlavor(flavors: Flavor[], body: (h: Harness, flavor: Flavor) => Promise<void>, options: Partial<SimOptions> = {}): Promise<void> {
	for (const flavor of flavors) {
		const h = await simHarness({flavor, ...options});
		try {
			await body(h, flavor);
		} catch (error) {
			(error as Error).message = `[${flavor}] ${(error as Error).message}`;
			throw error;
		} finally {
			await h.close();
		}
	}
}

/** The running container called `name` on the harness's node. */
export const runningNamed = async (h: Harness, name: string) => (await h.client.listContainers()).items.find(c => c.metadata?.name === name && c.state === 'CONTAINER_RUNNING')!;
