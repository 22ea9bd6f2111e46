import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, writeFileSync, symlinkSync, existsSync, lstatSync, rmSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {isLogRotationOf, removeLogFiles} from '../../source/wire/log-remove.js';

function scratch() {
	const root = mkdtempSync(path.join(tmpdir(), 'crisock-logrm-'));
	const dir = path.join(root, 'pods', 'ns_pod_uid', 'app');
	mkdirSync(dir, {recursive: true});
	return {root, dir};
}

test('rotations: N, kubelet timestamps, .gz; nothing else', () => {
	for (const name of ['0.log', '0.log.1', '0.log.20261128-040000', '0.log.20261128-040000.gz', '0.log.3.gz']) assert.ok(isLogRotationOf('0.log', name), name);
	for (const name of ['0.logx', '1.log', '0.log.tmp', '0.log.1.txt', '0.log.', 'x0.log']) assert.ok(!isLogRotationOf('0.log', name), name);
});

test('deletes the log file and its rotations, leaves other files, never follows a link', async () => {
	const {root, dir} = scratch();
	try {
		const outside = path.join(root, 'precious');
		writeFileSync(outside, 'keep me');
		for (const name of ['0.log', '0.log.1', '0.log.20261128-040000.gz', '1.log', 'notes']) writeFileSync(path.join(dir, name), 'x');
		// A rotation name that is a link to a file outside: the link goes, the file stays.
		symlinkSync(outside, path.join(dir, '0.log.2'));
		mkdirSync(path.join(dir, '0.log.3'));
		const result = await removeLogFiles(path.join(dir, '0.log'));
		assert.equal(result.problem, undefined);
		assert.deepEqual(result.removed.map(f => path.basename(f)), ['0.log', '0.log.1', '0.log.2', '0.log.20261128-040000.gz']);
		assert.deepEqual(readdirSync(dir).sort(), ['0.log.3', '1.log', 'notes']);
		assert.ok(existsSync(outside));
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
});

test('a folder reached through a link, a relative or odd path: nothing deleted, a sentence says why', async () => {
	const {root, dir} = scratch();
	try {
		writeFileSync(path.join(dir, '0.log'), 'x');
		const linked = path.join(root, 'linked');
		symlinkSync(dir, linked);
		const viaLink = await removeLogFiles(path.join(linked, '0.log'));
		assert.deepEqual(viaLink.removed, []);
		assert.match(viaLink.problem ?? '', /symbolic link/);
		assert.match((await removeLogFiles('pods/app/0.log')).problem ?? '', /not a plain absolute path/);
		assert.match((await removeLogFiles(`${dir}/../app/0.log`)).problem ?? '', /not a plain absolute path/);
		assert.ok(lstatSync(path.join(dir, '0.log')).isFile());
		assert.deepEqual(await removeLogFiles(''), {removed: []});
		assert.deepEqual(await removeLogFiles(path.join(root, 'gone', '0.log')), {removed: []});
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
});

test('under a host root: the node path is placed under it', async () => {
	const {root, dir} = scratch();
	try {
		writeFileSync(path.join(dir, '0.log'), 'x');
		const nodePath = `/${path.relative(root, path.join(dir, '0.log'))}`;
		const result = await removeLogFiles(nodePath, {hostRoot: root});
		assert.deepEqual(result.removed, [path.join(dir, '0.log')]);
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
});
