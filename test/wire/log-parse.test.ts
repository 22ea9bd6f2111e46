import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {createLogJoiner, logTimeMs, parseLogLines, parseLogRecord} from '../../source/wire/log-parse.js';

const t = '2026-11-23T02:24:59.123456789Z';

describe('parseLogRecord', () => {
	test('CRI full and partial records', () => {
		assert.deepEqual(parseLogRecord(`${t} stdout F hello world`), {format: 'cri', time: t, stream: 'stdout', partial: false, message: 'hello world'});
		assert.deepEqual(parseLogRecord(`${t} stderr P part`), {format: 'cri', time: t, stream: 'stderr', partial: true, message: 'part'});
	});

	test('CRI record with an empty message (an empty line) and spaces kept', () => {
		assert.equal(parseLogRecord(`${t} stdout F`).message, '');
		assert.equal(parseLogRecord(`${t} stdout F   indented  `).message, '  indented  ');
	});

	test('Docker json-file lines: trailing newline means a full line', () => {
		const full = parseLogRecord(JSON.stringify({log: 'msg\n', stream: 'stderr', time: t}));
		assert.deepEqual(full, {format: 'json', time: t, stream: 'stderr', partial: false, message: 'msg'});
		const partial = parseLogRecord(JSON.stringify({log: 'first half ', stream: 'stdout', time: t}));
		assert.equal(partial.partial, true);
		assert.equal(partial.message, 'first half ');
	});

	test('garbage lines are kept raw', () => {
		for (const line of ['just text', 'not-a-time stdout F x', '{"log": 5}', '{broken json', `${t} stdin F x`]) {
			const r = parseLogRecord(line);
			assert.equal(r.format, 'raw', line);
			assert.equal(r.stream, 'raw');
			assert.equal(r.message, line);
		}
	});

	test('invalid UTF-8 becomes replacement characters, never a throw', () => {
		const bytes = Buffer.concat([Buffer.from(`${t} stdout F ok `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' end')]);
		const r = parseLogRecord(bytes);
		assert.equal(r.format, 'cri');
		assert.match(r.message, /^ok \uFFFD+ end$/);
	});

	test('a CR before the newline is dropped', () => {
		assert.equal(parseLogRecord(`${t} stdout F dos\r`).message, 'dos');
	});
});

describe('joining partial records', () => {
	test('P records join until F, per stream, with the time of the first record', () => {
		const t2 = '2026-11-23T02:25:00.000000001Z';
		const lines = parseLogLines([
			`${t} stdout P aaa`,
			`${t} stderr F interleaved error`,
			`${t2} stdout P bbb`,
			`${t2} stdout F ccc`,
			`${t2} stdout F next`,
		]);
		assert.deepEqual(lines, [
			{time: t, stream: 'stderr', text: 'interleaved error'},
			{time: t, stream: 'stdout', text: 'aaabbbccc'},
			{time: t2, stream: 'stdout', text: 'next'},
		]);
	});

	test('json-file partial records join too', () => {
		const lines = parseLogLines([
			JSON.stringify({log: 'x'.repeat(5), stream: 'stdout', time: t}),
			JSON.stringify({log: 'y\n', stream: 'stdout', time: t}),
		]);
		assert.deepEqual(lines, [{time: t, stream: 'stdout', text: 'xxxxxy'}]);
	});

	test('an unfinished line is reported as pending', () => {
		const joiner = createLogJoiner();
		assert.equal(joiner.push(parseLogRecord(`${t} stdout P still writing`)), undefined);
		assert.deepEqual(joiner.pending(), [{time: t, stream: 'stdout', text: 'still writing'}]);
		assert.deepEqual(parseLogLines([`${t} stdout P x`], false), []);
	});
});

test('logTimeMs', () => {
	assert.equal(logTimeMs(t), Date.UTC(2026, 10, 23, 2, 24, 59, 123));
	assert.ok(Number.isNaN(logTimeMs('')));
});
