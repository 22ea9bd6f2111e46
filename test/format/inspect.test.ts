import {test} from 'node:test';
import assert from 'node:assert/strict';
import {inspectDocument, rfc3339Nano, ZERO_TIME} from '../../source/format/inspect.js';

test('times: Go RFC3339Nano in UTC, trailing zeros trimmed, negative and zero as Go prints them', () => {
	assert.equal(rfc3339Nano('1795841850188890073'), '2026-11-28T04:57:30.188890073Z');
	assert.equal(rfc3339Nano('1795841850100000000'), '2026-11-28T04:57:30.1Z');
	assert.equal(rfc3339Nano('1795841850000000000'), '2026-11-28T04:57:30Z');
	assert.equal(rfc3339Nano('0'), '1970-01-01T00:00:00Z');
	// cri-dockerd's Go zero time as UnixNano: what `time.Unix(0, n)` gives back.
	assert.equal(rfc3339Nano('-6795364578871345152'), '1754-08-30T22:43:41.128654848Z');
	assert.equal(rfc3339Nano('-1'), '1969-12-31T23:59:59.999999999Z');
	assert.equal(rfc3339Nano('not a time'), 'not a time');
});

const base = {
	id: 'c1', metadata: {name: 'app', attempt: 0}, createdAt: '1795841850188890073', startedAt: '1795841851000000000',
	finishedAt: '-6795364578871345152', exitCode: 0, image: {image: 'busybox:latest', annotations: {}, userSpecifiedImage: ''},
	imageRef: 'docker://sha256:abc', reason: '', message: '', labels: {b: '2', a: '1'}, annotations: {}, mounts: [],
	logPath: '/var/log/pods/x/app/0.log', imageId: '',
};

test('container: running shows finishedAt as zero time whatever the runtime sent; every field present, null when unset', () => {
	const doc = inspectDocument('container', {...base, state: 'CONTAINER_RUNNING'}, {info: '{"pid":42,"sandboxID":"p1"}'});
	const status = doc.status as Record<string, unknown>;
	assert.equal(status.createdAt, '2026-11-28T04:57:30.188890073Z');
	assert.equal(status.startedAt, '2026-11-28T04:57:31Z');
	assert.equal(status.finishedAt, ZERO_TIME);
	// cri-dockerd has no resources/user: crictl prints them as null.
	assert.equal(status.resources, null);
	assert.equal(status.user, null);
	assert.ok('stopSignal' in status);
	assert.deepEqual(Object.keys(status), [...Object.keys(status)].sort());
	assert.deepEqual(Object.keys(status.labels as object), ['a', 'b']);
	// Verbose info at the top level: containerd's one key `info`, parsed, not `info: info:`.
	assert.deepEqual(doc.info, {pid: 42, sandboxID: 'p1'});
	assert.deepEqual(Object.keys(doc), ['status', 'info']);
});

test('container: created has zero startedAt; exited shows the real finish; unknown only with a positive finish', () => {
	const created = inspectDocument('container', {...base, state: 'CONTAINER_CREATED'}, {}).status as Record<string, unknown>;
	assert.equal(created.startedAt, ZERO_TIME);
	const exited = inspectDocument('container', {...base, state: 'CONTAINER_EXITED', finishedAt: '1795841852000000001'}, {}).status as Record<string, unknown>;
	assert.equal(exited.finishedAt, '2026-11-28T04:57:32.000000001Z');
	const unknown = inspectDocument('container', {...base, state: 'CONTAINER_UNKNOWN'}, {}).status as Record<string, unknown>;
	assert.equal(unknown.finishedAt, ZERO_TIME);
});

test('info keys spread beside status, non-JSON text kept, an info key named status never replaces it', () => {
	const doc = inspectDocument('pod', {id: 'p1', createdAt: '0', state: 'SANDBOX_READY'}, {
		config: '{"sandboxImage":"pause:3.9"}', status: '"evil"', raw: 'not json',
	});
	assert.deepEqual(doc.config, {sandboxImage: 'pause:3.9'});
	assert.equal(doc.raw, 'not json');
	const status = doc.status as Record<string, unknown>;
	assert.equal(status.id, 'p1');
	assert.equal(status.createdAt, '1970-01-01T00:00:00Z');
	assert.equal(status.network, null);
	assert.equal(status.runtimeHandler, null);
});

test('image: unset messages (uid, spec) left out like crictl inspecti; no info gives only status', () => {
	const doc = inspectDocument('image', {id: 'sha256:1', repoTags: ['a:1'], repoDigests: [], size: '10', uid: null, username: '', spec: null, pinned: false}, {});
	assert.deepEqual(doc, {status: {id: 'sha256:1', pinned: false, repoDigests: [], repoTags: ['a:1'], size: '10', username: ''}});
});
