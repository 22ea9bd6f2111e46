// A simulated node as a person starts it: the bin's own `crisock-tui sim --socket PATH`, its own
// process, still (no life ticks), with a client to it. Shared by the fleet tests.
import {spawn} from 'node:child_process';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {BIN} from '../e2e/tmux-rig.js';
import {waitFor} from '../support/wait.js';

export type BinSim = {
	/** A client to the node (5 s deadline). */
	client: CriClient;
	/** SIGKILL: the node goes away as a crashed runtime does; the client is closed. */
	kill(): void;
};

/** Starts the node on `socketPath` (more `sim` flags in `args`) and waits until it answers Version. */
export async function startBinSim(socketPath: string, args: string[] = []): Promise<BinSim> {
	const child = spawn(process.execPath, [BIN, 'sim', '--socket', socketPath, '--tick', '0', ...args], {stdio: 'ignore'});
	const client = createCriClient({runtimeEndpoint: `unix://${socketPath}`, timeoutMs: 5_000});
	const kill = () => {
		child.kill('SIGKILL');
		client.close();
	};
	try {
		await waitFor(async () => (await client.version().catch(() => undefined))?.runtimeName, {timeoutMs: 60_000, what: 'the simulated node to answer'});
	} catch (error) {
		kill();
		throw error;
	}
	return {client, kill};
}
