import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {
	CONTAINER_COLUMNS,
	IMAGE_COLUMNS,
	POD_COLUMNS,
	containerColumns,
	layoutColumns,
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

	test('80 columns: pods keep everything and fill the width exactly', () => {
		const l = layoutColumns(POD_COLUMNS, 80);
		assert.equal(l.map(c => `${c.key}:${c.width}`).join(' '), 'podId:13 created:14 state:8 name:13 namespace:10 attempt:7 runtime:9');
		assert.equal(used(l), 80);
	});

	test('80 columns: containers drop NAMESPACE, POD ID, then ATTEMPT; IDs stay 13', () => {
		const l = layoutColumns(CONTAINER_COLUMNS, 80);
		assert.equal(headers(l), 'CONTAINER, IMAGE, CREATED, STATE, NAME, POD, CPU %, MEM');
		assert.equal(l[0].width, 13);
		assert.equal(used(l), 80);
		const noStats = layoutColumns(containerColumns(false), 80);
		assert.equal(headers(noStats), 'CONTAINER, IMAGE, CREATED, STATE, NAME, ATTEMPT, POD');
	});

	test('wide terminals keep every column and respect max widths', () => {
		const l = layoutColumns(IMAGE_COLUMNS, 300);
		assert.equal(l.map(c => c.width).join(','), '80,40,13,7,6');
		assert.equal(layoutColumns(CONTAINER_COLUMNS, 200).length, 11);
	});

	test('never wider than the terminal, whatever the width and gap', () => {
		for (const cols of [POD_COLUMNS, CONTAINER_COLUMNS, IMAGE_COLUMNS]) {
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
