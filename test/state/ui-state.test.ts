import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {initialUiState, topView, uiReducer} from '../../source/state/ui-state.js';

describe('uiReducer', () => {
	test('Tab cycles panes both ways and wraps', () => {
		let s = initialUiState();
		s = uiReducer(s, {type: 'cycle-pane', step: 1});
		assert.equal(s.pane, 'containers');
		s = uiReducer(s, {type: 'cycle-pane', step: 1});
		s = uiReducer(s, {type: 'cycle-pane', step: 1});
		assert.equal(s.pane, 'events');
		s = uiReducer(s, {type: 'cycle-pane', step: 1});
		assert.equal(s.pane, 'pods');
		s = uiReducer(s, {type: 'cycle-pane', step: -1});
		assert.equal(s.pane, 'events');
		s = uiReducer(s, {type: 'cycle-pane', step: -1});
		assert.equal(s.pane, 'images');
	});

	test('filter text is per pane; Esc clears only the current one', () => {
		let s = initialUiState();
		s = uiReducer(s, {type: 'filter-start'});
		s = uiReducer(s, {type: 'filter-input', text: 'web'});
		s = uiReducer(s, {type: 'filter-keep'});
		s = uiReducer(s, {type: 'set-pane', pane: 'images'});
		s = uiReducer(s, {type: 'filter-input', text: 'busy'});
		assert.deepEqual([s.filters.pods, s.filters.images], ['web', 'busy']);
		s = uiReducer(s, {type: 'back'});
		assert.deepEqual([s.filters.pods, s.filters.images], ['web', '']);
	});

	test('drill-down filters containers by pod and Esc leaves it', () => {
		let s = initialUiState();
		s = uiReducer(s, {type: 'drill-down', pod: {kind: 'pod', id: 'p1', name: 'web'}});
		assert.equal(s.pane, 'containers');
		assert.equal(s.podFilter?.id, 'p1');
		s = uiReducer(s, {type: 'back'});
		assert.equal(s.podFilter, null);
	});

	test('views stack: Esc pops the top view before anything else', () => {
		let s = initialUiState();
		s = uiReducer(s, {type: 'filter-input', text: 'x'});
		s = uiReducer(s, {type: 'open-view', view: {name: 'inspect', target: {kind: 'pod', id: 'a', name: 'a'}}});
		s = uiReducer(s, {type: 'open-view', view: {name: 'help'}});
		assert.equal(topView(s)?.name, 'help');
		s = uiReducer(s, {type: 'back'});
		assert.equal(topView(s)?.name, 'inspect');
		s = uiReducer(s, {type: 'back'});
		assert.equal(topView(s), null);
		assert.equal(s.filters.pods, 'x');
	});

	test('select keeps the same object when nothing changed', () => {
		const s = initialUiState();
		const a = uiReducer(s, {type: 'select', pane: 'pods', id: 'x', index: 3});
		assert.deepEqual(a.selection.pods, {id: 'x', index: 3});
		assert.equal(uiReducer(a, {type: 'select', pane: 'pods', id: 'x', index: 3}), a);
	});

	test('switching endpoint resets everything but the repaint counter', () => {
		let s = initialUiState();
		s = uiReducer(s, {type: 'repaint'});
		s = uiReducer(s, {type: 'set-pane', pane: 'images'});
		s = uiReducer(s, {type: 'endpoint-switched'});
		assert.equal(s.pane, 'pods');
		assert.equal(s.repaint, 1);
	});

	test('sort on the same key flips direction', () => {
		let s = uiReducer(initialUiState(), {type: 'sort', key: 'cpu'});
		assert.deepEqual(s.sort.pods, {key: 'cpu', descending: true});
		s = uiReducer(s, {type: 'sort', key: 'cpu'});
		assert.deepEqual(s.sort.pods, {key: 'cpu', descending: false});
	});

	test('sort is per pane; names start A→Z, others biggest/newest first; images start by name', () => {
		let s = initialUiState();
		assert.deepEqual(s.sort.pods, {key: 'age', descending: true});
		assert.deepEqual(s.sort.images, {key: 'name', descending: false});
		s = uiReducer(s, {type: 'set-pane', pane: 'containers'});
		s = uiReducer(s, {type: 'sort', key: 'name'});
		assert.deepEqual(s.sort.containers, {key: 'name', descending: false});
		assert.deepEqual(s.sort.pods, {key: 'age', descending: true}, 'other panes keep theirs');
		s = uiReducer(s, {type: 'sort', key: 'mem', pane: 'pods'});
		assert.deepEqual(s.sort.pods, {key: 'mem', descending: true});
		s = uiReducer(s, {type: 'sort-direction', descending: true});
		assert.deepEqual(s.sort.containers, {key: 'name', descending: true});
	});

	test('command line: opens empty, takes text, Esc (back) closes it before anything else', () => {
		let s = uiReducer(initialUiState({views: [{name: 'help'}]}), {type: 'close-view'});
		s = uiReducer(s, {type: 'command-start'});
		assert.equal(s.commandLine, '');
		s = uiReducer(s, {type: 'command-input', text: 'exec ls'});
		assert.equal(s.commandLine, 'exec ls');
		s = uiReducer(s, {type: 'back'});
		assert.equal(s.commandLine, null);
		assert.equal(uiReducer(s, {type: 'command-input', text: 'x'}).commandLine, null, 'typing into a closed line does nothing');
		s = uiReducer(uiReducer(s, {type: 'command-start'}), {type: 'open-view', view: {name: 'exec', arg: 'abcd ls'}});
		assert.equal(s.commandLine, null, 'a view opened from the line closes it');
	});
});
