import {test} from 'node:test';
import assert from 'node:assert/strict';
import {holdCeilingMs, holdMs, leadMs, nextRoundMs} from '../../source/state/stats-timing.js';

test('polled lists: the next round starts so its answer lands just before the next poll', () => {
	// Lists landed at 10,000; the last round took 30 ms; it is 10,050 now: the poll is due at 12,000.
	assert.equal(nextRoundMs(2000, 2000, 10_000, 30, 10_050), 12_000 - 30 - leadMs - 10_050);
	// Too soon after this round (under half a period): the poll after that one.
	assert.equal(nextRoundMs(2000, 2000, 10_000, 30, 11_500), 14_000 - 30 - leadMs - 11_500);
});

test('unaligned: on events, while a slow round keeps its slower pace, and when the polls stopped keeping time', () => {
	assert.equal(nextRoundMs(2000, 2000, null, 30, 10_050), 2000);
	assert.equal(nextRoundMs(5000, 2000, 10_000, 500, 10_600), 5000);
	assert.equal(nextRoundMs(2000, 2000, 10_000, 30, 14_500), 2000);
});

test('a round waits for the poll it was timed for, at most holdCeilingMs; not for one that already landed', () => {
	// Started at 11,850, answered at 11,880: the poll is due at 12,000.
	assert.equal(holdMs(2000, 10_000, 11_850, 11_880), 12_000 + leadMs - 11_880);
	assert.equal(holdMs(2000, 10_000, 10_100, 10_150), holdCeilingMs);
	assert.equal(holdMs(2000, 10_000, 12_050, 12_100), 0, 'overdue: painted now');
	assert.equal(holdMs(2000, 12_010, 11_990, 12_020), 0, 'the poll landed while the round was on its way');
	assert.equal(holdMs(2000, null, 11_850, 11_880), 0, 'events drive the lists');
	assert.equal(holdMs(2000, 5_000, 11_850, 11_880), 0, 'the polls stopped keeping time');
});
