// The simulated node as the kubelet would have left it when the sim starts: images, the story's
// workloads (crash loops, OOM kills, finished jobs already in their history), synthetic ones up
// to the container count, and the hostile pod. Draws only from the model's seeded generator.
import {hostileText} from './hostile.js';
import type {SimImage} from './model-types.js';
import type {SimModel} from './model.js';
import {baseImages, k8sSuffix, storyWorkloads, syntheticImage, syntheticWorkload, type WorkloadSeed} from './seed-data.js';

const sec = 1_000_000_000n;

/** Fills a new node: the flavour's pause image, the base and synthetic images, the story's workloads and more up to `containers`, the hostile pod if asked. */
export function populate(model: SimModel) {
	const target = Math.max(0, model.options.containers);
	const now = model.now();
	model.addImage(model.spec.pauseImage, 301_463 + model.rng.int(0, 4000));
	for (const seed of Object.values(baseImages)) model.addImage(seed.ref, seed.size + model.rng.int(0, 9000));
	const wantImages = Math.max(5, Math.round(target / 20));
	const synthetic: SimImage[] = [];
	for (let i = model.images.size; i < wantImages; i++) {
		const seed = syntheticImage(model.rng, i);
		synthetic.push(model.addImage(seed.ref, seed.size));
	}
	if (model.options.hostile) {
		model.addImage(`docker.io/evil/${hostileText('emoji')}-${hostileText('csi-red')}:latest`, 666_000);
		model.addImage(`ghcr.io/${hostileText('rtl-override')}/app:1`, 1_234_567);
	}
	let count = 0;
	let index = 0;
	while (count < target) {
		const workload = index < storyWorkloads.length
			? storyWorkloads[index]
			: synthetic.length > 0 ? syntheticWorkload(model.rng, model.rng.pick(synthetic).ref) : storyWorkloads[index % storyWorkloads.length];
		const budget = target - count;
		count += seedPod(model, workload, now - BigInt(model.rng.int(600, 30 * 86_400)) * sec - BigInt(model.rng.int(0, 999_999_999)), budget);
		index++;
	}
	if (model.options.hostile) seedHostilePod(model, now);
}

/** The pod name its controller would give a new pod of `workload`. */
export function podName(model: SimModel, workload: WorkloadSeed): string {
	switch (workload.kind) {
		case 'Deployment': return `${workload.name}-${k8sSuffix(model.rng, 10)}-${k8sSuffix(model.rng, 5)}`;
		case 'DaemonSet': return `${workload.name}-${k8sSuffix(model.rng, 5)}`;
		case 'StatefulSet': return `${workload.name}-${model.rng.int(0, 2)}`;
		case 'Job': return `${workload.name}-${28_900_000 + model.jobSerial++}-${k8sSuffix(model.rng, 5)}`;
		default: return `${workload.name}-node-1`;
	}
}

/** Creates a pod and up to `budget` of its containers as the kubelet would have; returns how many containers. */
function seedPod(model: SimModel, workload: WorkloadSeed, createdAt: bigint, budget: number, name = podName(model, workload)): number {
	const pod = model.createPod(workload, name, createdAt);
	let made = 0;
	let at = createdAt + sec + BigInt(model.rng.int(0, 999_999_999));
	for (const seed of workload.containers) {
		if (made >= budget) break;
		const image = model.imageByRef.get(seed.image) ?? model.imageByRef.get(baseImages[seed.image]?.ref ?? '') ?? model.addImage(seed.image, 10_000_000);
		const container = model.createContainer(pod, seed.name, 0, image, seed.behaviour, at, seed.cpuMilli, seed.memMiB);
		made++;
		at += BigInt(model.rng.int(1, 3)) * sec + BigInt(model.rng.int(0, 999_999_999));
		if (seed.behaviour === 'init' || (seed.behaviour === 'job' && pod.workload.kind === 'Job')) {
			model.finish(container, at, 0, 'Completed', false);
			if (seed.behaviour === 'job') pod.state = 'SANDBOX_NOTREADY';
		} else if (seed.behaviour === 'oom') {
			model.finish(container, at + 3600n * sec, 137, 'OOMKilled', false);
			if (made < budget) {
				model.createContainer(pod, seed.name, 1, image, 'steady', at + 3601n * sec, seed.cpuMilli, seed.memMiB);
				made++;
			}
		} else if (seed.behaviour === 'crashloop') {
			// Attempt 3 died; attempt 4 runs until its next crash.
			model.finish(container, at, 1, 'Error', false);
			container.attempt = 3;
			container.logPath = `${seed.name}/3.log`;
			container.annotations['io.kubernetes.container.restartCount'] = '3';
			if (made < budget) {
				const next = model.createContainer(pod, seed.name, 4, image, 'crashloop', at + 20n * sec, seed.cpuMilli, seed.memMiB);
				next.countdown = 2;
				made++;
			}
		}
	}
	return made;
}

function seedHostilePod(model: SimModel, now: bigint) {
	const workload: WorkloadSeed = {namespace: `evil-${hostileText('csi-clear')}`, name: `pwn${hostileText('osc0-title')}`, kind: 'static', containers: []};
	const pod = model.createPod(workload, `pwn${hostileText('osc0-title')}${hostileText('csi-red')}`, now - 120n * sec);
	pod.labels['evil.example/clipboard'] = hostileText('osc52-clipboard');
	pod.labels['evil.example/link'] = hostileText('osc8-link');
	pod.annotations['evil.example/long'] = hostileText('long-10k');
	pod.annotations['evil.example/dcs'] = hostileText('dcs');
	pod.annotations['evil.example/c1'] = hostileText('c1-controls');
	const image = [...model.images.values()].find(i => i.ref.startsWith('docker.io/evil/'))!;
	const names = [`rtl-${hostileText('rtl-override')}`, `wide-${hostileText('wide-cjk')}${hostileText('emoji')}`, `zw-${hostileText('zero-width')}${hostileText('c0-controls')}`];
	for (const [i, name] of names.entries()) {
		const c = model.createContainer(pod, name, 0, image, 'steady', now - BigInt(100 - i) * sec, 10, 20);
		c.hostile = true;
		c.labels['evil.example/title'] = hostileText('osc0-title');
		c.annotations['evil.example/long'] = hostileText('long-10k');
	}
}
