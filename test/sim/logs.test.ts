import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, lstatSync, readFileSync, readlinkSync} from 'node:fs';
import {rfc3339Nano} from '../../source/sim/logs.js';
import {hostileSamples, invalidUtf8} from '../../source/sim/hostile.js';
import {simHarness} from './helpers.js';

const criLine = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z (stdout|stderr) [PF] /;

describe('sim log files', () => {
	test('RFC3339Nano drops trailing zeros like Go', () => {
		assert.equal(rfc3339Nano(1_795_000_000_123_456_789n), '2026-11-18T11:06:40.123456789Z');
		assert.equal(rfc3339Nano(1_795_000_000_120_000_000n), '2026-11-18T11:06:40.12Z');
		assert.equal(rfc3339Nano(1_795_000_000_000_000_000n), '2026-11-18T11:06:40Z');
	});

	test('containerd: CRI-format lines at the reported logPath, growing on ticks, kept after remove', async () => {
		const h = await simHarness({flavor: 'containerd'});
		try {
			const nginx = (await h.client.listContainers()).items.find(c => c.metadata?.name === 'nginx')!;
			const {status} = await h.client.containerStatus(nginx.id);
			const pod = (await h.client.listPodSandbox()).items.find(p => p.id === nginx.podSandboxId)!;
			assert.equal(status!.logPath, `${h.node.logRoot}/${pod.metadata!.namespace}_${pod.metadata!.name}_${pod.metadata!.uid}/nginx/0.log`);
			const before = readFileSync(status!.logPath, 'utf8').split('\n').filter(Boolean);
			assert.ok(before.length >= 6);
			for (const line of before) assert.match(line, criLine);
			for (let i = 0; i < 12; i++) h.node.tick();
			const after = readFileSync(status!.logPath, 'utf8').split('\n').filter(Boolean);
			assert.ok(after.length > before.length);
			await h.client.removeContainer(nginx.id);
			assert.ok(existsSync(status!.logPath));
		} finally {
			await h.close();
		}
	});

	test('crash-looping container has one log per attempt', async () => {
		const h = await simHarness();
		try {
			const crashers = (await h.client.listContainers()).items.filter(c => c.metadata?.name === 'payments-api');
			const paths = await Promise.all(crashers.map(async c => (await h.client.containerStatus(c.id)).status!.logPath));
			assert.deepEqual(paths.map(p => p.split('/').slice(-2).join('/')), ['payments-api/3.log', 'payments-api/4.log']);
			assert.match(readFileSync(paths[0], 'utf8'), /stderr F panic: dial tcp|stderr F fatal/);
		} finally {
			await h.close();
		}
	});

	test('cri-dockerd: logPath is a symlink to a Docker json-file log, removed with the container', async () => {
		const h = await simHarness({flavor: 'cri-dockerd'});
		try {
			const c = (await h.client.listContainers({state: {state: 'CONTAINER_RUNNING'}})).items[0];
			const path = (await h.client.containerStatus(c.id)).status!.logPath;
			assert.ok(lstatSync(path).isSymbolicLink());
			assert.match(readlinkSync(path), new RegExp(`${c.id}-json\\.log$`));
			for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
				const record = JSON.parse(line);
				assert.deepEqual(Object.keys(record), ['log', 'stream', 'time']);
				assert.ok(record.log.endsWith('\n'));
			}
			await h.client.removeContainer(c.id);
			assert.equal(existsSync(path), false);
		} finally {
			await h.close();
		}
	});

	test('hostile: every sample and invalid UTF-8 land in the log; names carry escapes', async () => {
		const h = await simHarness({hostile: true});
		try {
			const evil = (await h.client.listContainers()).items.filter(c => c.metadata!.name.startsWith('rtl-'));
			assert.equal(evil.length, 1);
			const bytes = readFileSync((await h.client.containerStatus(evil[0].id)).status!.logPath);
			for (const sample of hostileSamples) assert.ok(bytes.includes(Buffer.from(sample.text)), sample.name);
			assert.ok(bytes.includes(invalidUtf8));
			const pods = (await h.client.listPodSandbox()).items;
			assert.ok(pods.some(p => p.metadata!.namespace.includes('\x1b[2J') && p.annotations['evil.example/long'].length === 10_240));
			assert.ok((await h.client.listImages()).items.some(i => i.repoTags[0].includes('\x1b[31m')));
		} finally {
			await h.close();
		}
	});
});
