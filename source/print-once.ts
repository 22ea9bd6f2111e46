// stdout is not a terminal (`ssh node crisock-tui | less`): the tables of each
// chosen endpoint, read once, as text. One endpoint today; the loop is the
// shape several endpoints will take.
import type {EndpointPlan} from './choose-endpoint.js';
import {endpointUri} from './format/crictl.js';
import {printTables} from './print-tables.js';
import type {CriClient} from './wire/cri-client.js';

/** The text to print; rejects with the first failing call's error. Every client is closed. */
export async function printOnce(endpoints: readonly EndpointPlan[], connect: (runtime: string, image: string) => CriClient, nowMs = Date.now()): Promise<string> {
	let out = '';
	for (const plan of endpoints) {
		if (plan.failed) {
			out += `${out ? '\n' : ''}# ${plan.name ?? plan.runtime}: ${plan.failed}\n`;
			continue;
		}

		const client = connect(plan.runtime, plan.image);
		try {
			const [version, pods, containers, images] = await Promise.all([
				client.version(), client.listPodSandbox(), client.listContainers(), client.listImages(),
			]);
			if (endpoints.length > 1) out += `${out ? '\n' : ''}# ${plan.name ?? endpointUri(plan.runtime)}\n`;
			if (plan.simulated) out += `# simulated node (${plan.origin}): not a real runtime\n`;
			out += printTables({
				version, pods: pods.items, containers: containers.items, images: images.items,
				target: plan.crictl ?? {endpoint: endpointUri(plan.runtime), imageEndpoint: endpointUri(plan.image)},
			}, nowMs);
		} finally {
			client.close();
		}
	}

	return out;
}
