import {test} from 'node:test';
import assert from 'node:assert/strict';
import {loadWarning, verdicts} from '../../bench/report.js';
import {summarise} from '../../bench/stats.js';
import type {SizeResult} from '../../bench/size.js';

const size = (n: number, measured: Record<string, number[]>, notMeasured: Record<string, string> = {}, load = 0.5): SizeResult => ({
	n, pods: 1, images: 1, budgetSeconds: 60, load: {start: load, end: load}, notes: [],
	measured: Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, summarise(v)])), notMeasured,
});

test('a figure that was not measured is never a MISS: it says not measured and why', () => {
	const list = verdicts([size(100, {'node frame': [100]}, {'bin first frame': 'the step failed: boom'})]);
	const first = list.find(v => v.target.startsWith('first live frame in tmux, bin'))!;
	assert.equal(first.result, 'not measured');
	assert.equal(first.why, 'the step failed: boom');
	const rss = list.find(v => v.target === 'peak RSS, bin')!;
	assert.equal(rss.result, 'not measured');
	assert.match(rss.why!, /N=10,000 was not run/);
	assert.ok(list.every(v => v.result !== 'MISS'));
});

test('ratio targets are judged against the baseline measured in the same run', () => {
	const list = verdicts([size(100, {'node frame': [100, 100, 100], 'bin first frame': [190, 210, 199], 'node -e 0': [50], 'bin print': [160]})]);
	assert.equal(list.find(v => v.target.startsWith('first live frame in tmux, bin'))!.result, 'pass');
	const print = list.find(v => v.target === 'one-shot print, bin, median')!;
	assert.equal(print.result, 'MISS');
	assert.match(print.measured, /3\.2×/);
});

test('a load above the core count is reported as too high to trust', () => {
	assert.equal(loadWarning([size(100, {}, {}, 1.2)], 2), undefined);
	assert.match(loadWarning([size(100, {}, {}, 3.5)], 2)!, /3\.5 on 2 cores/);
});
