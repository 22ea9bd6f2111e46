// The table draws its rows in screen slots (table.tsx slotKey): a page down gives each slot new
// text instead of unmounting every row and mounting new ones (each a new ink node and yoga node).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import Yoga from 'yoga-layout';
import {render} from 'ink-testing-library';
import {slotKey, Table, type TableRowData} from '../../source/ui/table.js';
import type {LaidOutColumn} from '../../source/format/columns.js';

const columns: Array<LaidOutColumn<'name'>> = [{key: 'name', header: 'NAME', width: 20, align: 'left', keep: 1, policy: {kind: 'fixed', width: 20}}];
const list: Array<TableRowData<'name'>> = Array.from({length: 100}, (_, i) => ({key: `id-${i}`, cells: {name: `row-${i}`}}));
const height = 10;
const at = (top: number, selected: number) => <Table columns={columns} rows={list.slice(top, top + height)} first={top} selected={selected - top} height={height} />;

test('slot keys: the rows of any window differ; a window one row lower reuses all but one slot', () => {
	for (const h of [1, 2, 10, 24]) {
		for (let top = 0; top < 60; top++) {
			const keys = Array.from({length: h}, (_, i) => slotKey(top + i, h));
			assert.equal(new Set(keys).size, h);
			const lower = Array.from({length: h}, (_, i) => slotKey(top + 1 + i, h));
			assert.equal(keys.filter(k => lower.includes(k)).length, h, 'the same slots, one moved from top to bottom');
			assert.equal(lower.at(-1), keys[0]);
		}
	}
});

test('a page down draws the next rows with no new ink nodes; the frame is the rows of that window', () => {
	const create = Yoga.Node.create.bind(Yoga.Node);
	let created = 0;
	Yoga.Node.create = ((...args: Parameters<typeof create>) => {
		created++;
		return create(...args);
	}) as typeof Yoga.Node.create;
	const app = render(at(0, 0));
	try {
		assert.match(app.lastFrame()!, /row-0\n/);
		const mounted = created;
		assert.ok(mounted >= height, `the first frame made its nodes (${mounted})`);
		app.rerender(at(10, 10));
		const frame = app.lastFrame()!;
		assert.deepEqual(frame.split('\n').slice(1).map(line => line.trim()), list.slice(10, 20).map(r => r.cells.name));
		assert.equal(created, mounted, 'no node made for a page down');
		app.rerender(at(11, 20));
		assert.equal(app.lastFrame()!.split('\n')[1]!.trim(), 'row-11');
		assert.equal(app.lastFrame()!.split('\n').at(-1)!.trim(), 'row-20');
		assert.equal(created, mounted, 'none for a window moved by one row');
	} finally {
		Yoga.Node.create = create;
		app.unmount();
	}
});
