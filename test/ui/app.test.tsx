import {test, describe, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {delay, keys, renderApp, sampleNode, unmountAll} from './helpers.js';
import {fakeNode} from '../state/fake-client.js';

describe('App', () => {
	afterEach(unmountAll);

	test('the first frame says where it connects before any RPC answered', () => {
		const node = sampleNode();
		node.hanging.add('Version');
		const app = renderApp(node);
		assert.match(app.frame(), /connecting to unix:\/\/\/run\/fake\.sock/);
		app.unmount();
	});

	test('panes render rows from the runtime, newest first, with the crictl line', async () => {
		const app = renderApp();
		await delay(300);
		const frame = app.frame();
		assert.match(frame, /containerd 1\.7\.0/);
		assert.match(frame, /RuntimeReady ✓/);
		assert.ok(frame.indexOf('web-1') < frame.indexOf('db-0'), 'newest pod first');
		assert.match(frame, /\$ crictl -r unix:\/\/\/run\/fake\.sock pods/);
		await app.press('2');
		assert.match(app.frame(), /nginx/);
		assert.match(app.frame(), /crictl -r unix:\/\/\/run\/fake\.sock ps -a/);
		await app.press('3');
		assert.match(app.frame(), /docker\.io\/library\/nginx/);
		app.unmount();
	});

	test('j then Enter drills into the second pod; Esc leaves the drill-down', async () => {
		const app = renderApp();
		await delay(50);
		await app.press('j', keys.enter);
		const frame = app.frame();
		assert.match(frame, /pod:db-0/);
		assert.match(frame, /postgres/);
		assert.doesNotMatch(frame, /nginx/);
		assert.match(frame, /ps -a --pod bbbbbbbbbbbbb/);
		await app.press(keys.escape);
		assert.match(app.frame(), /nginx/);
		app.unmount();
	});

	test('G, g, arrows and k move the selection (seen through what x names)', async () => {
		const app = renderApp();
		await delay(50);
		await app.press('2', 'G', 'x');
		assert.match(app.frame(), /Stop container sidecar\?/);
		await app.press('n', 'g', keys.down, 'x');
		assert.match(app.frame(), /Stop container postgres\?/);
		await app.press('n', keys.up, 'k', 'x');
		assert.match(app.frame(), /Stop container nginx\?/);
		app.unmount();
	});

	test('keys arriving in one chunk are taken one by one', async () => {
		const app = renderApp();
		await delay(50);
		await app.press('2', 'jx');
		assert.match(app.frame(), /Stop container postgres\?/);
		app.unmount();
	});

	test('selection follows the object when rows move, and the nearest row when it vanished', async () => {
		const node = sampleNode();
		const app = renderApp(node, {intervalMs: 40});
		await delay(50);
		await app.press('2', 'j'); // postgres (2nd)
		// A new, newer container appears on top: postgres moves to the 3rd row.
		node.containers.push({...node.containers[0], id: '9'.repeat(64), metadata: {name: 'newcomer', attempt: 0}, createdAt: '1700000009000000000'});
		await delay(80);
		await app.press('x');
		assert.match(app.frame(), /Stop container postgres\?/);
		await app.press('n');
		node.containers = node.containers.filter(c => c.metadata?.name !== 'postgres');
		await delay(80);
		await app.press('x');
		assert.match(app.frame(), /Stop container (nginx|sidecar)\?/);
		app.unmount();
	});

	test('confirm names the full ID; y stops exactly the captured ID even after the list changed', async () => {
		const node = sampleNode();
		const app = renderApp(node, {intervalMs: 40});
		await delay(50);
		await app.press('2', 'j', 'x');
		assert.match(app.frame(), new RegExp(`ID: ${'d'.repeat(64)}`));
		// The rows change while the dialog is open.
		node.containers.unshift({...node.containers[0], id: '7'.repeat(64), createdAt: '1700000009000000000'});
		await delay(80);
		await app.press('y');
		await delay(30);
		assert.ok(node.calls.includes(`StopContainer ${'d'.repeat(64)}`), node.calls.join(','));
		assert.equal(node.calls.filter(c => c.startsWith('StopContainer')).length, 1);
		assert.match(app.frame(), /crictl -r unix:\/\/\/run\/fake\.sock stop ddddddddddddd +stopped container postgres/);
		app.unmount();
	});

	test('any key but y cancels, and nothing is stopped', async () => {
		const app = renderApp();
		await delay(50);
		for (const key of ['n', keys.enter, keys.escape, 'Y', ' ']) {
			await app.press('x');
			assert.match(app.frame(), /Stop pod web-1\?/);
			await app.press(key);
			assert.doesNotMatch(app.frame(), /Stop pod/);
		}

		assert.equal(app.node.calls.filter(c => c.startsWith('Stop')).length, 0);
		app.unmount();
	});

	test('read-only refuses x before asking and shows the badge', async () => {
		const app = renderApp(sampleNode(), {readOnly: true});
		await delay(50);
		assert.match(app.frame(), /READ-ONLY/);
		await app.press('x');
		assert.doesNotMatch(app.frame(), /Stop pod/);
		assert.match(app.frame(), /read-only mode/);
		app.unmount();
	});

	test('read-only refuses Ctrl-D, s and :exec before anything opens, with the same sentence as x', async () => {
		const app = renderApp(sampleNode(), {readOnly: true});
		await delay(50);
		await app.press('2');
		for (const [keys, what] of [[['\u0004'], 'removing'], [['s'], 'a shell'], [[':', 'exec ls', '\r'], ':exec']] as const) {
			await app.press(...keys);
			assert.match(app.frame(), new RegExp(`read-only mode: ${what} is disabled \\(start without --read-only to allow it\\)`));
			assert.doesNotMatch(app.frame(), /Remove container|opening a shell|exec ls/);
		}

		assert.equal(app.node.calls.filter(c => /remove|exec/i.test(c)).length, 0);
		app.unmount();
	});

	test('filter: / types, Enter keeps, Esc clears', async () => {
		const app = renderApp();
		await app.press('2', '/', 's', 'i', 'd');
		assert.match(app.frame(), /\/sid/);
		assert.match(app.frame(), /sidecar/);
		assert.doesNotMatch(app.frame(), /nginx/);
		await app.press(keys.enter, 'j');
		assert.match(app.frame(), /sidecar/);
		await app.press(keys.escape);
		assert.match(app.frame(), /nginx/);
		app.unmount();
	});

	test('a toggles running only', async () => {
		const app = renderApp();
		await delay(50);
		await app.press('2', 'a');
		assert.doesNotMatch(app.frame(), /postgres/);
		assert.match(app.frame(), /ps --|ps$|ps\s*\n/m);
		await app.press('a');
		assert.match(app.frame(), /postgres/);
		app.unmount();
	});

	test('an unimplemented RPC only blanks its own part', async () => {
		const node = sampleNode();
		node.version = {...node.version, runtimeName: 'docker'};
		node.failing.set('ListImages', 'unimplemented');
		const app = renderApp(node);
		await delay(50);
		assert.match(app.frame(), /web-1/);
		await app.press('3');
		assert.match(app.frame(), /not supported by docker/);
		app.unmount();
	});

	test('a part whose call always fails shows only its error, never "loading…" under it', async () => {
		const node = sampleNode();
		node.failing.set('ListContainers', 'other');
		const app = renderApp(node, {intervalMs: 40});
		await delay(50);
		await app.press('2');
		await delay(150);
		assert.match(app.frame(), /ListContainers failed \(other\)/);
		assert.doesNotMatch(app.frame(), /loading…/);
		assert.match(app.frame(), /web-1|Pods 2/, 'the other parts still load');
		app.unmount();
	});

	test('losing the runtime keeps the rows and shows the banner', async () => {
		const node = sampleNode();
		const app = renderApp(node, {intervalMs: 40});
		await delay(50);
		node.failing.set('ListPodSandbox', 'unavailable');
		node.failing.set('Version', 'unavailable');
		await delay(80);
		assert.match(app.frame(), /disconnected since \d\d:\d\d:\d\d — retrying/);
		assert.match(app.frame(), /web-1/);
		node.failing.clear();
		await delay(700);
		assert.doesNotMatch(app.frame(), /disconnected/);
		app.unmount();
	});

	test('onFatal gets the first connection failure', async () => {
		const node = fakeNode();
		node.failing.set('Version', 'not-grpc');
		const errors: Error[] = [];
		const app = renderApp(node, {onFatal: e => errors.push(e)});
		await delay(30);
		assert.equal(errors.length, 1);
		app.unmount();
	});

	test('e opens the picker and Enter switches endpoint without restart', async () => {
		const other = '/run/other.sock';
		const app = renderApp(sampleNode(), {
			probe: async () => [
				{socketPath: '/run/fake.sock', runtimeName: 'containerd', runtimeVersion: '1.7.0', ready: true},
				{socketPath: other, runtimeName: 'cri-o', runtimeVersion: '1.33', ready: false},
			],
		});
		await delay(50);
		await app.press('e');
		assert.match(app.frame(), /cri-o 1\.33\s+NOT ready/);
		await app.press('j', keys.enter);
		await delay(30);
		assert.deepEqual(app.connects, ['/run/fake.sock', other]);
		assert.equal(app.clients[0].closed, true, 'old connection closed');
		assert.match(app.frame(), /unix:\/\/\/run\/other\.sock/);
		app.unmount();
	});

	test('startInPicker opens the picker first', async () => {
		const app = renderApp(sampleNode(), {startInPicker: true, probe: async () => []});
		await delay(30);
		assert.match(app.frame(), /Runtime endpoints/);
		app.unmount();
	});

	test('i inspects as YAML, J switches to JSON, Esc returns', async () => {
		const app = renderApp();
		await delay(50);
		await app.press('2', 'i');
		await delay(20);
		assert.match(app.frame(), /crictl -r unix:\/\/\/run\/fake\.sock inspect ccccccccccccc/);
		assert.match(app.frame(), /status:/);
		await app.press('G');
		assert.match(app.frame(), /pid: 42/);
		await app.press('J', 'G');
		assert.match(app.frame(), /"pid": 42/);
		await app.press(keys.escape);
		assert.match(app.frame(), /sidecar/);
		app.unmount();
	});

	test('? lists keys, reserved ones too', async () => {
		const app = renderApp(sampleNode(), {size: {columns: 100, rows: 60}});
		await app.press('?');
		assert.match(app.frame(), /Ctrl-D\s+remove/);
		assert.match(app.frame(), /l\s+container logs/);
		app.unmount();
	});

	test('too small says so, and growing back restores the dashboard', async () => {
		const app = renderApp(sampleNode(), {size: {columns: 39, rows: 12}});
		await delay(30);
		assert.match(app.frame(), /terminal too small/);
		app.rerender(<></>);
		app.unmount();
	});

	test('Tab and Shift-Tab cycle panes', async () => {
		const app = renderApp();
		await delay(50);
		await app.press(keys.tab);
		assert.match(app.frame(), /ps -a/);
		await app.press(keys.shiftTab, keys.shiftTab);
		assert.match(app.frame(), /images --pinned/);
		app.unmount();
	});

	test('PgDn moves by a page at 10,000 containers and renders only the window', async () => {
		const node = sampleNode();
		const base = node.containers[0];
		node.containers = Array.from({length: 10_000}, (_, i) => ({
			...base, id: i.toString(16).padStart(64, '0'), metadata: {name: `c-${i}`, attempt: 0}, createdAt: String(1700000000000000000n + BigInt(10_000 - i)),
		}));
		const app = renderApp(node);
		await delay(200);
		await app.press('2');
		const lines = app.frame().split('\n');
		assert.ok(lines.length <= 24, `frame has ${lines.length} lines`);
		const started = performance.now();
		await app.press(keys.pageDown, 'x');
		assert.ok(performance.now() - started < 1000);
		const match = /Stop container c-(\d+)\?/.exec(app.frame());
		assert.ok(match && Number(match[1]) > 10, app.frame());
		app.unmount();
	});
});
