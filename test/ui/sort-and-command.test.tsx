// The k9s sort keys, the `:` command line and Enter on an exited container,
// inside the whole app against a fake client with stats.
import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import type {UsageSample} from '../../source/model/cri-types.js';
import {fakeClient} from '../state/fake-client.js';
import {keys, renderApp, sampleNode, unmountAll} from './helpers.js';
import {waitFor} from '../support/wait.js';

// Working-set bytes per container name (postgres is exited: no numbers).
const memory: Record<string, string> = {nginx: '5000000', sidecar: '90000000'};

function app(props: Parameters<typeof renderApp>[1] = {}) {
	const node = sampleNode();
	const execs: Array<{id: string; cmd: string[]}> = [];
	const stats = (): UsageSample[] => node.containers.filter(c => memory[c.metadata!.name]).map(c => ({
		id: c.id,
		cpu: null,
		memory: {workingSetBytes: {value: memory[c.metadata!.name]!}},
	}));
	const rendered = renderApp(node, {
		connect(runtime) {
			const client = fakeClient(node, runtime);
			return Object.assign(client, {
				listContainerUsage: async () => stats(),
				listPodSandboxUsage: async () => Promise.reject(new Error('pod stats unavailable')),
				async execSync(id: string, cmd: string[]) {
					execs.push({id, cmd});
					return {stdout: Buffer.from('hello from exec\n'), stderr: Buffer.alloc(0), exitCode: 0};
				},
			});
		},
		...props,
	});
	return {...rendered, execs};
}

/** Container names in the order the frame shows them. */
const order = (frame: string) => [...frame.matchAll(/\b(nginx|postgres|sidecar)\b/g)].map(m => m[1]).join(' ');

/** The container order once the frame shows `want` (or the last order, at the deadline). */
const orderOnceIs = async (a: ReturnType<typeof renderApp>, want: string) => order(await a.waitFor(f => order(f) === want).catch(() => a.frame()));

describe('sort keys', () => {
	afterEach(unmountAll);

	test('Shift-M sorts containers by MEM (header MEM↓, footer "sort MEM↓"), again reverses; unknown stays last', async () => {
		const a = app();
		await a.waitFor(/web-1/);
		await a.press('2');
		assert.equal(await orderOnceIs(a, 'nginx postgres sidecar'), 'nginx postgres sidecar', 'newest first to start with');
		assert.match(await a.waitFor(/CREATED↓/), /CREATED↓/);
		await a.press('M');
		assert.match(await a.waitFor(/MEM↓/), /MEM↓/);
		assert.match(await a.waitFor(/sort MEM↓ C\/M\/N\/A/), /sort MEM↓ C\/M\/N\/A/);
		assert.equal(await orderOnceIs(a, 'sidecar nginx postgres'), 'sidecar nginx postgres');
		await a.press('M');
		assert.match(await a.waitFor(/MEM↑/), /MEM↑/);
		assert.equal(await orderOnceIs(a, 'nginx sidecar postgres'), 'nginx sidecar postgres');
		await a.press('N');
		assert.match(await a.waitFor(/NAME↑/), /NAME↑/);
		assert.equal(await orderOnceIs(a, 'nginx postgres sidecar'), 'nginx postgres sidecar');
		await a.press('N');
		assert.equal(await orderOnceIs(a, 'sidecar postgres nginx'), 'sidecar postgres nginx');
		// The selection follows the object through a re-sort: sidecar, selected on top, is last by age.
		await a.press('g', 'A');
		assert.match(await a.waitFor(/CREATED↓/), /CREATED↓/);
		assert.equal(await orderOnceIs(a, 'nginx postgres sidecar'), 'nginx postgres sidecar');
		await a.press('x');
		assert.match(await a.waitFor(/Stop container sidecar\?/), /Stop container sidecar\?/);
	});

	test('pods show CPU/MEM summed from their containers and say so; images refuse CPU', async () => {
		const a = app();
		assert.match(await a.waitFor(/CPU\/MEM: sum of its containers/), /CPU\/MEM: sum of its containers/);
		// web-1 holds nginx + sidecar: 95MB.
		assert.match(await a.waitFor(/web-1.*95MB/), /web-1.*95MB/);
		await a.press('M', '3', 'C');
		assert.match(await a.waitFor(/images cannot be sorted by CPU %; try name, size/), /images cannot be sorted by CPU %; try name, size/);
		await a.press('Z');
		assert.match(await a.waitFor(/SIZE↓/), /SIZE↓/);
	});

	test('without stats, C says there is nothing to sort by', async () => {
		const a = renderApp();
		await a.waitFor(/web-1/);
		await a.press('2', 'C');
		assert.match(await a.waitFor(/no CPU\/MEM numbers from this runtime yet/), /no CPU\/MEM numbers from this runtime yet/);
		assert.match(await a.waitFor(/CREATED↓/), /CREATED↓/);
	});
});

