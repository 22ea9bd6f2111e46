// `crisock-tui sim --containers N --socket PATH [--flavor F]`: serves the simulated node on a
// socket until stopped (Ctrl-C, SIGTERM), printing the endpoint and the crictl line to use with
// it. For the bench, for demos, and for teaching crictl on a machine without a cluster.
import {existsSync, lstatSync} from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {flavours, type Flavor} from './flavours.js';
import {startSimNode} from './index.js';

export const simHelp = `
  Serve the simulated node on a unix socket until stopped (Ctrl-C).

  Usage
    $ crisock-tui sim --socket PATH [--containers N] [--flavor F] [--seed N] [--tick DURATION]

  Options
    --socket PATH      where to listen (parent folders are made)
    --containers N     how many containers (default 12; pods ≈ N/3)
    --flavor F         containerd | containerd-1.7 | cri-o | cri-dockerd (default containerd)
    --seed N           same seed, same node (default 1)
    --tick MS          life step in milliseconds, 0 = still (default 1000)

  Then, e.g.:  crictl -r unix://PATH -i unix://PATH ps -a
`;

export class SimUsageError extends Error {}

export type SimCommand = {socketPath: string; containers: number; flavor: Flavor; seed: number; tickMs: number} | 'help';

/** The subcommand's flags → options, or a SimUsageError whose message is one sentence. */
export function parseSimArgs(argv: string[]): SimCommand {
	let values: Record<string, string | boolean | undefined>;
	try {
		({values} = parseArgs({args: argv, strict: true, allowPositionals: false, options: {
			socket: {type: 'string'}, containers: {type: 'string'}, flavor: {type: 'string'},
			seed: {type: 'string'}, tick: {type: 'string'}, help: {type: 'boolean', short: 'h'},
		}}));
	} catch (error) {
		throw new SimUsageError(`crisock-tui sim: ${(error as Error).message.split('\n')[0]} (see crisock-tui sim --help)`);
	}
	if (values.help) return 'help';
	const socket = values.socket as string | undefined;
	if (!socket) throw new SimUsageError('crisock-tui sim needs --socket PATH: the unix socket to serve the simulated node on, e.g. --socket /tmp/sim.sock');
	const socketPath = path.resolve(socket.replace(/^unix:\/\//, ''));
	if (existsSync(socketPath) && !lstatSync(socketPath).isSocket()) throw new SimUsageError(`--socket ${socketPath} exists and is not a socket: choose another path (nothing was changed)`);
	const number = (name: string, text: string | undefined, fallback: number, max: number) => {
		if (text === undefined) return fallback;
		if (!/^\d+$/.test(text) || Number(text) > max) throw new SimUsageError(`--${name} ${text} is not a whole number from 0 to ${max}`);
		return Number(text);
	};
	const flavor = (values.flavor as string | undefined) ?? 'containerd';
	if (!(flavor in flavours)) throw new SimUsageError(`--flavor ${flavor} is not one of ${Object.keys(flavours).join(', ')}`);
	return {
		socketPath,
		containers: number('containers', values.containers as string | undefined, 12, 100_000),
		flavor: flavor as Flavor,
		seed: number('seed', values.seed as string | undefined, 1, 2 ** 31),
		tickMs: number('tick', values.tick as string | undefined, 1000, 3_600_000),
	};
}

/** Runs the subcommand: resolves when the node has stopped after a signal. */
export async function runSimCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
	let command: SimCommand;
	try {
		command = parseSimArgs(argv);
	} catch (error) {
		if (!(error instanceof SimUsageError)) throw error;
		process.stderr.write(`${error.message}\n`);
		return 2;
	}
	if (command === 'help') {
		out.write(simHelp);
		return 0;
	}
	const node = await startSimNode({socketPath: command.socketPath, flavor: command.flavor, containers: command.containers, seed: command.seed, tickMs: command.tickMs});
	const endpoint = `unix://${node.socketPath}`;
	out.write(`simulated ${node.flavor} node with ${command.containers} containers serving on ${endpoint}\n`);
	out.write(`  crictl --config /dev/null -r ${endpoint} -i ${endpoint} ps -a\n`);
	out.write(`  crisock-tui -r ${endpoint}\n`);
	out.write('Ctrl-C stops it.\n');
	await new Promise<void>(resolve => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
	await node.stop();
	return 0;
}
