// The simulated node's life, one tick at a time: crash-loopers crash and come back as attempt
// n+1 (the kubelet keeping only the last dead one), jobs finish, new job pods come and old ones go.
import type {ModelEvent, SimContainer} from './model-types.js';
import {podName} from './model-seed.js';
import type {SimModel} from './model.js';
import {baseImages, storyWorkloads} from './seed-data.js';

/** One step of life: crash-loopers crash and come back as attempt n+1, jobs come and go. */
export function tick(model: SimModel): ModelEvent[] {
	const seen: ModelEvent[] = [];
	const off = model.onEvent(e => seen.push(e));
	model.tickCount++;
	const now = model.now();
	for (const container of [...model.containers.values()]) {
		if (container.behaviour === 'crashloop' && container.attempt === latestAttempt(model, container)) stepCrashLoop(model, container, now);
		else if (container.behaviour === 'job' && container.state === 'CONTAINER_RUNNING' && --container.countdown <= 0) {
			model.finish(container, now, 0, 'Completed');
			const pod = model.pods.get(container.podId);
			if (pod) model.setPodState(pod, 'SANDBOX_NOTREADY');
		}
	}
	if (model.options.containers > 0 && model.tickCount % 5 === 0) jobLife(model, now);
	off();
	return seen;
}

function latestAttempt(model: SimModel, container: SimContainer): number {
	let latest = -1;
	for (const c of model.containers.values()) if (c.podId === container.podId && c.name === container.name) latest = Math.max(latest, c.attempt);
	return latest;
}

function stepCrashLoop(model: SimModel, container: SimContainer, now: bigint) {
	const pod = model.pods.get(container.podId);
	if (!pod || pod.state !== 'SANDBOX_READY' || --container.countdown > 0) return;
	if (container.state === 'CONTAINER_RUNNING') {
		container.message = 'panic: dial tcp 10.96.0.10:5432: connect: connection refused';
		model.finish(container, now, 1, 'Error');
		container.countdown = 2; // back-off before the kubelet's next attempt
		return;
	}
	// The kubelet creates attempt n+1 and garbage-collects all but the last dead one.
	for (const old of [...model.containers.values()]) {
		if (old.podId === container.podId && old.name === container.name && old.attempt < container.attempt) model.removeContainer(old.id);
	}
	const next = model.createContainer(pod, container.name, container.attempt + 1, container.image, 'crashloop', now, 80, 160);
	next.countdown = 2;
}

function jobLife(model: SimModel, now: bigint) {
	const job = storyWorkloads.find(w => w.kind === 'Job')!;
	const jobs = [...model.pods.values()].filter(p => p.workload === job);
	// Tear down the oldest finished job pod once more than two are kept (as the Job's history limit does).
	const finished = jobs.filter(p => p.state === 'SANDBOX_NOTREADY');
	if (finished.length >= 2) {
		const oldest = finished.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
		model.removePod(oldest.id);
	}
	const pod = model.createPod(job, podName(model, job), now);
	const c = model.createContainer(pod, 'report', 0, model.imageByRef.get(baseImages.busybox.ref)!, 'job', now + 500_000_000n, 200, 20);
	c.countdown = model.rng.int(1, 3);
}
