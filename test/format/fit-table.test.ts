import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compactAge, compactDuration} from '../../source/format/age.js';
import {CONTAINER_COLUMNS} from '../../source/format/columns.js';
import {fitTable} from '../../source/format/fit-table.js';
import {containerRow} from '../../source/format/rows.js';
import {container, pod} from '../state/fake-client.js';

const S = 1_000_000_000n;

test('compact ages as kubectl/k9s print them', () => {
	const cases: Array<[bigint, string]> = [
		[0n, '0s'], [45n * S, '45s'], [119n * S, '119s'], [330n * S, '5m30s'], [300n * S, '5m'], [42n * 60n * S, '42m'],
		[(7n * 60n + 10n) * 60n * S, '7h10m'], [20n * 3600n * S, '20h'], [(3n * 24n + 4n) * 3600n * S, '3d4h'],
		[12n * 86_400n * S, '12d'], [(2n * 365n + 30n) * 86_400n * S, '2y30d'], [9n * 365n * 86_400n * S, '9y'],
	];
	for (const [ns, text] of cases) assert.equal(compactDuration(ns), text, String(ns));
	assert.equal(compactAge('0', 1), '');
	assert.equal(compactAge(String(1_000n * 1_000_000n), 61_000), '60s');
});

const NOW = 1_800_000_000_000;
const ago = (seconds: number) => String(BigInt(NOW) * 1_000_000n - BigInt(seconds) * S);

test('120 columns: CREATED gets the full crictl form because NAME only takes what its names need', () => {
	const p = pod('p'.repeat(64), 'web-1', 'default');
	const rows = [container('a'.repeat(64), 'nginx', p.id), container('b'.repeat(64), 'app', p.id)].map((c, i) => {
		c.createdAt = ago(i === 0 ? 70 : 0);
		return containerRow(c, new Map([[p.id, p]]), NOW, {cpuPercent: 1, memoryBytes: '1000'});
	});
	const {columns, cells} = fitTable(CONTAINER_COLUMNS, rows, 120);
	const width = (key: string) => columns.find(c => c.key === key)?.width ?? 0;
	assert.equal(cells[0].created, 'About a minute ago');
	assert.equal(cells[1].created, 'Less than a second ago');
	assert.ok(width('created') >= 'Less than a second ago'.length, `CREATED ${width('created')}`);
	assert.ok(width('name') <= 'nginx'.length + 1, `NAME keeps no empty space: ${width('name')}`);
	assert.ok(columns.some(c => c.key === 'namespace'));
	assert.ok(columns.reduce((s, c) => s + c.width + 1, -1) <= 120);
});

test('80 columns: ATTEMPT kept; a cut age becomes compact, never "About a minut…"', () => {
	const p = pod('p'.repeat(64), 'payments-api-7c9d8f6b5-x2x4q', 'payments');
	const c = container('a'.repeat(64), 'payments-api-worker', p.id);
	c.createdAt = ago(75);
	const {columns, cells} = fitTable(CONTAINER_COLUMNS, [containerRow(c, new Map([[p.id, p]]), NOW, {cpuPercent: 1, memoryBytes: '1000'})], 80);
	assert.ok(columns.some(col => col.key === 'attempt'));
	const created = columns.find(col => col.key === 'created')!;
	assert.ok(cells[0].created === 'About a minute ago' ? created.width >= 18 : cells[0].created === '75s', cells[0].created);
});
