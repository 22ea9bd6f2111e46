// Many simulated nodes in ONE process of their own (the fleet bench): each a real gRPC server on
// its own socket. Reports when every node is up, and on request the epoch ms of every
// ListContainers each node answered (to see whether polls are spread or all at one instant).
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {startSimNode, type SimNode} from '../source/sim/index.js';

const {dir, count, containers} = JSON.parse(process.argv[2] ?? '{}') as {dir: string; count: number; containers: number};
const epoch = () => performance.timeOrigin + performance.now();
const hits: number[][] = Array.from({length: count}, () => []);
const nodes: SimNode[] = [];
for (let i = 0; i < count; i++) {
	// Different seeds: the nodes do not all hold the same IDs (that case is tested elsewhere).
	const node = await startSimNode({socketPath: path.join(dir, `n${String(i).padStart(2, '0')}`, 'cri.sock'), flavor: 'containerd', seed: 100 + i, containers, tickMs: 0});
	let value: number | undefined = node.calls.ListContainers;
	Object.defineProperty(node.calls, 'ListContainers', {
		enumerable: true, configurable: true, get: () => value,
		set(v: number) {
			value = v;
			hits[i]!.push(epoch());
			if (hits[i]!.length > 50) hits[i]!.shift();
		},
	});
	nodes.push(node);
}

process.on('message', async (command: {type: 'hits'} | {type: 'stop'}) => {
	if (command.type === 'hits') process.send!({type: 'hits', hits});
	else {
		await Promise.all(nodes.map(n => n.stop()));
		process.exit(0);
	}
});
process.on('disconnect', () => void Promise.all(nodes.map(n => n.stop())).finally(() => process.exit(0)));
process.send!({type: 'ready', sockets: nodes.map((_n, i) => path.join(dir, `n${String(i).padStart(2, '0')}`, 'cri.sock'))});
