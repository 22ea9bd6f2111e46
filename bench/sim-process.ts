// Runs a simulated node in a process of its own, so its work (encoding 10,000 containers) never
// stalls the bench's clock or competes with the bench's event loop. Driven over IPC.
import {performance} from 'node:perf_hooks';
import {startSimNode, type SimOptions} from '../source/sim/index.js';
import {loadCri} from '../source/wire/proto.js';

type Command = {type: 'tick'} | {type: 'stop'};

const options = JSON.parse(process.argv[2] ?? '{}') as SimOptions;
const sim = await startSimNode(options);
const epoch = () => performance.timeOrigin + performance.now();

// Report each RPC the moment its handler counts it (epoch ms, comparable across processes): an
// accessor on every RPC name of calls, because a 10,000-container answer is encoded synchronously
// and a timer would only see the count after that work.
let total = 0;
const {runtimeServiceDefinition, imageServiceDefinition} = loadCri();
for (const rpc of [...Object.keys(runtimeServiceDefinition), ...Object.keys(imageServiceDefinition)]) {
	let count: number | undefined = sim.calls[rpc];
	Object.defineProperty(sim.calls, rpc, {
		enumerable: true,
		configurable: true,
		get: () => count,
		set(value: number) {
			count = value;
			total++;
			process.send!({type: 'calls', total, rpc, at: epoch()});
		},
	});
}

process.on('message', async (command: Command) => {
	if (command.type === 'tick') {
		const at = epoch();
		sim.tick();
		process.send!({type: 'ticked', at});
	} else if (command.type === 'stop') {
		await sim.stop();
		process.exit(0);
	}
});
process.on('disconnect', () => void sim.stop().finally(() => process.exit(0)));
process.send!({type: 'ready'});
