import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {mkdtemp, rm, writeFile, appendFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {locateCurrentLog, locatePreviousLog, useLogs, type UseLogsOptions} from '../../source/state/use-logs.js';
import {findMatch, initialLogsView, logsViewReducer, shownLines} from '../../source/state/logs-view-state.js';
import type {Container, ContainerStatus} from '../../source/model/cri-types.js';
import {waitFor} from '../support/wait.js';
import {allowLogRoot} from '../../source/wire/log-access.js';

const line = (i: number) => `2026-11-23T02:00:0${i % 10}.000000000Z stdout F hello ${i}\n`;

function Probe(props: UseLogsOptions) {
	const data = useLogs(props);
	return <Text>{`${data.phase}|${data.error ?? ''}|${data.lines.map(l => l.text).join(',')}`}</Text>;
}

/** Waits until check() is true (polling every 10 ms, 10 s at most). */
const until = async (check: () => boolean) => waitFor(check, {intervalMs: 10, what: String(check)});

test('useLogs tails, follows appended lines and reports a missing file with the path', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'crisock-uselogs-'));
	allowLogRoot(dir); // the test's log directory, as --log-root would add it
	try {
		const path = join(dir, '0.log');
		await writeFile(path, line(1) + line(2) + line(3));
		const r = render(<Probe key="a" locate={async () => [path]} tail={2} pollMs={20} />);
		await until(() => r.lastFrame() === 'ready||hello 2,hello 3');
		await appendFile(path, line(4));
		await until(() => r.lastFrame() === 'ready||hello 2,hello 3,hello 4');
		r.rerender(<Probe key="b" locate={async () => [join(dir, 'gone.log')]} tail={2} pollMs={20} />);
		await until(() => r.lastFrame()!.startsWith('error|'));
		assert.match(r.lastFrame()!, /no log file at .*gone\.log/);
		r.unmount();
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});

test('locating logs: --host-root applied, no logPath explained, previous attempt by pattern', async () => {
	const status = {id: 'c2', metadata: {name: 'app', attempt: 2}, logPath: '/var/log/pods/ns_p_u/app/2.log'} as ContainerStatus;
	const client = {containerStatus: async (id: string) => ({status: id === 'none' ? ({...status, logPath: ''}) : status, info: {}})};
	assert.deepEqual(await locateCurrentLog(client, 'c2', p => `/host${p}`), ['/host/var/log/pods/ns_p_u/app/2.log']);
	await assert.rejects(locateCurrentLog(client, 'none', p => p), /reports no log path for container none/);
	const c = {id: 'c2', podSandboxId: 'p', metadata: {name: 'app', attempt: 2}} as Container;
	assert.deepEqual(await locatePreviousLog(client, c, [c], p => p), ['/var/log/pods/ns_p_u/app/1.log']);
});

test('logs view state: scrolling up pauses, G resumes, stream filter keeps raw lines, search wraps around', () => {
	const t = (text: string, stream: 'stdout' | 'stderr' | 'raw' = 'stdout') => ({time: '', stream, text});
	let s = logsViewReducer(initialLogsView, {type: 'scroll', by: -3, shown: 10, received: 10});
	assert.equal(s.paused, true);
	assert.equal(s.bottom, 6);
	assert.equal(s.frozenAt, 10);
	s = logsViewReducer(s, {type: 'end'});
	assert.deepEqual([s.paused, s.bottom], [false, null]);
	const lines = [t('a'), t('b', 'stderr'), t('garbage', 'raw')];
	assert.deepEqual(shownLines(lines, {paused: false, frozenAt: 0, stream: 'stdout'}).map(l => l.text), ['a', 'garbage']);
	assert.equal(findMatch(lines, 'A', 2, 1), 0);
	assert.equal(findMatch(lines, 'zz', 0, 1), -1);
});
