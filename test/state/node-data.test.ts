import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {initialNodeData, nodeDataReducer} from '../../source/state/node-data.js';

const version = {version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.7', runtimeApiVersion: 'v1'};

describe('nodeDataReducer', () => {
	test('connecting → live → disconnected keeps the last data', () => {
		let s = initialNodeData('/run/x.sock');
		assert.equal(s.connection.phase, 'connecting');
		s = nodeDataReducer(s, {type: 'connected', version});
		s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'images', value: [{id: 'i1'} as never]}, at: 5});
		s = nodeDataReducer(s, {type: 'connection-lost', message: 'gone', at: 10});
		assert.deepEqual(s.connection, {phase: 'disconnected', since: 10, lastError: 'gone', attempt: 0});
		assert.equal(s.images.length, 1);
		s = nodeDataReducer(s, {type: 'connection-lost', message: 'still gone', at: 20});
		assert.equal(s.connection.phase === 'disconnected' && s.connection.since, 10, 'since is the first failure');
		s = nodeDataReducer(s, {type: 'retrying'});
		assert.equal(s.connection.phase === 'disconnected' && s.connection.attempt, 1);
		s = nodeDataReducer(s, {type: 'connected', version});
		assert.equal(s.connection.phase, 'live');
	});

	test('a part error stays on its part and clears on the next answer', () => {
		let s = nodeDataReducer(initialNodeData('/s'), {type: 'part-failed', part: 'status', message: 'not supported by docker'});
		assert.deepEqual(s.partErrors, {status: 'not supported by docker'});
		s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'pods', value: []}, at: 1});
		assert.deepEqual(s.partErrors, {status: 'not supported by docker'});
		s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'status', value: {status: null, info: {}}}, at: 2});
		assert.deepEqual(s.partErrors, {});
		assert.equal(s.lastRefresh, 2);
	});

	test('truncated lists carry their sentence until a full answer', () => {
		let s = nodeDataReducer(initialNodeData('/s'), {type: 'part-loaded', payload: {part: 'containers', value: [], truncated: 'cut'}, at: 1});
		assert.equal(s.truncated.containers, 'cut');
		s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: []}, at: 2});
		assert.equal(s.truncated.containers, undefined);
	});

	test('endpoint change forgets the other runtime', () => {
		let s = nodeDataReducer(initialNodeData('/a'), {type: 'part-loaded', payload: {part: 'pods', value: [{id: 'p'} as never]}, at: 1});
		s = nodeDataReducer(s, {type: 'endpoint-changed', runtimeEndpoint: '/b', imageEndpoint: '/b'});
		assert.equal(s.pods.length, 0);
		assert.equal(s.runtimeEndpoint, '/b');
	});
});

describe('nodeDataReducer: unchanged answers', () => {
	const item = {id: 'c1'} as never;
	const live = () => {
		let s = nodeDataReducer(initialNodeData('/s'), {type: 'connected', version});
		s = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: [item]}, at: 1_000});
		return s;
	};

	test('the same items in a new array keep the old array, and within the same second the same state', () => {
		const s = live();
		const again = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: [item]}, at: 1_500});
		assert.equal(again, s, 'nothing to render');
	});

	test('the header clock still moves when a new second is reached, with the old array', () => {
		const s = live();
		const later = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: [item]}, at: 2_100});
		assert.notEqual(later, s);
		assert.equal(later.lastRefresh, 2_100);
		assert.equal(later.containers, s.containers);
	});

	test('a changed item is taken at once', () => {
		const s = live();
		const changed = nodeDataReducer(s, {type: 'part-loaded', payload: {part: 'containers', value: [{id: 'c2'} as never]}, at: 1_200});
		assert.equal(changed.containers[0].id, 'c2');
	});
});
