import {test, describe, after} from 'node:test';
import assert from 'node:assert/strict';
import {symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {probeEndpoints} from '../../source/wire/probe.js';
import {startCriServer, startSilentPeer, tempDir, versionHandler} from './cri-test-server.js';

const tmp = tempDir();
after(() => tmp.remove());
const at = (name: string) => path.join(tmp.dir, name);
const conditions = (ready: boolean) => () => ({status: {conditions: [
	{type: 'RuntimeReady', status: ready, reason: ready ? '' : 'Booting', message: ''},
	{type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'no CNI'},
]}, info: {}});

describe('probeEndpoints', () => {
	test('probes in parallel: three runtimes, a hung peer, a dead path, a regular file', async () => {
		const servers = await Promise.all([
			startCriServer(at('containerd.sock'), {Version: versionHandler('containerd', '1.7.2'), Status: conditions(true)}),
			startCriServer(at('crio.sock'), {Version: versionHandler('cri-o', '1.33.13'), Status: conditions(false)}),
			startCriServer(at('dockerd.sock'), {Version: versionHandler('docker', '20.10.24')}), // no Status: readiness unknown
		]);
		// Two hung peers: probed one after the other they would cost two timeouts.
		const silent = await Promise.all([startSilentPeer(at('hung.sock')), startSilentPeer(at('hung2.sock'))]);
		writeFileSync(at('file'), 'not a socket');
		symlinkSync(at('containerd.sock'), at('alias.sock')); // like /var/run → /run
		// 3 s: the live servers must answer within it even on a busy machine; two hung peers probed
		// one after the other would still cost twice that.
		const timeoutMs = 3000;
		const started = Date.now();
		try {
			const results = await probeEndpoints(
				[at('containerd.sock'), at('hung.sock'), at('dead.sock'), at('crio.sock'), at('file'), at('alias.sock'), at('dockerd.sock'), at('hung2.sock')],
				timeoutMs,
			);
			const took = Date.now() - started;
			assert.ok(took < 2 * timeoutMs, `probing took ${took} ms: it must not add the timeouts up`);
			assert.ok(took >= timeoutMs * 0.8, `the hung peers should have cost about one timeout, took ${took} ms`);

			// Input order kept; the dead path and the alias are left out.
			assert.deepEqual(results.map(r => path.basename(r.path)), ['containerd.sock', 'hung.sock', 'crio.sock', 'file', 'dockerd.sock', 'hung2.sock']);
			const [containerd, hung, crio, file, dockerd, hung2] = results;
			assert.ok(containerd.ok && containerd.ready);
			assert.equal(containerd.version.runtimeName, 'containerd');
			assert.equal(containerd.conditions.length, 2);
			assert.ok(crio.ok && !crio.ready);
			assert.equal(crio.version.runtimeVersion, '1.33.13');
			assert.ok(dockerd.ok && !dockerd.ready);
			assert.ok(!hung.ok && hung.error.code === 'deadline');
			assert.ok(!hung2.ok && hung2.error.code === 'deadline');
			assert.ok(!file.ok && file.error.code === 'not-socket');
		} finally {
			await Promise.all([...servers.map(s => s.close()), ...silent.map(s => s.close())]);
		}
	});

	test('includeMissing reports a missing path; labels come from the well-known table under a host root', async () => {
		const results = await probeEndpoints([`${tmp.dir}/run/containerd/containerd.sock`], 300, {includeMissing: true, hostRoot: tmp.dir});
		assert.equal(results.length, 1);
		const [missing] = results;
		assert.ok(!missing.ok);
		assert.equal(missing.error.code, 'unavailable');
		assert.equal(missing.label, 'containerd');
		assert.deepEqual(await probeEndpoints([at('none.sock')], 300), []);
	});
});
