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

	test('80 columns: pods drop RUNTIME only beside CPU/MEM; ATTEMPT always stays; NAME ≥ 15', () => {
		const width = (cols: ReturnType<typeof layoutColumns>, key: string) => cols.find(c => c.key === key)?.width ?? 0;
		const l = layoutColumns(POD_COLUMNS, 80);
		assert.equal(headers(l), 'POD ID, CREATED, STATE, NAME, NAMESPACE, ATTEMPT, RUNTIME');
		assert.ok(width(l, 'name') >= 15, `NAME ${width(l, 'name')}`);
		assert.ok(used(l) <= 80);
		const stats = layoutColumns(podColumns(true), 80);
		assert.equal(headers(stats), 'POD ID, CREATED, STATE, NAME, NAMESPACE, ATTEMPT, CPU %, MEM');
		assert.ok(width(stats, 'name') >= 15 && width(stats, 'created') >= 8);
		assert.ok(used(stats) <= 80);
		assert.equal(headers(podColumns(false)), headers(POD_COLUMNS));
	});

	test('80 columns: containers keep ATTEMPT (the restart count) and POD, drop POD ID and IMAGE; IDs stay 13', () => {
		const width = (cols: ReturnType<typeof layoutColumns>, key: string) => cols.find(c => c.key === key)?.width ?? 0;
		const l = layoutColumns(CONTAINER_COLUMNS, 80);
		assert.equal(headers(l), 'CONTAINER, CREATED, STATE, NAME, ATTEMPT, POD, CPU %, MEM');
		assert.equal(l[0].width, 13);
		assert.ok(used(l) <= 80);
		assert.ok(width(l, 'name') >= 12 && width(l, 'podName') >= 13 && width(l, 'created') >= 8);
		const noStats = layoutColumns(containerColumns(false), 80);
		assert.equal(headers(noStats), 'CONTAINER, CREATED, STATE, NAME, ATTEMPT, POD, NAMESPACE');
		// A wider terminal brings NAMESPACE back first, then IMAGE.
		assert.match(headers(layoutColumns(CONTAINER_COLUMNS, 100)), /NAMESPACE/);
		assert.match(headers(layoutColumns(CONTAINER_COLUMNS, 110)), /IMAGE/);
	});

	test('120 columns: every container column, NAMESPACE included', () => {
		assert.equal(headers(layoutColumns(CONTAINER_COLUMNS, 120)), headers(CONTAINER_COLUMNS));
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
		assert.equal(headers(l), 'POD ID, STATE, NAME, ATTEMPT');
		assert.ok(used(l) <= 20);
	});

	test('narrower than the must-keep minimums: NAME gives up room before the IDs, STATE and ATTEMPT are cut', () => {
		// The must-keep pod columns need 13+8+15+7 and 3 gaps = 46; containers 13+7+12+7 and 3 = 42.
		for (const [cols, id] of [[POD_COLUMNS, 'POD ID'], [CONTAINER_COLUMNS, 'CONTAINER']] as const) {
			for (const w of [40, 41, 45]) {
				const l = layoutColumns(cols, w);
				assert.ok(used(l) <= w, `${id} at ${w}: ${used(l)}`);
				assert.equal(l.find(c => c.header === id)?.width, 13, `${id} at ${w}`);
				assert.equal(l.find(c => c.key === 'attempt')?.width, 7, `ATTEMPT at ${w}`);
				assert.ok(l.find(c => c.key === 'name')!.width >= 8, `NAME at ${w}`);
			}
		}
	});
});
