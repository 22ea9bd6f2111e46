import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, mkdir, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {findPreviousContainer, previousAttemptPath, previousLogCandidates, tailFirst} from '../../source/wire/log-previous.js';
import type {Container, ContainerStatus} from '../../source/model/cri-types.js';
import {allowLogRoot} from '../../source/wire/log-access.js';

const container = (id: string, name: string, attempt: number, pod = 'pod1'): Container => ({
	id, podSandboxId: pod, metadata: {name, attempt}, image: null, imageRef: '', state: 'CONTAINER_EXITED',
	createdAt: '0', labels: {}, annotations: {}, imageId: '',
});
const status = (id: string, attempt: number, logPath: string) => ({id, metadata: {name: 'app', attempt}, logPath}) as ContainerStatus;

test('previousAttemptPath follows crictl: the file named attempt-1 beside the current one', () => {
	assert.equal(previousAttemptPath('/var/log/pods/ns_p_uid/app/3.log', 3), '/var/log/pods/ns_p_uid/app/2.log');
	assert.equal(previousAttemptPath('/var/log/pods/ns_p_uid/app/1.log', 0), undefined);
	assert.equal(previousAttemptPath('', 2), undefined);
	assert.equal(previousAttemptPath('/var/log/weird/stdout', 2), undefined);
});

test('findPreviousContainer: same pod and name, the latest earlier attempt', () => {
	const all = [container('c2', 'app', 2), container('c0', 'app', 0), container('c1', 'app', 1), container('x1', 'app', 1, 'pod2'), container('s1', 'side', 1)];
	assert.equal(findPreviousContainer(all[0], all)?.id, 'c1');
	assert.equal(findPreviousContainer(all[1], all), undefined);
});

test('candidates: the pattern path first, then the listed previous container, under --host-root', async () => {
	const current = container('c2', 'app', 2);
	const all = [current, container('c1', 'app', 1)];
	const client = {containerStatus: async (id: string) => ({status: status(id, 1, '/logs/elsewhere/c1.log'), info: {}})};
	const paths = await previousLogCandidates(client, current, status('c2', 2, '/logs/app/2.log'), all, p => `/host${p}`);
	assert.deepEqual(paths, ['/host/logs/app/1.log', '/host/logs/elsewhere/c1.log']);
});

test('tailFirst uses the first file that exists and names every place looked at otherwise', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'crisock-prev-'));
	allowLogRoot(dir);
	try {
		await mkdir(join(dir, 'app'));
		await writeFile(join(dir, 'app', 'b.log'), '2026-11-23T02:00:00Z stdout F before the crash\n');
		const found = await tailFirst([join(dir, 'app', 'a.log'), join(dir, 'app', 'b.log')], {lines: 5});
		assert.equal(found.path, join(dir, 'app', 'b.log'));
		assert.deepEqual(found.lines.map(l => l.text), ['before the crash']);
		await assert.rejects(tailFirst([join(dir, 'x.log'), join(dir, 'y.log')], {}), {
			message: `no log of the previous attempt: looked at ${join(dir, 'x.log')} and ${join(dir, 'y.log')} (the runtime may have removed it)`,
		});
		await assert.rejects(tailFirst([], {}), /has not restarted/);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});
