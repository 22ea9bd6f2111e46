// :trace and :health in the real bin under tmux against the real containerd (the testbed), not the
// simulated node: the trace must show the ListContainers that really crossed containerd's socket
// (containerd 1.6 refuses the streamed list, so the unary one is what answers), and the health view
// must put the containers that really crashed first, each exit code explained.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {runContainer, seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';
import {startRig, type Rig} from '../e2e/tmux-rig.js';
import {waitFor} from '../support/wait.js';

describe('real containerd: :trace and :health', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let killedId = '';
	let rig: Rig | undefined;

	before(async () => {
		tb = await startContainerd();
		node = await seedNode(tb);
		// Besides the seeded `report` (exit 3): a container killed by SIGKILL, as the kernel or a stop
		// past its grace period would (exit code 137).
		killedId = await runContainer(tb, node.pods.batch.id, {name: 'killed', command: ['sh', '-c', 'kill -9 $$']});
		await waitFor(async () => (await tb!.cri.call<any>('ContainerStatus', {containerId: killedId})).status.state === 'CONTAINER_EXITED',
			{timeoutMs: 60_000, what: 'the killed container to exit'});
		const {status} = await tb.cri.call<any>('ContainerStatus', {containerId: killedId});
		assert.equal(status.exitCode, 137, 'containerd reports the SIGKILLed container as exit 137');
	});

	after(async () => {
		rig?.kill();
		await tb?.stop();
	});

	test(':trace lists ListContainers with its latency and OK; :health puts the crashed containers first, exit codes explained', async () => {
		rig = await startRig({args: ['-r', `unix://${tb!.socket}`, '-t', '10s'], cols: 160, rows: 40});
		await rig.waitFor(s => /^crisock-tui containerd/m.test(s) && s.includes(node.pods.web.name), 30_000);

		await rig.type(':trace');
		await rig.sendKeys('Enter');
		const trace = await rig.waitFor(s => /CRI calls/.test(s) && /ListContainers\s+\d+\.\dms\s+OK/.test(s), 30_000);
		const ms = Number(/ListContainers\s+(\d+\.\d)ms\s+OK/.exec(trace)![1]);
		assert.ok(ms > 0 && ms < 10_000, `ListContainers took ${ms} ms, within the 10 s deadline`);
		assert.match(trace, /Version\s+\d+\.\dms\s+OK/);
		// containerd 1.6 has no streamed list: the trace shows the refusal with its status, not only OKs.
		assert.match(trace, /StreamContainers\s+\d+\.\dms\s+UNIMPLEMENTED/);
		// The selected call's crictl equivalent, on this socket.
		assert.ok(trace.includes(`$ crictl -r unix://${tb!.socket} `), trace);
		await rig.sendKeys('Escape');
		await rig.waitForGone('CRI calls');

		await rig.type(':health');
		await rig.sendKeys('Enter');
		const exited = (name: string, code: number) => new RegExp(`${name} in \\S+ exited with code ${code}`);
		const health = await rig.waitFor(s => /node health/.test(s) && exited('report', 3).test(s) && exited('killed', 137).test(s), 30_000);
		const lines = health.split('\n');
		const items = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*›?\s*(\S.* (exited with code|is crash-looping|restarted after|is not Ready)|image filesystem|runtime condition)/.test(l));
		assert.ok(items.length >= 3, `health items on screen:\n${health}`);
		// The two crashed containers come before anything else, the selection (›) on the first.
		const firstTwo = items.slice(0, 2).map(([l]) => l);
		assert.ok(firstTwo.some(l => exited('report', 3).test(l)) && firstTwo.some(l => exited('killed', 137).test(l)), `crashed first:\n${health}`);
		assert.match(items[0][0], /›/);
		const detail = (name: string) => lines[items.find(([l]) => l.includes(`${name} in `))![1] + 1];
		assert.match(detail('killed'), /137: killed \(SIGKILL\)/);
		assert.match(detail('report'), /3: the application's own error code/);
		assert.match(health, /image filesystem/);

		// Shift-H opens the same view from the main screen.
		await rig.sendKeys('q');
		await rig.waitForGone('node health');
		await rig.sendKeys('H');
		await rig.waitFor(s => /node health/.test(s) && exited('killed', 137).test(s), 30_000);
		await rig.sendKeys('q');
		await rig.waitForGone('node health');
		await rig.sendKeys('q');
		assert.equal((await rig.exitStatus()).exitCode, 0);
	});
});
