// The logs view's --tail and --since (issue 10): T and S in the view, the dashboard's defaults, the
// footer's crictl line, and the lines read, against a real log file.
import {test, describe, before, after, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {renderApp, sampleNode, unmountAll} from './helpers.js';
import {fakeClient} from '../state/fake-client.js';
import {allowLogRoot} from '../../source/wire/log-access.js';
import type {ContainerStatus} from '../../source/model/cri-types.js';
import type {AppProps} from '../../source/ui/app.js';

let dir: string;
const stamp = (i: number) => `2026-11-23T02:00:${String(i).padStart(2, '0')}.000000000Z`;

function logsApp(props: Partial<AppProps> = {}) {
	const node = sampleNode();
	return renderApp(node, {
		connect(runtime: string) {
			return Object.assign(fakeClient(node, runtime), {
				async containerStatus(id: string) {
					const c = node.containers.find(x => x.id === id)!;
					return {status: {...c, mounts: [], logPath: join(dir, c.metadata!.name, '0.log')} as unknown as ContainerStatus, info: {}};
				},
			});
		},
		...props,
	});
}

const msgs = (frame: string) => [...frame.matchAll(/msg-(\d\d)/g)].map(m => Number(m[1]));
const backspaces = (n: number) => Array.from({length: n}, () => '\u007F');

describe('logs --tail and --since', () => {
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), 'crisock-logs-options-'));
		allowLogRoot(dir);
		await mkdir(join(dir, 'nginx'));
		const text = Array.from({length: 50}, (_, i) => `${stamp(i)} stdout F msg-${String(i).padStart(2, '0')}\n`).join('');
		await writeFile(join(dir, 'nginx', '0.log'), text);
	});
	after(async () => {
		await rm(dir, {recursive: true, force: true});
	});
	afterEach(unmountAll);

	test('T sets the tail: the crictl line says --tail N and only the last N lines are read', async () => {
		const app = logsApp();
		await app.waitFor(/web-1/);
		await app.press('2', 'l');
		const first = await app.frameWith(/msg-49/, /crictl .*logs -f --tail 200 c{13}/);
		assert.match(first, /\$ crictl .*logs -f --tail 200 c{13}/);
		// Scrolled up (paused): a new tail reads the log again from its end, following.
		await app.press('k');
		await app.waitFor(/paused/);
		await app.press('T');
		assert.match(await app.waitFor(/tail lines \(-1 all\): 200_/), /tail lines/, 'the prompt starts with the value in use');
		await app.press(...backspaces(3), '3', '\r');
		const three = await app.frameWith(/\$ crictl .*logs -f --tail 3 c{13}/, f => msgs(f).length === 3);
		assert.match(three, /\$ crictl .*logs -f --tail 3 c{13}/);
		assert.deepEqual(msgs(three), [47, 48, 49]);
		assert.match(three, /following · stdout\+stderr · no wrap · tail 3/);
	});

	test('S sets --since (an RFC 3339 time): earlier lines go; a bad value is a sentence and changes nothing', async () => {
		const app = logsApp();
		await app.waitFor(/web-1/);
		await app.press('2', 'l');
		await app.waitFor(/msg-49/);
		await app.press('S', ...'soon', '\r');
		const refused = await app.waitFor(/since "soon": give a duration like 10m or a time like 2024-01-02T15:04:05Z, or nothing for all/);
		assert.match(refused, /\$ crictl .*logs -f --tail 200 c{13}$/m);
		await app.press('S', ...'2026-11-23T02:00:45Z', '\r');
		const since = await app.frameWith(/--since 2026-11-23T02:00:45Z c{13}/, f => msgs(f)[0] === 45);
		assert.match(since, /\$ crictl .*logs -f --tail 200 --since 2026-11-23T02:00:45Z c{13}/);
		assert.deepEqual(msgs(since), [45, 46, 47, 48, 49]);
		// The choice is kept for the next log opened (here: the same one again).
		await app.press('\u001B');
		await app.waitFor(f => !/logs nginx/.test(f));
		await app.press('l');
		assert.deepEqual(msgs(await app.frameWith(/logs nginx/, f => msgs(f).length === 5)), [45, 46, 47, 48, 49]);
	});

	test('the dashboard\'s defaults (--tail/--since flags) are what a logs view opens with', async () => {
		const app = logsApp({initialUi: {logOptions: {tail: 2, since: '1h'}}});
		await app.waitFor(/web-1/);
		await app.press('2', 'l');
		// Every line is from 2026-11-23, long before the last hour: none is read.
		const none = await app.frameWith(/the log is empty/, /\$ crictl .*logs -f --tail 2 --since 1h c{13}/);
		assert.match(none, /\$ crictl .*logs -f --tail 2 --since 1h c{13}/);
		assert.deepEqual(msgs(none), []);
		await app.press('S', ...backspaces(2), '\r');
		const two = await app.frameWith(/\$ crictl .*logs -f --tail 2 c{13}/, f => msgs(f).length === 2);
		assert.deepEqual(msgs(two), [48, 49]);
	});
});
