// A simulated node for the e2e suites: a real gRPC server on a unix socket in a temp dir, plus the
// project's client to check the screen against what the server holds.
import {after, afterEach, before} from 'node:test';
import {mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import {startSimNode, type Flavor, type SimNode} from '../../source/sim/index.js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import type {Container, Image, PodSandbox} from '../../source/model/cri-types.js';
import {killAllRigs, startRig, type Rig, type RigOptions} from './tmux-rig.js';

export type SimFixture = {
	sim: SimNode;
	client: CriClient;
	endpoint: string;
	dir: string;
	pods(): Promise<PodSandbox[]>;
	containers(): Promise<Container[]>;
	images(): Promise<Image[]>;
	stop(): Promise<void>;
};

export type FixtureOptions = {flavor?: Flavor; containers?: number; hostile?: boolean; seed?: number; dir?: string; socketPath?: string};

/** Starts a node that only changes when the test calls sim.tick() (tickMs 0), so screens are stable. */
export async function startFixture(options: FixtureOptions = {}): Promise<SimFixture> {
	const dir = options.dir ?? mkdtempSync('/tmp/crisock-e2e-');
	const socketPath = options.socketPath ?? path.join(dir, 'runtime.sock');
	const sim = await startSimNode({
		socketPath,
		flavor: options.flavor ?? 'containerd',
		seed: options.seed ?? 3,
		containers: options.containers ?? 12,
		tickMs: 0,
		hostile: options.hostile ?? false,
		logRoot: path.join(dir, 'logs', path.basename(socketPath)),
	});
	const endpoint = `unix://${socketPath}`;
	const client = createCriClient({runtimeEndpoint: endpoint, timeoutMs: 10_000});
	return {
		sim,
		client,
		endpoint,
		dir,
		pods: async () => (await client.listPodSandbox()).items,
		containers: async () => (await client.listContainers()).items,
		images: async () => (await client.listImages()).items,
		async stop() {
			client.close();
			await sim.stop();
			if (!options.dir) rmSync(dir, {recursive: true, force: true});
		},
	};
}

/**
 * The lifecycle every tmux suite shares: one simulated node for the suite, at most one rig per
 * test, both stopped even when a test fails. Call it inside a describe().
 */
export function simSuite(options: FixtureOptions = {}): {readonly node: SimFixture; open(rig: RigOptions): Promise<Rig>} {
	let node: SimFixture | undefined;
	let rig: Rig | undefined;
	before(async () => {
		node = await startFixture(options);
	});
	after(async () => {
		killAllRigs();
		await node?.stop();
	});
	afterEach(() => {
		rig?.kill();
		rig = undefined;
	});
	return {
		get node() {
			if (!node) throw new Error('simSuite: the node starts in before(); use it inside a test');
			return node;
		},
		async open(rigOptions) {
			rig?.kill();
			rig = await startRig(rigOptions);
			return rig;
		},
	};
}
