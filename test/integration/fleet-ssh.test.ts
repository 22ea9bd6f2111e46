// A node over ssh beside another endpoint (issue 14), through the real bin in tmux: `--node
// ssh://…` against the test's own sshd on 127.0.0.1 (its own keys, test/support/sshd.ts) forwarding
// the real containerd's socket, next to a simulated node given with -r. The node's pods are shown
// under its NODE name, a running container's logs are read on the node and follow, the crictl
// line is the command to run there (ssh … crictl …), a shell's stream goes over the same ssh, and killing sshd marks the node unreachable
// with ssh's words while the simulated node stays live.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import {seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {selectRow, shortId, stripSgr} from '../e2e/screen.js';
import {startSshd, type Sshd} from '../support/sshd.js';
import {startBinSim, type BinSim} from './sim-bin.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('fleet: a node over ssh and a simulated node', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let sshd: Sshd | undefined;
	let seeded: SeededNode;
	let dir = '';
	let simSocket = '';
	let sim: BinSim | undefined;
	const rigs: Rig[] = [];

	before(async () => {
		dir = mkdtempSync('/tmp/crisock-fleet-ssh-');
		simSocket = path.join(dir, 'sim', 'cri.sock');
		// sim is set as soon as it answers, so after() stops it even when another start failed.
		[tb, sshd] = await Promise.all([startContainerd(), startSshd(), startBinSim(simSocket).then(s => (sim = s))]);
		seeded = await seedNode(tb);
	});

	after(async () => {
		for (const rig of rigs) rig.kill();
		sshd?.stop();
		sim?.kill();
		await tb?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	test('the node\'s pods and a running container\'s logs over ssh; killing sshd marks it unreachable, the other stays live', async () => {
		const rig = await startRig({
			args: ['-r', `unix://${simSocket}`, '--node', sshd!.url(tb!.socket), '--ssh-config', sshd!.clientConfig, '--log-root', tb!.logRoot],
			cols: 170, rows: 45,
		});
		rigs.push(rig);
		await rig.waitFor(/sim ✓ +127\.0\.0\.1 ✓/, 60_000);

		// Pods: the real containerd's, under the node's name, beside the simulated node's.
		const {web, proxy} = seeded.pods;
		const pods = await rig.waitFor(s => [web, proxy].every(p => new RegExp(`127\\.0\\.0\\.1 +${shortId(p.id)} .*${escape(p.name)}`).test(stripSgr(s))), 30_000);
		assert.match(stripSgr(pods), /^\s*NODE +POD ID /m);
		assert.match(stripSgr(pods), /^\s*sim +[0-9a-f]{13} /m, 'the simulated node\'s pods are in the same pane');

		// The crictl line of a node row is the command to run on the node.
		await selectRow(rig, shortId(web.id));
		await rig.waitFor(new RegExp(`\\$ ssh -F ${escape(sshd!.clientConfig)} -p ${sshd!.port} root@127\\.0\\.0\\.1 crictl -r unix://${escape(tb!.socket)} pods`), 15_000);

		// The logger's log, read on the node, and following.
		const {logger} = seeded.containers;
		await rig.sendKeys('2');
		await rig.waitFor(shortId(logger.id), 30_000);
		await selectRow(rig, shortId(logger.id));
		await rig.sendKeys('l');
		const first = await rig.waitFor(/line (\d+)/, 30_000);
		const seen = Math.max(...[...first.matchAll(/line (\d+)/g)].map(m => Number(m[1])));
		await rig.waitFor(s => [...s.matchAll(/line (\d+)/g)].some(m => Number(m[1]) > seen), 30_000);
		await rig.sendKeys('Escape');
		await rig.waitFor(/NODE +CONTAINER /, 15_000);

		// A shell in the node's container: its exec stream is dialled through the node's ssh (the
		// streaming port forwarded to a local socket), and exit 3 comes back to the dashboard.
		await rig.sendKeys('s');
		await rig.waitFor(s => s.includes('shell in') && /^\/ # ?$/m.test(s), 30_000);
		await rig.type('echo hi-$((40+2))');
		await rig.sendKeys('Enter');
		await rig.waitFor('hi-42', 15_000);
		await rig.type('exit 3');
		await rig.sendKeys('Enter');
		await rig.waitFor(s => /\b(exit(ed)?|code)\b\D{0,12}\b3\b/i.test(s) && /NODE +CONTAINER /.test(s), 30_000);

		// sshd goes away: the node says why, its last rows stay; the simulated node stays live.
		sshd!.kill();
		const down = await rig.waitFor(/127\.0\.0\.1 ✗ \(.+\)/, 60_000);
		assert.match(down, /sim ✓/);
		assert.match(stripSgr(down), new RegExp(`127\\.0\\.0\\.1 +${shortId(logger.id)} `), 'the node\'s last rows are still shown (greyed)');
		// Live: a change on the simulated node still reaches the screen.
		const simContainer = (await sim!.client.listContainers()).items.find(c => c.state === 'CONTAINER_RUNNING')!;
		await sim!.client.stopContainer(simContainer.id, 0);
		await rig.waitFor(s => new RegExp(`sim +${shortId(simContainer.id)} .*Exited`).test(stripSgr(s)), 30_000);
	});

	test('a node that cannot be reached is one sentence in its header entry, never a hang', async () => {
		// Nothing listens on port 1: ssh refuses at once.
		const started = Date.now();
		const rig = await startRig({args: ['-r', `unix://${simSocket}`, '--node', 'ssh://root@127.0.0.1:1', '--ssh-config', sshd!.clientConfig], cols: 170, rows: 45});
		rigs.push(rig);
		const unreachable = /127\.0\.0\.1 ✗ \(cannot reach node ssh:\/\/root@127\.0\.0\.1:1 over ssh: .+\)/;
		// The simulated node's rows are live beside it (its header mark can come a frame before its rows).
		const simRow = /^\s*sim +[0-9a-f]{13} /m;
		const screen = await rig.waitFor(s => unreachable.test(s) && /sim ✓/.test(s) && simRow.test(stripSgr(s)), 60_000);
		assert.match(stripSgr(screen), simRow);
		assert.ok(Date.now() - started < 45_000, 'the screen came up without waiting out a hang');
	});
});
