// The refresh loop, apart from React so it can be tested with a fake client and
// fake timers. One connection at a time; Version once per connection; every part
// polled in parallel with at most one request in flight per part (a slow part
// skips ticks instead of piling up calls on a sick runtime).
import type {CriClient} from '../wire/cri-client.js';
import {CriError} from '../wire/errors.js';
import type {VersionResponse} from '../model/cri-types.js';
import {parts, type NodeDataAction, type Part, type PartPayload} from './node-data.js';

export type ConnectFn = (runtimeEndpoint: string, imageEndpoint: string) => CriClient;

export type Timers = {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

export type PollerOptions = {
	connect: ConnectFn;
	runtimeEndpoint: string;
	imageEndpoint: string;
	/** Refresh period, ms. @default 2000 */
	intervalMs?: number;
	dispatch: (action: NodeDataAction) => void;
	/** Called once if the very first connection fails with a connection-level error; polling then stops. */
	onFatal?: (error: Error) => void;
	now?: () => number;
	timers?: Timers;
};

/**
 * Delays between reconnect attempts, ms; the last repeats. Capped at 1 s so data
 * is fresh within 2 s of the socket returning (a 2 s cap measured 1.9–2.1 s:
 * the wait alone could use up the promise).
 */
export const reconnectDelays = [250, 500, 1000] as const;

const connectionCodes = new Set(['unavailable', 'deadline', 'permission', 'not-socket', 'not-grpc', 'wrong-api']);

/** True when the error means the runtime is unreachable rather than one RPC being refused. */
export function isConnectionError(error: unknown): boolean {
	return error instanceof CriError && connectionCodes.has(error.code);
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`);

/**
 * What a part's failed call means. The connection is lost only when the runtime's own socket is
 * unreachable: a call past its deadline is that call's (its pane says so; the others stay live),
 * and a separate image socket that fails is the images pane's sentence, naming that socket.
 */
export function partFailure(error: unknown, part: Part, client: Pick<CriClient, 'runtimeEndpoint' | 'imageEndpoint'>, runtimeName?: string): {lost: boolean; message: string} {
	if (!(error instanceof CriError)) return {lost: false, message: messageOf(error)};
	const ownImageSocket = part === 'images' && client.imageEndpoint !== client.runtimeEndpoint && error.endpoint === client.imageEndpoint;
	if (ownImageSocket) return {lost: false, message: error.message};
	if (error.code === 'deadline') {
		const after = error.timeoutMs === undefined ? '' : ` after ${seconds(error.timeoutMs)}`;
		return {lost: false, message: `${error.rpc} timed out${after} (asked again at the next refresh; -t raises the deadline)`};
	}
	if (isConnectionError(error)) return {lost: true, message: error.message};
	if (error.code === 'unimplemented' && !/offers no CRI image service/.test(error.message)) return {lost: false, message: `not supported by ${runtimeName || 'this runtime'}`};
	return {lost: false, message: error.message};
}

export type Poller = {
	/** The client of the current connection (null between a loss and the next attempt). */
	readonly client: CriClient | null;
	readonly version: VersionResponse | null;
	/** Poll every part now, or only `only` (those in flight are asked again when they land). */
	refresh(only?: readonly Part[]): void;
	/**
	 * Change the refresh period (an event stream drives refresh: poll slowly).
	 * Shorter than before polls at once (the stream broke: catch up now);
	 * longer counts from now. Reconnect attempts keep their own delays.
	 */
	setIntervalMs(ms: number): void;
	dispose(): void;
};

export function startPoller(options: PollerOptions): Poller {
	const {connect, dispatch, runtimeEndpoint, imageEndpoint} = options;
	let intervalMs = options.intervalMs ?? 2000;
	const now = options.now ?? Date.now;
	const timers: Timers = options.timers ?? {
		setTimeout: (fn, ms) => setTimeout(fn, ms),
		clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
	};

	let client: CriClient | null = null;
	let version: VersionResponse | null = null;
	// Bumped on every new connection and on dispose: answers of older ones are ignored.
	let generation = 0;
	let disposed = false;
	let everConnected = false;
	let failures = 0;
	let timer: unknown;
	// True while the pending timer is the refresh loop's (not a reconnect attempt).
	let looping = false;
	const inFlight = new Set<Part>();

	const schedule = (fn: () => void, ms: number) => {
		if (timer !== undefined) timers.clearTimeout(timer);
		looping = fn === loop;
		timer = timers.setTimeout(() => {
			timer = undefined;
			fn();
		}, ms);
	};

	const fetchPart = async (c: CriClient, part: Part): Promise<PartPayload> => {
		switch (part) {
			case 'status': {
				return {part, value: await c.status(false)};
			}

			case 'pods': {
				const r = await c.listPodSandbox();
				return {part, value: r.items, truncated: r.truncated};
			}

			case 'containers': {
				const r = await c.listContainers();
				return {part, value: r.items, truncated: r.truncated};
			}

			case 'images': {
				const r = await c.listImages();
				return {part, value: r.items, truncated: r.truncated};
			}
		}
	};

	const lose = (gen: number, error: unknown) => {
		if (gen !== generation || disposed) return;
		generation++;
		inFlight.clear();
		again.clear();
		client?.close();
		client = null;
		const delay = reconnectDelays[Math.min(failures, reconnectDelays.length - 1)];
		failures++;
		dispatch({type: 'connection-lost', message: messageOf(error), at: now()});
		schedule(open, delay);
	};

	// Parts asked for again while their call was in flight (a refresh after a change the answer
	// on its way may predate): fetched once more when it lands, instead of the ask being lost.
	const again = new Set<Part>();

	const fetchOne = (c: CriClient, gen: number, part: Part) => {
		inFlight.add(part);
		// When it was asked for: event patches learnt after this are laid over the answer (node-data.ts).
		const sentAt = now();
		const settle = () => {
			inFlight.delete(part);
			if (again.delete(part) && client === c) fetchOne(c, gen, part);
		};
		fetchPart(c, part).then(
			payload => {
				if (gen !== generation) return;
				dispatch({type: 'part-loaded', payload, at: now(), sentAt});
				settle();
			},
			(error: unknown) => {
				if (gen !== generation) return;
				const failure = partFailure(error, part, c, version?.runtimeName);
				if (failure.lost) {
					inFlight.delete(part);
					lose(gen, error);
					return;
				}

				dispatch({type: 'part-failed', part, message: failure.message});
				settle();
			},
		);
	};

	/** Every part (or `only` these) not in flight; `asked` (a refresh): those in flight again once they land. */
	const tick = (asked = false, only: readonly Part[] = parts) => {
		const c = client;
		const gen = generation;
		if (!c || disposed) return;
		for (const part of only) {
			if (!inFlight.has(part)) fetchOne(c, gen, part);
			else if (asked) again.add(part);
		}
	};

	const loop = () => {
		tick();
		schedule(loop, intervalMs);
	};

	function open() {
		if (disposed) return;
		if (failures > 0) dispatch({type: 'retrying'});
		const gen = ++generation;
		try {
			client = connect(runtimeEndpoint, imageEndpoint);
		} catch (error) {
			handleOpenFailure(gen, error);
			return;
		}

		client.version().then(
			v => {
				if (gen !== generation || disposed) return;
				version = v;
				everConnected = true;
				failures = 0;
				dispatch({type: 'connected', version: v});
				loop();
			},
			(error: unknown) => handleOpenFailure(gen, error),
		);
	}

	function handleOpenFailure(gen: number, error: unknown) {
		if (gen !== generation || disposed) return;
		if (!everConnected && failures === 0 && options.onFatal) {
			disposed = true;
			client?.close();
			client = null;
			options.onFatal(error instanceof Error ? error : new Error(String(error)));
			return;
		}

		lose(gen, error);
	}

	open();

	return {
		get client() {
			return client;
		},
		get version() {
			return version;
		},
		refresh(only) {
			if (client && !disposed) tick(true, only);
		},
		setIntervalMs(ms) {
			if (ms === intervalMs) return;
			const sooner = ms < intervalMs;
			intervalMs = ms;
			if (!looping || !client || disposed) return;
			if (sooner) loop();
			else schedule(loop, intervalMs);
		},
		dispose() {
			disposed = true;
			generation++;
			if (timer !== undefined) timers.clearTimeout(timer);
			client?.close();
			client = null;
		},
	};
}
