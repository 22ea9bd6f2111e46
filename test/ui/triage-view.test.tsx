import {test, describe, before, after, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {renderApp, sampleNode, unmountAll, keys} from './helpers.js';
import {fakeClient} from '../state/fake-client.js';
import {CriError} from '../../source/wire/errors.js';
import {triageLines} from '../../source/ui/triage-view.js';
import type {ContainerStatus} from '../../source/model/cri-types.js';
import {allowLogRoot} from '../../source/wire/log-access.js';

let dir: string;

const ns = (s: number) => `${BigInt(s) * 1_000_000_000n}`;

/** The sample node, with real log files, an exit code and a remove that is refused like --read-only. */
function troubledApp() {
	const node = sampleNode();
	const exited = node.containers[1];
	exited.metadata = {name: 'postgres', attempt: 1};
	return renderApp(node, {
		connect(runtime: string) {
			const base = fakeClient(node, runtime);
			return Object.assign(base, {
				async containerStatus(id: string) {
					const c = node.containers.find(x => x.id === id)!;
					const status: ContainerStatus = {
						...c, startedAt: ns(1_700_000_100), finishedAt: ns(1_700_000_160), exitCode: 1, reason: 'Error', message: 'back-off restarting',
						mounts: [], logPath: join(dir, c.metadata!.name, `${c.metadata!.attempt}.log`),
					};
					return {status, info: {}};
				},
				async removeContainer() {
					throw new CriError('read-only mode: RemoveContainer was not sent (start without --read-only to allow it)', 'read-only', 'RemoveContainer', runtime);
				},
				containerEvents: (_on: unknown, onError: (e: Error) => void) => {
					setImmediate(() => onError(new CriError('no events', 'unimplemented', 'GetContainerEvents', runtime, 12)));
					return {cancel() {}};
				},
			});
		},
	});
}

describe('troubleshooting views in the app', () => {
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), 'crisock-triage-'));
		allowLogRoot(dir); // the test's log directory, as --log-root would add it
		await mkdir(join(dir, 'postgres'));
		await writeFile(join(dir, 'postgres', '1.log'), '2026-11-23T02:00:00.000000000Z stderr F FATAL: could not open data dir\n');
		await writeFile(join(dir, 'postgres', '0.log'), '2026-11-23T01:00:00.000000000Z stdout F first attempt said goodbye\n');
	});
	after(async () => {
		await rm(dir, {recursive: true, force: true});
	});
	afterEach(unmountAll);

	test('t on an exited container: state, exit code, reason, times, both logs and their crictl lines', async () => {
		const app = troubledApp();
		await app.waitFor(/web-1/);
		await app.press('2', keys.down, 't');
		const frame = await app.frameWith(/triage postgres/, /ran for about a minute/, /FATAL: could not open data dir/, /first attempt said goodbye/, /crictl .*logs -p d{13}/);
		assert.match(frame, /triage postgres d{64}/);
		assert.match(frame, /state Exited {2}exit code 1 {2}reason Error {2}attempt 1/);
		assert.match(frame, /message back-off restarting/);
		assert.match(frame, /ran for about a minute/);
		assert.match(frame, /FATAL: could not open data dir/);
		assert.match(frame, /crictl .*logs --tail 20 d{13}/);
		assert.match(frame, /first attempt said goodbye/);
		assert.match(frame, /crictl .*logs -p d{13}/);
		await app.press(keys.escape);
		assert.match(await app.waitFor(/CONTAINER/), /CONTAINER/);
	});

	test('l opens the followed log with the crictl line in the footer; p the previous attempt', async () => {
		const app = troubledApp();
		await app.waitFor(/web-1/);
		await app.press('2', keys.down, 'l');
		assert.match(await app.waitFor(/logs postgres d{13} {2}following/), /logs postgres d{13} {2}following/);
		assert.match(await app.waitFor(/FATAL: could not open data dir/), /FATAL: could not open data dir/);
		assert.match(await app.waitFor(/crictl .*logs -f --tail 200 d{13}/), /crictl .*logs -f --tail 200 d{13}/);
		await app.press(keys.escape, 'p');
		assert.match(await app.waitFor(/previous attempt/), /previous attempt/);
		assert.match(await app.waitFor(/first attempt said goodbye/), /first attempt said goodbye/);
		assert.match(await app.waitFor(/crictl .*logs -p --tail 200 d{13}/), /crictl .*logs -p --tail 200 d{13}/);
	});

	test('Ctrl-D names the full ID and what else goes; a refused remove shows the client\'s sentence', async () => {
		const app = troubledApp();
		await app.waitFor(/web-1/);
		await app.press('2', keys.down, '\u0004');
		assert.match(await app.waitFor(/Remove container postgres\?/), /Remove container postgres\?/);
		assert.match(await app.waitFor(/ID: d{64}/), /ID: d{64}/);
		assert.match(await app.waitFor(/log file and its rotations are deleted, as crictl rm does/), /log file and its rotations are deleted, as crictl rm does/);
		await app.press('y');
		assert.match(await app.waitFor(/read-only mode: RemoveContainer was not sent/), /read-only mode: RemoveContainer was not sent/);
	});

	test('4 lists events; without a stream the title says they are inferred', async () => {
		const app = troubledApp();
		await app.waitFor(/web-1/);
		await app.press('4');
		assert.match(await app.waitFor(/events inferred from refreshes \(GetContainerEvents not supported by containerd\)/), /events inferred from refreshes \(GetContainerEvents not supported by containerd\)/);
	});

	test('s on an exited container says a shell needs a running one', async () => {
		const app = troubledApp();
		await app.waitFor(/web-1/);
		await app.press('2', keys.down, 's');
		assert.match(await app.waitFor(/no shell: postgres is Exited/), /no shell: postgres is Exited/);
	});
});

test('triageLines: a running container with usage shows sparklines; stats unsupported says so', () => {
	const status = {id: 'c', metadata: {name: 'web', attempt: 0}, state: 'CONTAINER_RUNNING', createdAt: '0', startedAt: '0', finishedAt: '0', exitCode: 0, reason: '', message: '', image: null, imageRef: 'sha256:x', logPath: ''} as unknown as ContainerStatus;
	const data = {phase: 'ready' as const, status, current: {lines: [], path: ''}, previous: null};
	const entry = {usage: {cpuPercent: 12.5, memoryBytes: '1048576'}, cpu: [1, 5, 10, 12.5], memory: [1, 1, 1, 1], last: {timestampNs: 0, cpuNs: 0, memoryBytes: null}};
	const lines = triageLines(data, 'c', {}, Date.now(), {entry}).map(l => l.text);
	assert.ok(lines.some(l => /^CPU [▁-█]{4} 12\.5% {3}MEM [▁-█]{4} 1\.049MB/.test(l)), lines.join('\n'));
	assert.ok(lines.includes('no previous attempt (attempt 0)'));
	const unsupported = triageLines(data, 'c', {}, Date.now(), {unsupported: 'not supported by docker'}).map(l => l.text);
	assert.ok(unsupported.includes('usage: not supported by docker'));
});
