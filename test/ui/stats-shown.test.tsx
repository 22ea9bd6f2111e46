// Stats are asked for only while a pane on screen shows them: container stats on the containers
// and pods panes, pod stats on the pods pane alone; images and events ask for none.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {pollingFakeClient} from '../state/fake-client.js';
import {renderApp, sampleNode, unmountAll} from './helpers.js';
import {waitFor} from '../support/wait.js';

test('stats calls follow the pane: both on pods, containers only on containers, none on images', async t => {
	t.after(unmountAll);
	const node = sampleNode();
	const count = {containers: 0, pods: 0};
	const a = renderApp(node, {
		intervalMs: 40,
		connect(runtime) {
			return Object.assign(pollingFakeClient(node, runtime), {
				listContainerUsage: async () => (count.containers++, []),
				listPodSandboxUsage: async () => (count.pods++, []),
			});
		},
	});
	await a.waitFor(/web-1/);
	await waitFor(() => count.pods >= 2 && count.containers >= 2, {timeoutMs: 20_000, what: 'both stats calls on the pods pane'});

	await a.press('2');
	await a.waitFor(/CONTAINER/);
	const podsThen = count.pods;
	const containersThen = count.containers;
	await waitFor(() => count.containers >= containersThen + 4, {timeoutMs: 20_000, what: 'container stats polled on the containers pane'});
	// One pod call may have been on its way when the pane changed.
	assert.ok(count.pods <= podsThen + 1, `pod stats asked ${count.pods - podsThen} times on the containers pane`);

	await a.press('3');
	await a.waitFor(/IMAGE ID/);
	const stillContainers = count.containers;
	const lists = () => node.calls.filter(c => c === 'ListImages').length;
	const listsThen = lists();
	await waitFor(() => lists() >= listsThen + 4, {timeoutMs: 20_000, what: 'the images pane polled four times'});
	assert.ok(count.containers <= stillContainers + 1, `container stats asked ${count.containers - stillContainers} times on the images pane`);

	await a.press('1');
	const podsBack = count.pods;
	await waitFor(() => count.pods > podsBack, {timeoutMs: 20_000, what: 'pod stats again on the pods pane'});
});
