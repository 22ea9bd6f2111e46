// The real crictl (1.33, ../shared/bin/crictl beside the clone, or $CRICTL, or on PATH) against the
// simulated node, on every flavour: ps, inspect, exec (SPDY, crictl's default), exec -it in a real
// terminal (tmux), stats -a, logs, pull, and runp/create/start arriving in the node. If crictl is
// nowhere, the test fails with a sentence saying where it looked: it is not skipped.
import {describe, test, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {accessSync, constants, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import type {Flavor} from '../../source/sim/index.js';
import {startFixture} from './fixtures.js';
import {killAllRigs, REPO_ROOT, startRig} from './tmux-rig.js';

const run = promisify(execFile);

/** Where crictl is looked for, in order. */
export function crictlCandidates(): string[] {
	const onPath = (process.env.PATH ?? '').split(':').filter(Boolean).map(dir => path.join(dir, 'crictl'));
	return [...(process.env.CRICTL ? [process.env.CRICTL] : []), path.resolve(REPO_ROOT, '..', 'shared', 'bin', 'crictl'), ...onPath];
}

function findCrictl(): string | undefined {
	return crictlCandidates().find(file => {
		try {
			accessSync(file, constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

const flavors: Flavor[] = ['containerd', 'containerd-1.7', 'cri-o', 'cri-dockerd'];
const dir = mkdtempSync('/tmp/crisock-crictl-');
after(() => {
	killAllRigs();
	rmSync(dir, {recursive: true, force: true});
});

describe('tmux e2e: the real crictl against the simulated node', () => {
	test('crictl is here (CRICTL, ../shared/bin/crictl or PATH)', () => {
		assert.ok(findCrictl(), `crictl not found: looked at ${crictlCandidates().slice(0, 2).join(', ')} and on PATH; put crictl 1.33 at ../shared/bin/crictl beside the clone or set CRICTL`);
	});

	for (const flavor of flavors) {
		test(`${flavor}: ps, inspect, exec, exec -it sh, stats -a, logs, pull, runp/create/start`, {timeout: 180_000}, async () => {
			const bin = findCrictl();
			assert.ok(bin, 'crictl not found (see the first test)');
			const node = await startFixture({flavor, dir: mkdtempSync(path.join(dir, `${flavor}-`))});
			const endpoint = ['--config', '/dev/null', '-r', node.endpoint, '-i', node.endpoint];
			const crictl = async (...args: string[]) => (await run(bin, [...endpoint, ...args], {timeout: 30_000, maxBuffer: 16 * 1024 * 1024})).stdout;
			try {
				const ps = JSON.parse(await crictl('ps', '-a', '-o', 'json')).containers as Array<{id: string; metadata: {name: string}; state: string}>;
				assert.equal(ps.length, (await node.containers()).length);
				const nginx = ps.find(c => c.metadata.name === 'nginx' && c.state === 'CONTAINER_RUNNING')!;
				const busybox = ps.find(c => c.metadata.name === 'log-shipper' && c.state === 'CONTAINER_RUNNING')!;

				const inspect = JSON.parse(await crictl('inspect', nginx.id));
				assert.equal(inspect.status.id, nginx.id);
				assert.equal(inspect.status.state, 'CONTAINER_RUNNING');

				assert.equal(await crictl('exec', nginx.id, 'echo', 'hi'), 'hi\n');
				await assert.rejects(crictl('exec', nginx.id, 'sh', '-c', 'echo out; exit 7'), (error: any) => error.stdout === 'out\n' && /exit code 7/.test(error.stderr));

				const rig = await startRig({command: [bin, ...endpoint, 'exec', '-it', busybox.id, 'sh'], cols: 220, rows: 30});
				try {
					await rig.waitFor(/^\/ #/m, 30_000);
					await rig.type('hostname\r');
					await rig.waitFor(/hostname\n\S+/, 15_000);
					await rig.type('exit 4\r');
					await rig.waitFor(/command terminated with exit code 4/, 15_000);
				} finally {
					rig.kill();
				}

				const stats = JSON.parse(await crictl('stats', '-a', '-o', 'json')).stats as Array<{attributes: {id: string}}>;
				assert.ok(stats.some(s => s.attributes.id === nginx.id));

				assert.match(await crictl('logs', nginx.id), /nginx: starting <pid \d+> & ready/);

				await crictl('pull', 'alpine:latest');
				assert.ok((await node.images()).some(i => i.repoTags.some(t => t.includes('alpine:latest'))), 'the pulled image is listed');

				const podJson = path.join(node.dir, 'pod.json');
				const ctrJson = path.join(node.dir, 'ctr.json');
				writeFileSync(podJson, JSON.stringify({metadata: {name: 'teach', namespace: 'default', uid: 'teach-uid', attempt: 1}, log_directory: '/tmp', linux: {}}));
				writeFileSync(ctrJson, JSON.stringify({metadata: {name: 'hello'}, image: {image: 'alpine:latest'}, command: ['sleep', '3600'], log_path: 'hello.log', linux: {}}));
				const podId = (await crictl('runp', podJson)).trim();
				const containerId = (await crictl('create', podId, ctrJson, podJson)).trim();
				assert.equal((await node.containers()).find(c => c.id === containerId)?.state, 'CONTAINER_CREATED');
				await crictl('start', containerId);
				assert.equal((await node.containers()).find(c => c.id === containerId)?.state, 'CONTAINER_RUNNING', 'the dashboard\'s client sees it running');
				assert.equal(JSON.parse(await crictl('ps', '--id', containerId, '-o', 'json')).containers[0].metadata.name, 'hello');
				assert.equal(await crictl('exec', containerId, 'sh', '-c', 'command -v bash || echo no-bash'), 'no-bash\n');
			} finally {
				await node.stop();
			}
		});
	}
});
