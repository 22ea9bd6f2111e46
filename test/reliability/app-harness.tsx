// The real <App> (ink-testing-library) against a real CRI server over gRPC (the simulated node,
// or any server a test writes), with a client wrapper that counts calls in flight per method, so
// tests see both what the screen says and what the runtime was asked.
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/ui/app.js';
import {startSimNode, type SimNode, type SimOptions} from '../../source/sim/index.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {keyGap, waitFor} from '../support/wait.js';

export const KEY = {escape: '\u001B', enter: '\r', ctrlC: '\u0003', ctrlD: '\u0004', down: '\u001B[B'} as const;

/** Calls in flight per client method, the most ever in flight at once, how many started, and the
 * arguments of every call to a method that changes the node. */
export type Flight = {now: Record<string, number>; max: Record<string, number>; started: Record<string, number>; mutations: Array<{method: string; args: unknown[]}>};

/** Client methods that change the node (or run a process in it). */
export const MUTATING_METHODS = new Set(['stopContainer', 'stopPodSandbox', 'removeContainer', 'removePodSandbox', 'removeImage', 'execSync', 'exec']);
/** The same, as RPC names counted by the simulated node. */
export const MUTATING_RPCS = ['StopContainer', 'StopPodSandbox', 'RemoveContainer', 'RemovePodSandbox', 'RemoveImage', 'Exec', 'ExecSync', 'CreateContainer', 'RunPodSandbox', 'StartContainer', 'Attach', 'PortForward', 'PullImage', 'UpdateContainerResources', 'ReopenContainerLog'];

/** A client whose every promise-returning method is counted in `flight`. */
export function countingClient(client: CriClient, flight: Flight): CriClient {
	return new Proxy(client, {
		get(target, property, receiver) {
			const value = Reflect.get(target, property, receiver) as unknown;
			if (typeof value !== 'function' || typeof property !== 'string') return value;
			return (...args: unknown[]) => {
				if (MUTATING_METHODS.has(property)) flight.mutations.push({method: property, args});
				const result = (value as (...a: unknown[]) => unknown).apply(target, args);
				if (!(result instanceof Promise)) return result;
				flight.started[property] = (flight.started[property] ?? 0) + 1;
				flight.now[property] = (flight.now[property] ?? 0) + 1;
				flight.max[property] = Math.max(flight.max[property] ?? 0, flight.now[property]);
				const done = () => {
					flight.now[property]--;
				};
				result.then(done, done);
				return result;
			};
		},
	});
}

export type Matcher = string | RegExp | ((frame: string) => boolean);

export type AppScreen = {
	flight: Flight;
	/** Clients made by the app (one per connection attempt). */
	clients: CriClient[];
	/** The last frame ink painted. */
	frame(): string;
	/** Types into the app's stdin, a little apart so each key is its own read. */
	press(...keys: string[]): Promise<void>;
	/** Polls the last frame until it matches; rejects showing the frame. */
	waitFor(match: Matcher, timeoutMs?: number): Promise<string>;
	unmount(): void;
};

export type AppScreenOptions = {
	/** Deadline of every call (headroom for a busy machine: a missed deadline reads as a lost runtime). @default 5000 */
	timeoutMs?: number;
	/** Read-only client AND app. @default false */
	readOnly?: boolean;
	/** More App props (size, intervalMs, ...). */
	app?: Partial<AppProps>;
};

const toTest = (match: Matcher) =>
	typeof match === 'string' ? (f: string) => f.includes(match) : match instanceof RegExp ? (f: string) => match.test(f) : match;

/** Renders the App on `socketPath` with real clients (120x30, refresh every 200 ms unless told). */
export function renderApp(socketPath: string, options: AppScreenOptions = {}): AppScreen {
	const flight: Flight = {now: {}, max: {}, started: {}, mutations: []};
	const clients: CriClient[] = [];
	const connect = (runtimeEndpoint: string, imageEndpoint: string) => {
		const client = createCriClient({runtimeEndpoint, imageEndpoint, timeoutMs: options.timeoutMs ?? 5000, readOnly: options.readOnly});
		clients.push(client);
		return countingClient(client, flight);
	};
	const app = render(
		<App connect={connect} runtimeEndpoint={socketPath} intervalMs={200} size={{columns: 120, rows: 30}} readOnly={options.readOnly} {...options.app} />,
	);
	const frame = () => app.lastFrame() ?? '';
	return {
		flight, clients, frame,
		async waitFor(match, timeoutMs = 10_000) {
			const test = toTest(match);
			return waitFor(() => (test(frame()) ? frame() : undefined), {timeoutMs, intervalMs: 15, what: () => `${String(match)}; last frame:\n${frame()}`});
		},
		async press(...keys) {
			for (const key of keys) {
				app.stdin.write(key);
				await keyGap(40);
			}
		},
		unmount() {
			app.unmount();
			for (const c of clients) c.close();
		},
	};
}

export type AppHarness = AppScreen & {
	/** The node serving the socket now (or last, once stopped). */
	readonly sim: SimNode;
	socketPath: string;
	dir: string;
	/** Stops the current node (if running) and starts another on the same socket. */
	startSim(options?: Partial<SimOptions>): Promise<SimNode>;
	/** Stops the current node: the socket disappears, as when the runtime dies. */
	stopSim(): Promise<void>;
	stop(): Promise<void>;
};

/** A simulated node (seed 5, 12 containers, no life ticks) and the App on it. */
export async function startAppHarness(options: AppScreenOptions & {sim?: Partial<SimOptions>} = {}): Promise<AppHarness> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-rel-'));
	const socketPath = path.join(dir, 'cri.sock');
	const base: SimOptions = {socketPath, logRoot: path.join(dir, 'logs'), tickMs: 0, seed: 5, containers: 12, ...options.sim};
	let running: SimNode | undefined = await startSimNode(base);
	let last: SimNode = running;
	const screen = renderApp(socketPath, options);
	const stopSim = async () => {
		const current = running;
		running = undefined;
		await current?.stop();
	};
	return {
		...screen,
		get sim() {
			return last;
		},
		socketPath, dir, stopSim,
		async startSim(more = {}) {
			await stopSim();
			running = await startSimNode({...base, ...more});
			last = running;
			return running;
		},
		async stop() {
			screen.unmount();
			await stopSim();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** The 13-character short ID crictl prints. */
export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 13);

export const stripSgr = (text: string) => text.replace(/\u001B\[[0-9;:]*m/g, '');

/** The selected table row (inverse video, holding a short ID) as plain text, or undefined. */
export function selectedRow(frame: string): string | undefined {
	const line = frame.split('\n').find(l => /\u001B\[(?:[0-9;]*;)?7m/.test(l) && /\b[0-9a-f]{13}\b/.test(stripSgr(l)));
	return line === undefined ? undefined : stripSgr(line);
}

/** The first table row (holding a short ID) as plain text, or undefined. */
export function firstRow(frame: string): string | undefined {
	const line = frame.split('\n').find(l => /\b[0-9a-f]{13}\b/.test(stripSgr(l)));
	return line === undefined ? undefined : stripSgr(line);
}

/** What a crash or an ink error overview would put on screen. */
export const CRASH_TEXT = /\n\s+at .+:\d+:\d+|\bTypeError\b|\bReferenceError\b|\bERROR\b|node_modules|Unhandled/;
