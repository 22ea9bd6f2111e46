// The real bin in tmux against a simulated node: what a person at the keyboard sees and does.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {simSuite} from './fixtures.js';
import {cellIndexOf, selectRow, selectedRow, shortId, waitForState} from './screen.js';

const WIDE = {cols: 160, rows: 40};

describe('tmux e2e', {timeout: 480_000}, () => {
	const suite = simSuite({containers: 12});

	const open = async (size = WIDE, args: string[] = []) => {
		const rig = await suite.open({args: ['-r', suite.node.endpoint, ...args], ...size});
		return rig;
	};

	/** The dashboard on the containers pane with the row of container `id` selected. */
	const openOnContainer = async (id: string) => {
		const r = await open();
		await r.waitFor('POD ID', 20_000);
		await r.sendKeys('2');
		await r.waitFor(shortId(id));
		await selectRow(r, shortId(id));
		return r;
	};

	describe('panes', () => {
		test('the pods pane lists every pod the runtime holds, with its short ID and name', async () => {
			const pods = await suite.node.pods();
			const r = await open();
			const screen = await r.waitFor(s => pods.every(p => s.includes(shortId(p.id))), 20_000);
			const header = screen.split('\n').find(line => line.includes('POD ID'))!;
			assert.ok(header, 'a header row with POD ID');
			for (const column of ['POD ID', 'STATE', 'NAME', 'NAMESPACE']) assert.ok(header.includes(column), `column ${column}`);
			for (const pod of pods) {
				const row = screen.split('\n').find(line => line.includes(shortId(pod.id)))!;
				assert.ok(row.includes(pod.metadata!.name.slice(0, 10)), `row of ${pod.metadata!.name}: ${row}`);
				// The ID sits under its header.
				assert.equal(cellIndexOf(row, shortId(pod.id)), cellIndexOf(header, 'POD ID'));
			}
			assert.match(screen, /containerd/, 'the runtime is named');
		});

		test('2 shows the containers, 3 the images, 1 the pods again', async () => {
			const containers = await suite.node.containers();
			const images = await suite.node.images();
			const r = await open();
			await r.waitFor('POD ID', 20_000);
			await r.sendKeys('2');
			const screen = await r.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
			const header = screen.split('\n').find(line => line.includes('CONTAINER') && line.includes('STATE'))!;
			assert.ok(header, 'a header row with CONTAINER and STATE');
			for (const c of containers) {
				const row = screen.split('\n').find(line => line.includes(shortId(c.id)))!;
				assert.ok(row.includes(c.metadata!.name.slice(0, 8)), `row of ${c.metadata!.name}: ${row}`);
				assert.equal(cellIndexOf(row, shortId(c.id)), cellIndexOf(header, 'CONTAINER'));
			}
			await r.sendKeys('3');
			const imageScreen = await r.waitFor(s => images.every(i => s.includes(shortId(i.id))));
			assert.match(imageScreen, /IMAGE ID/);
			await r.sendKeys('1');
			await r.waitFor('POD ID');
		});

		test('j k G g move the selection', async () => {
			const containers = await suite.node.containers();
			const r = await open();
			await r.waitFor('POD ID', 20_000);
			await r.sendKeys('2');
			await r.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
			// Rows are compared by their ID: CPU % and MEM change between refreshes.
			const selectedId = (s: string) => selectedRow(s)?.slice(0, 13);
			const selected = async () => selectedId(await r.waitFor(s => selectedRow(s) !== undefined, 5_000, {escaped: true}));
			const first = await selected();
			await r.sendKeys('j');
			const second = await r.waitFor(s => selectedId(s) !== first, 5_000, {escaped: true}).then(selectedId);
			assert.notEqual(second, first);
			await r.sendKeys('k');
			await r.waitFor(s => selectedId(s) === first, 5_000, {escaped: true});
			await r.sendKeys('G');
			const last = await r.waitFor(s => selectedId(s) !== first, 5_000, {escaped: true}).then(selectedId);
			// The last row is the lowest row of the table that holds a container ID.
			const plain = await r.screen();
			const idRows = plain.split('\n').filter(line => containers.some(c => line.includes(shortId(c.id))));
			assert.equal(last, idRows.at(-1)?.slice(0, 13));
			await r.sendKeys('g');
			await r.waitFor(s => selectedId(s) === first, 5_000, {escaped: true});
		});

		test('Enter on a pod shows that pod\'s containers only', async () => {
			const pods = await suite.node.pods();
			const containers = await suite.node.containers();
			const pod = pods.find(p => containers.filter(c => c.podSandboxId === p.id).length >= 1 && containers.some(c => c.podSandboxId !== p.id))!;
			const mine = containers.filter(c => c.podSandboxId === pod.id);
			const others = containers.filter(c => c.podSandboxId !== pod.id);
			const r = await open();
			await r.waitFor(shortId(pod.id), 20_000);
			await selectRow(r, shortId(pod.id));
			await r.sendKeys('Enter');
			const screen = await r.waitFor(s => mine.every(c => s.includes(shortId(c.id))));
			for (const c of others) assert.ok(!screen.includes(shortId(c.id)), `container ${c.metadata?.name} of another pod is hidden`);
		});

		test('? shows the help with the keys, Esc closes it', async () => {
			const r = await open();
			await r.waitFor('POD ID', 20_000);
			await r.sendKeys('?');
			const screen = await r.waitFor('Keys');
			assert.match(screen, /quit/);
			assert.match(screen, /filter/);
			await r.sendKeys('Escape');
			await r.waitFor('POD ID');
		});
	});

	describe('actions', () => {
		test('i inspects the selected container: its full ID and JSON', async () => {
			const running = (await suite.node.containers()).find(c => c.state === 'CONTAINER_RUNNING')!;
			const r = await openOnContainer(running.id);
			await r.sendKeys('i');
			// YAML first, J for JSON; both name the full 64-hex ID.
			// crictl's shape: status first, its fields in order, so `state` is below the first screen; `id` is on it.
			const yaml = await r.waitFor(s => new RegExp(`^\\s*id: ${running.id}$`, 'm').test(s) && /^status:/m.test(s));
			assert.match(yaml, /crictl .*inspect/);
			await r.sendKeys('J');
			await r.waitFor(s => s.includes(`"id": "${running.id}"`) || (s.includes(running.id) && /"state": "CONTAINER_RUNNING"/.test(s)));
			await r.sendKeys('Escape');
			await r.waitFor(s => s.includes('CONTAINER') && !s.includes(running.id));
		});

		test('x asks naming the full ID; n cancels and the container keeps running', async () => {
			const running = (await suite.node.containers()).find(c => c.state === 'CONTAINER_RUNNING')!;
			const r = await openOnContainer(running.id);
			await r.sendKeys('x');
			const screen = await r.waitFor(running.id);
			assert.match(screen, /Stop container/);
			assert.match(screen, /crictl .*stop/);
			await r.sendKeys('n');
			await r.waitFor(s => !s.includes(running.id) && s.includes('cancelled'));
			assert.equal((await suite.node.client.containerStatus(running.id)).status?.state, 'CONTAINER_RUNNING');
		});

		test('x then y stops exactly the selected container at the runtime', async () => {
			const containers = await suite.node.containers();
			const running = containers.filter(c => c.state === 'CONTAINER_RUNNING');
			const victim = running.at(-1)!;
			const r = await openOnContainer(victim.id);
			await r.sendKeys('x');
			await r.waitFor(victim.id);
			await r.sendKeys('y');
			await waitForState(suite.node.client, victim.id, 'CONTAINER_EXITED');
			for (const other of running.filter(c => c.id !== victim.id)) {
				assert.equal((await suite.node.client.containerStatus(other.id)).status?.state, 'CONTAINER_RUNNING', `${other.metadata?.name} untouched`);
			}
			await r.waitFor(s => s.split('\n').some(line => line.includes(shortId(victim.id)) && /Exited/i.test(line)));
		});

		test('/ filters the rows as you type, Esc clears it', async () => {
			const containers = await suite.node.containers();
			const pods = new Map((await suite.node.pods()).map(p => [p.id, p]));
			// Everything a row shows, so "unrelated" means no column could match.
			const haystack = (c: (typeof containers)[number]) => {
				const pod = pods.get(c.podSandboxId)?.metadata;
				return [c.metadata?.name, pod?.name, pod?.namespace, c.image?.image, c.imageRef, c.id].join(' ').toLowerCase();
			};
			const name = [...new Set(containers.map(c => c.metadata!.name))].find(n => containers.some(c => !haystack(c).includes(n.toLowerCase())))!;
			const matching = containers.filter(c => c.metadata!.name.includes(name));
			const rest = containers.filter(c => !haystack(c).includes(name.toLowerCase()));
			assert.ok(rest.length > 0 && matching.length > 0);
			const r = await open();
			await r.waitFor('POD ID', 20_000);
			await r.sendKeys('2');
			await r.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
			await r.sendKeys('/');
			// Wait for the prompt: keys sent in the same instant as / are not yet filter input.
			await r.waitFor('type to filter');
			await r.type(name);
			const screen = await r.waitFor(s => rest.every(c => !s.includes(shortId(c.id))));
			for (const c of matching) assert.ok(screen.includes(shortId(c.id)), `${c.metadata?.name} matches ${name}`);
			assert.ok(screen.includes(name), 'the filter text is shown');
			await r.sendKeys('Escape');
			await r.waitFor(s => containers.every(c => s.includes(shortId(c.id))));
		});

		test('q quits with exit 0 and gives the terminal back clean', async () => {
			const r = await open({cols: 80, rows: 24});
			await r.waitFor('POD ID', 20_000);
			await r.sendKeys('q');
			const state = await r.exitStatus();
			assert.deepEqual({...state, screen: undefined}, {exitCode: 0, alternateScreen: false, cursorVisible: true, echo: true, canonical: true, screen: undefined});
		});
	});
});
