// The real containerd testbed with its seeded pods and a client to it, as the dashboard tests on
// it start and stop them (crictl-compare, real-containerd).
import {seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import type {Rig} from '../e2e/tmux-rig.js';

/** Starts the testbed, seeds it and opens a client (10 s deadline); a failed seed stops the testbed. */
export async function startSeededContainerd(): Promise<{tb: Testbed; node: SeededNode; client: CriClient}> {
	const tb = await startContainerd();
	try {
		const node = await seedNode(tb);
		return {tb, node, client: createCriClient({runtimeEndpoint: `unix://${tb.socket}`, timeoutMs: 10_000})};
	} catch (error) {
		await tb.stop();
		throw error;
	}
}

/** Stops the test's rig, the client and the testbed (whichever were started). */
export async function stopSeededContainerd({rig, client, tb}: {rig?: Rig; client?: CriClient; tb?: Testbed}): Promise<void> {
	rig?.kill();
	client?.close();
	await tb?.stop();
}
