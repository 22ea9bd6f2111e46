// Connect before the dashboard loads: Version, Status and the three lists go
// out together, and the CLI lets the event loop turn until Version has answered
// (the channel is up, every first call written) before it evaluates ink and
// React, so the runtime answers on the other core meanwhile. Answers in hand
// when the UI is ready seed the first frame (seed()); the dashboard's first
// connect() takes this client, and the poller's first calls (unfiltered, not
// verbose) take these answers. A failure reaches the poller exactly as a fresh
// call's would.
import type {NodeDataAction, PartPayload} from './state/node-data.js';
import type {CriClient} from './wire/cri-client.js';
import {CriError} from './wire/errors.js';

export type Connect = (runtime: string, image: string) => CriClient;

export type WarmStart = {
	/** Hands out the warm client on its first call for (runtime, image). */
	connect: Connect;
	/** Resolves once Version has answered or failed, or after `capMs`: a sick runtime cannot hold start-up. */
	connected(capMs: number): Promise<void>;
	/**
	 * Resolves once every early call has answered or failed, or after `answeredMs` (Version has
	 * answered: the lists are on their way) or `silentMs` (it has not: the runtime is slow or sick).
	 */
	settled(caps: {answeredMs: number; silentMs: number}): Promise<void>;
	/** The answers in hand now, as the poller would dispatch them (none unless Version answered). */
	seed(): NodeDataAction[];
};

type Early<T> = {
	/** The first later call takes the early answer; an early call that failed (e.g. its deadline passed during the first render) is asked again. */
	take: () => Promise<T>;
	done: Promise<unknown>;
	value?: T;
};

function early<T>(call: () => Promise<T>): Early<T> {
	let first: Promise<T> | undefined = call();
	const e: Early<T> = {
		done: first.then(v => {
			e.value = v;
		}, () => undefined),
		take() {
			if (!first) return call();
			const answer = first;
			first = undefined;
			return answer.catch(() => call());
		},
	};
	return e;
}

/** `promise` settled or `ms` passed, whichever is first (the timer does not hold the process). */
function within(promise: Promise<unknown>, ms: number): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(resolve, ms);
		void promise.finally(() => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** `connect`, whose first call for (runtime, image) answers the client already started here. */
export function warmConnect(connect: Connect, runtime: string, image: string, warmUp: boolean): WarmStart {
	if (!warmUp) return {connect, connected: async () => undefined, settled: async () => undefined, seed: () => []};
	const sentAt = Date.now();
	const client = connect(runtime, image);
	// Evaluating the UI blocks the event loop; on a machine that busy (load 20 on 2 cores) the
	// deadline can fire before the waiting answer is read. A deadline here is asked once more,
	// with the loop free; any other failure reaches the poller as it is.
	const versionAnswer = client.version().catch((error: unknown) => {
		if (error instanceof CriError && error.code === 'deadline') return client.version();
		throw error;
	});
	const version: {done: Promise<unknown>; value?: Awaited<typeof versionAnswer>} = {
		done: versionAnswer.then(v => {
			version.value = v;
		}, () => undefined),
	};
	const status = early(async () => client.status(false));
	const pods = early(async () => client.listPodSandbox());
	const containers = early(async () => client.listContainers());
	const images = early(async () => client.listImages());
	let warm: CriClient | undefined = {
		...client,
		version: async () => versionAnswer,
		status: async verbose => (verbose ? client.status(verbose) : status.take()),
		listPodSandbox: async filter => (filter ? client.listPodSandbox(filter) : pods.take()),
		listContainers: async filter => (filter ? client.listContainers(filter) : containers.take()),
		listImages: async () => images.take(),
	};
	const all = Promise.all([version.done, status.done, pods.done, containers.done, images.done]);

	return {
		connect(r, i) {
			const given = warm;
			warm = undefined;
			if (given && r === runtime && i === image) return given;
			given?.close();
			return connect(r, i);
		},
		connected: async capMs => within(version.done, capMs),
		settled: async ({answeredMs, silentMs}) => within(all, version.value ? answeredMs : silentMs),
		seed() {
			if (!version.value) return [];
			const at = Date.now();
			const loaded = (payload: PartPayload): NodeDataAction => ({type: 'part-loaded', payload, at, sentAt});
			const actions: NodeDataAction[] = [{type: 'connected', version: version.value}];
			if (status.value) actions.push(loaded({part: 'status', value: status.value}));
			if (pods.value) actions.push(loaded({part: 'pods', value: pods.value.items, truncated: pods.value.truncated}));
			if (containers.value) actions.push(loaded({part: 'containers', value: containers.value.items, truncated: containers.value.truncated}));
			if (images.value) actions.push(loaded({part: 'images', value: images.value.items, truncated: images.value.truncated}));
			return actions;
		},
	};
}
