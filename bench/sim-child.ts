// The bench's handle on a simulated node running in its own process (sim-process.ts).
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createCriClient} from '../source/wire/cri-client.js';
import type {SimOptions} from '../source/sim/index.js';

type Message = {type: 'ready'} | {type: 'calls'; total: number; rpc: string; at: number} | {type: 'ticked'; at: number};

export type SimChild = {
	pid: number;
	/** RPC arrivals as seen by the node: running count and epoch ms (performance.timeOrigin + now). Last 200 kept. */
	calls: Array<{total: number; rpc: string; at: number}>;
	/** Total RPCs so far. */
	total(): number;
	/** Advances the node; resolves with the epoch ms at which the change began. */
	tick(): Promise<number>;
	stop(): Promise<void>;
};

export async function startSimChild(options: SimOptions): Promise<SimChild> {
	const script = fileURLToPath(new URL('./sim-process.ts', import.meta.url));
	const child: ChildProcess = fork(script, [JSON.stringify(options)], {execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
	const handle: SimChild = {
		pid: child.pid ?? -1,
		calls: [],
		total: () => handle.calls.at(-1)?.total ?? 0,
		tick: () =>
			new Promise(resolve => {
				const onTicked = (message: Message) => {
					if (message.type !== 'ticked') return;
					child.off('message', onTicked);
					resolve(message.at);
				};
				child.on('message', onTicked);
				child.send({type: 'tick'});
			}),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.send({type: 'stop'});
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(timer);
		},
	};
	child.on('message', (message: Message) => {
		if (message.type !== 'calls') return;
		handle.calls.push({total: message.total, rpc: message.rpc, at: message.at});
		if (handle.calls.length > 200) handle.calls.splice(0, handle.calls.length - 200);
	});
	await new Promise<void>((resolve, reject) => {
		child.once('message', (message: Message) => (message.type === 'ready' ? resolve() : reject(new Error('sim child: unexpected first message'))));
		child.once('exit', code => reject(new Error(`sim child exited early (${code})`)));
	});
	return handle;
}

/**
 * A probe's node: a simulated node of `containers` on a socket in `dir`, stopped by `cleanups`,
 * with its container count and the 13-character IDs of its pods and containers (a screen showing
 * one of them is live).
 */
export async function startProbeNode(dir: string, containers: number, flavor: SimOptions['flavor'], cleanups: Array<() => void | Promise<void>>): Promise<{sim: SimChild; endpoint: string; containers: number; tokens: Set<string>}> {
	const socketPath = path.join(dir, 'node.sock');
	const sim = await startSimChild({socketPath, flavor, seed: 7, containers, tickMs: 0});
	cleanups.push(() => sim.stop());
	const endpoint = `unix://${socketPath}`;
	const client = createCriClient({runtimeEndpoint: endpoint, timeoutMs: 60_000});
	try {
		const [pods, listed] = await Promise.all([client.listPodSandbox(), client.listContainers()]);
		return {sim, endpoint, containers: listed.items.length, tokens: new Set([...listed.items, ...pods.items].map(c => c.id.slice(0, 13)))};
	} finally {
		client.close();
	}
}
