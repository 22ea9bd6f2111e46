import {test} from 'node:test';
import assert from 'node:assert/strict';
import {statsDelayMs} from '../../source/state/use-stats.js';

test('stats rounds wait the refresh period, or 10x a slow round (a 10k-container node)', () => {
	assert.equal(statsDelayMs(2000, 30), 2000);
	assert.equal(statsDelayMs(2000, 200), 2000);
	assert.equal(statsDelayMs(2000, 450), 4500);
	assert.equal(statsDelayMs(500, 0), 500);
});