describe(': command line', () => {
	afterEach(unmountAll);

	test(':images switches pane; keys typed go to the prompt only; Esc cancels', async () => {
		const a = app();
		await a.waitFor(/web-1/);
		await a.press(':', 'i', 'm', 'a', 'g', 'e', 's');
		assert.match(await a.waitFor(/:images█/), /:images█/);
		assert.match(await a.waitFor(/1 Pods/), /1 Pods/, 'still on pods: i did not inspect, 2/3 did not switch');
		assert.doesNotMatch(a.frame(), /inspect/);
		await a.press(keys.enter);
		assert.match(await a.waitFor(/docker\.io\/library\/nginx/), /docker\.io\/library\/nginx/);
		assert.match(await a.waitFor(/images --pinned/), /images --pinned/);
		await a.press(':', 'x', keys.escape);
		const closed = await a.waitFor(f => !/█/.test(f));
		assert.doesNotMatch(closed, /█/);
		assert.doesNotMatch(closed, /Stop/);
	});

	test(':exec CMD runs on the selected container; :exec ID CMD on the given one', async () => {
		const a = app();
		await a.waitFor(/web-1/);
		await a.press('2', 'j', ':');
		await a.press('exec cat /etc/hostname', keys.enter);
		assert.match(await a.waitFor(/hello from exec/), /hello from exec/);
		assert.match(await a.waitFor(/exit code 0/), /exit code 0/);
		assert.deepEqual(a.execs[0], {id: 'd'.repeat(64), cmd: ['cat', '/etc/hostname']});
		await a.press(keys.escape, ':', 'exec eeee ls -l', keys.enter);
		assert.deepEqual(await waitFor(() => a.execs[1], 'the second exec'), {id: 'e'.repeat(64), cmd: ['ls', '-l']});
		assert.match(await a.waitFor(/crictl .*exec eeeeeeeeeeeee ls -l/), /crictl .*exec eeeeeeeeeeeee ls -l/);
	});

	test('unknown command: a sentence in the footer; :q in one chunk quits', async () => {
		let quit = 0;
		const a = app({onQuit: () => quit++});
		await a.waitFor(/web-1/);
		await a.press(':', 'deploy', keys.enter);
		assert.match(await a.waitFor(/unknown command :deploy — try :pods :containers :images :events/), /unknown command :deploy — try :pods :containers :images :events/);
		await a.press(':q\r');
		assert.equal(await waitFor(() => quit, 'onQuit'), 1);
	});

	test('? lists the sort and command-line keys', async () => {
		const a = renderApp(sampleNode(), {size: {columns: 100, rows: 90}});
		await a.press('?');
		const frame = await a.waitFor(/Command line \(:\):/);
		for (const k of ['Shift-C', 'Shift-M', 'Shift-N', 'Shift-A', 'Shift-Z']) assert.match(frame, new RegExp(`${k}\\s+\\S`));
		assert.match(frame, /Command line \(:\):/);
		assert.match(frame, /:\s+command line/);
		assert.match(frame, /Enter\s+pod: its containers; exited container: crash triage/);
		assert.doesNotMatch(frame, /reserved/);
	});
});

describe('Enter on a container', () => {
	afterEach(unmountAll);

	test('an exited one opens crash triage; a running one inspect', async () => {
		const a = renderApp();
		await a.waitFor(/web-1/);
		await a.press('2', 'j', keys.enter);
		assert.match(await a.waitFor(/triage postgres/), /triage postgres/);
		await a.press(keys.escape, 'k', keys.enter);
		assert.match(await a.waitFor(/crictl .*inspect c{13}/), /crictl .*inspect c{13}/);
		assert.doesNotMatch(a.frame(), /triage/);
	});
});
