import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {findCommand, keymap} from '../../source/state/keymap.js';
import {defaultLogOptions, logsKeyEffect, logsKeys, logsPromptKeys, sinceMsOf, type LogsKeyAt} from '../../source/state/logs-view-keys.js';
import {initialLogsView, logsViewReducer, type LogsViewState} from '../../source/state/logs-view-state.js';
import {sinceTimeMs, tailCount} from '../../source/wire/log-options.js';

const noKey = {} as Key;
const line = (text: string) => ({time: '', stream: 'stdout' as const, text});
const at = (input: string, extra: Partial<LogsKeyAt> = {}): LogsKeyAt => ({
	input, lines: [line('a'), line('b'), line('c')], received: 3, height: 2, options: defaultLogOptions, now: Date.parse('2026-01-02T03:04:05Z'), ...extra,
});
/** The effect of typing `input` in the view as it is in `state`. */
const press = (input: string, state: LogsViewState = initialLogsView, extra: Partial<LogsKeyAt> = {}) =>
	logsKeyEffect(findCommand(state.prompt ? 'filter' : 'logs', input, noKey), at(input, extra), state);

test('every command of the logs view\'s table has a key in the one keymap, and every logs key has a meaning', () => {
	for (const command of Object.keys(logsKeys)) {
		assert.ok(keymap.some(b => b.command === command && (b.contexts.includes('logs') || b.contexts.includes('global'))), command);
	}

	for (const command of Object.keys(logsPromptKeys)) assert.ok(keymap.some(b => b.command === command && b.contexts.includes('filter')), command);
	for (const binding of keymap.filter(b => b.contexts.includes('logs'))) assert.ok(logsKeys[binding.command], `${binding.command} has no entry`);
});

test('the table maps keys to the same actions the switch did', () => {
	assert.deepEqual(press(' '), {type: 'toggle-pause', received: 3});
	assert.deepEqual(press('t'), {type: 'toggle-timestamps'});
	assert.deepEqual(press('o'), {type: 'cycle-stream'});
	assert.deepEqual(press('w'), {type: 'toggle-wrap'});
	assert.deepEqual(press('/'), {type: 'prompt-start', prompt: 'search'});
	assert.deepEqual(press('j'), {type: 'scroll', by: 1, shown: 3, received: 3, height: 2});
	assert.deepEqual(logsKeyEffect('move.page-up', at(''), initialLogsView), {type: 'scroll', by: -2, shown: 3, received: 3, height: 2});
	assert.deepEqual(press('g'), {type: 'top', received: 3});
	assert.deepEqual(press('G'), {type: 'end'});
	assert.deepEqual(press('q'), {type: 'back'});
	assert.equal(press('z'), undefined);
	const searching = {...initialLogsView, prompt: 'search' as const, draft: 'b'};
	assert.deepEqual(press('q', searching), {type: 'prompt-type', text: 'q'}, 'q is text in a prompt');
	assert.equal(logsKeyEffect(findCommand('filter', '\r', {return: true} as Key), at('\r'), searching)?.type, 'search-keep');
});

test('T and S open prompts holding the values in use; Enter gives new options or says why not', () => {
	const options = {tail: 500, since: '5m'};
	let s = logsViewReducer(initialLogsView, press('T', initialLogsView, {options}) as never);
	assert.deepEqual([s.prompt, s.draft], ['tail', '500']);
	s = logsViewReducer(s, logsKeyEffect(findCommand('filter', '', {backspace: true} as Key), at(''), s) as never);
	s = logsViewReducer(s, {type: 'prompt-delete'});
	s = logsViewReducer(s, {type: 'prompt-delete'});
	s = logsViewReducer(s, press('5', s) as never);
	s = logsViewReducer(s, press('0', s) as never);
	assert.equal(s.draft, '50');
	assert.deepEqual(logsKeyEffect('filter.keep', at('', {options}), s), {type: 'log-options', options: {tail: 50, since: '5m'}});
	assert.deepEqual(logsKeyEffect('filter.keep', at('', {options}), {...s, draft: '-1'}), {type: 'log-options', options: {tail: -1, since: '5m'}});
	const bad = logsKeyEffect('filter.keep', at(''), {...s, draft: 'lots'});
	assert.equal(bad?.type, 'prompt-close');
	assert.match((bad as {message: string}).message, /tail "lots": give a number of lines from 0 to 10000, or -1 for all/);
	assert.equal(logsKeyEffect('filter.keep', at(''), {...s, draft: '20000'})?.type, 'prompt-close');

	const since = {...initialLogsView, prompt: 'since' as const};
	assert.deepEqual(logsKeyEffect('filter.keep', at(''), {...since, draft: ' 90s '}), {type: 'log-options', options: {tail: 200, since: '90s'}});
	assert.deepEqual(logsKeyEffect('filter.keep', at(''), {...since, draft: '2026-01-02T03:00:00Z'}), {type: 'log-options', options: {tail: 200, since: '2026-01-02T03:00:00Z'}});
	assert.deepEqual(logsKeyEffect('filter.keep', at(''), {...since, draft: ''}), {type: 'log-options', options: {tail: 200, since: ''}}, 'empty: no --since');
	const wrong = logsKeyEffect('filter.keep', at(''), {...since, draft: '5'});
	assert.match((wrong as {message: string}).message, /since "5": give a duration like 10m or a time like 2024-01-02T15:04:05Z, or nothing for all/);
	// Esc closes a tail/since prompt and keeps the search's query; in the search it clears the query (as before).
	const kept = {...since, draft: 'x', query: 'err'};
	assert.deepEqual(logsViewReducer(kept, {type: 'prompt-cancel'}), {...kept, prompt: null, draft: ''});
	assert.equal(logsViewReducer({...kept, prompt: 'search'}, {type: 'prompt-cancel'}).query, '');
	assert.equal(logsViewReducer(s, {type: 'prompt-close', message: 'why'}).message, 'why');
});

test('--since and --tail are parsed in one place: durations count back from now, bare numbers are no duration', () => {
	const now = Date.parse('2026-01-02T03:04:05Z');
	assert.equal(sinceTimeMs('5m', now), now - 300_000);
	assert.equal(sinceTimeMs('1h30m', now), now - 5_400_000);
	assert.equal(sinceTimeMs('2026-01-02T03:00:00.5Z', now), Date.parse('2026-01-02T03:00:00.5Z'));
	assert.equal(sinceTimeMs('5', now), undefined);
	assert.equal(sinceTimeMs('soon', now), undefined);
	assert.equal(sinceMsOf({tail: 1, since: ''}, now), undefined);
	assert.equal(sinceMsOf({tail: 1, since: '10s'}, now), now - 10_000);
	assert.deepEqual(['10', '0', '-1', '-7', '1.5', 'x', ''].map(t => tailCount(t)), [10, 0, -1, -1, undefined, undefined, undefined]);
});
