import {writeFileSync} from 'node:fs';
import {seedNode, startContainerd} from './test/testbed/containerd.js';
const tb = await startContainerd();
const node = await seedNode(tb);
writeFileSync('/tmp/crictlux/hold.json', JSON.stringify({socket: tb.socket, node}));
process.on('SIGTERM', async () => { await tb.stop(); process.exit(0); });
setInterval(() => {}, 1000);
