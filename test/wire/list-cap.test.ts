// One list may bring in at most listCap (items and bytes), streamed or not: past it the stream is
// cancelled and the list comes back cut with a sentence saying at how many and how to narrow it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {createCriClient} from '../../source/wire/cri-client.js';
import {listCap} from '../../source/wire/grpc-call.js';
import {startCriServer, tempDir, versionHandler} from './cri-test-server.js';

const container = (i: number) => ({
	id: i.toString(16).padStart(64, '0'), podSandboxId: 'p'.repeat(64), metadata: {name: `c-${i}`, attempt: 0},
	image: {image: 'busybox'}, imageRef: 'sha256:x', state: 'CONTAINER_RUNNING', createdAt: '1', labels: {}, annotations: {},
});

test(`a stream of 100,000 containers is cut at ${listCap.items.toLocaleString('en-US')} with a sentence; the stream is cancelled`, {timeout: 120_000}, async () => {
	const tmp = tempDir();
	let sent = 0;
	const server = await startCriServer(path.join(tmp.dir, 'cri.sock'), {
		Version: versionHandler(),
		StreamContainers() {
			const messages = [];
			for (let start = 0; start < 100_000; start += 1000) {
				messages.push({containers: Array.from({length: 1000}, (_, i) => container(start + i))});
				sent += 1000;
			}
			return messages;
		},
	});
	const client = createCriClient({runtimeEndpoint: server.path, timeoutMs: 60_000});
	try {
		const list = await client.listContainers();
		assert.equal(list.items.length, listCap.items);
		assert.equal(list.items[0].metadata?.name, 'c-0');
		assert.match(list.truncated ?? '', /^the container list was cut at 20,000 \(crisock-tui brings in at most 20,000 containers per list, to bound its memory\); narrow it with crictl \(e\.g\. crictl ps --state running --pod ID\)/);
		assert.ok(sent >= 100_000);
	} finally {
		client.close();
		await server.close();
		tmp.remove();
	}
});

test('a unary list over the cap is cut the same way', {timeout: 120_000}, async () => {
	const tmp = tempDir();
	const server = await startCriServer(path.join(tmp.dir, 'cri.sock'), {
		Version: versionHandler(),
		ListContainers: () => ({containers: Array.from({length: listCap.items + 500}, (_, i) => container(i))}),
	});
	const client = createCriClient({runtimeEndpoint: server.path, timeoutMs: 60_000});
	try {
		const list = await client.listContainers();
		assert.equal(list.items.length, listCap.items);
		assert.match(list.truncated ?? '', /cut at 20,000/);
	} finally {
		client.close();
		await server.close();
		tmp.remove();
	}
});
