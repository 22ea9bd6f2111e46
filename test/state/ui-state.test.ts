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
		assert.equal(s.pane, 'pods');
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
		assert.deepEqual(s.sort, {key: 'cpu', descending: true});
		s = uiReducer(s, {type: 'sort', key: 'cpu'});
		assert.deepEqual(s.sort, {key: 'cpu', descending: false});
	});
});
