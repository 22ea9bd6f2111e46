import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {
	CONTAINER_COLUMNS,
	IMAGE_COLUMNS,
	POD_COLUMNS,
	containerColumns,
	layoutColumns,
	podColumns,
} from '../../source/format/columns.js';

const headers = (cols: ReadonlyArray<{header: string}>) => cols.map(c => c.header).join(', ');
const used = (cols: ReadonlyArray<{width: number}>, gap = 1) =>
	cols.reduce((s, c) => s + c.width, 0) + gap * Math.max(0, cols.length - 1);

describe('columns', () => {
	test("crictl's headers", () => {
		assert.equal(headers(POD_COLUMNS), 'POD ID, CREATED, STATE, NAME, NAMESPACE, ATTEMPT, RUNTIME');
		assert.equal(headers(containerColumns(false)), 'CONTAINER, IMAGE, CREATED, STATE, NAME, ATTEMPT, POD ID, POD, NAMESPACE');
		assert.equal(headers(CONTAINER_COLUMNS), 'CONTAINER, IMAGE, CREATED, STATE, NAME, ATTEMPT, POD ID, POD, NAMESPACE, CPU %, MEM');
		assert.equal(headers(IMAGE_COLUMNS), 'IMAGE, TAG, IMAGE ID, SIZE, PINNED');
	});

	test('80 columns: pods drop RUNTIME (and ATTEMPT beside CPU/MEM) so NAME gets the room; CREATED fits "3 minutes ago"', () => {
		const l = layoutColumns(POD_COLUMNS, 80);
		assert.equal(headers(l), 'POD ID, CREATED, STATE, NAME, NAMESPACE, ATTEMPT');
		const width = (cols: typeof l, key: string) => cols.find(c => c.key === key)?.width ?? 0;
		assert.ok(width(l, 'name') >= 22, `NAME ${width(l, 'name')}`);
		assert.ok(width(l, 'created') >= 13);
		assert.equal(used(l), 80);
		const stats = layoutColumns(podColumns(true), 80);
		assert.equal(headers(stats), 'POD ID, CREATED, STATE, NAME, NAMESPACE, CPU %, MEM');
		assert.ok(width(stats, 'name') >= 17, `NAME ${width(stats, 'name')}`);
		assert.ok(width(stats, 'created') >= 13);
		assert.equal(used(stats), 80);
		assert.equal(headers(podColumns(false)), headers(POD_COLUMNS));
	});

	test('80 columns: containers drop NAMESPACE, POD ID, IMAGE (then ATTEMPT beside CPU/MEM); NAME and POD get the room; IDs stay 13', () => {
		const l = layoutColumns(CONTAINER_COLUMNS, 80);
		assert.equal(headers(l), 'CONTAINER, CREATED, STATE, NAME, POD, CPU %, MEM');
		assert.equal(l[0].width, 13);
		assert.equal(used(l), 80);
		const width = (cols: typeof l, key: string) => cols.find(c => c.key === key)?.width ?? 0;
		assert.ok(width(l, 'name') >= 12 && width(l, 'podName') >= 14);
		const noStats = layoutColumns(containerColumns(false), 80);
		assert.equal(headers(noStats), 'CONTAINER, CREATED, STATE, NAME, ATTEMPT, POD');
		assert.ok(width(noStats, 'name') >= 15 && width(noStats, 'podName') >= 15);
		// A wider terminal brings IMAGE back first.
		assert.match(headers(layoutColumns(CONTAINER_COLUMNS, 100)), /IMAGE/);
	});

	test('wide terminals keep every column and respect max widths', () => {
		const l = layoutColumns(IMAGE_COLUMNS, 300);
		assert.equal(l.map(c => c.width).join(','), '80,40,13,7,6');
		assert.equal(layoutColumns(CONTAINER_COLUMNS, 200).length, 11);
	});

	test('never wider than the terminal, whatever the width and gap', () => {
		for (const cols of [POD_COLUMNS, podColumns(true), CONTAINER_COLUMNS, IMAGE_COLUMNS]) {
			for (let w = 1; w <= 260; w++) {
				for (const gap of [1, 2, 3]) {
					const l = layoutColumns(cols, w, gap);
					assert.ok(used(l, gap) <= w, `${w}/${gap}: ${used(l, gap)}`);
					assert.ok(l.every(c => c.width >= 1));
				}
			}
		}
	});

	test('very narrow: must-keep columns are squeezed', () => {
		const l = layoutColumns(POD_COLUMNS, 20);
		assert.equal(headers(l), 'POD ID, STATE, NAME');
		assert.ok(used(l) <= 20);
	});
});
