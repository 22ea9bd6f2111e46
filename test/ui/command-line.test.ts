import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {commandLineEffect, parseCommandLine} from '../../source/ui/command-line.js';

const nginx = {kind: 'container' as const, id: 'c'.repeat(64), name: 'nginx'};

describe('parseCommandLine', () => {
	test(':q and :quit quit; pane names and k9s aliases switch; :events opens the events pane', () => {
		for (const q of ['q', 'quit', ' q ', ':q']) assert.deepEqual(parseCommandLine(q), {kind: 'quit'});
		assert.deepEqual(parseCommandLine('pods'), {kind: 'pane', pane: 'pods'});
		assert.deepEqual(parseCommandLine('po'), {kind: 'pane', pane: 'pods'});
		assert.deepEqual(parseCommandLine('Containers'), {kind: 'pane', pane: 'containers'});
		assert.deepEqual(parseCommandLine('images'), {kind: 'pane', pane: 'images'});
		assert.deepEqual(parseCommandLine('events'), {kind: 'events'});
		assert.deepEqual(parseCommandLine('  '), {kind: 'none'});
	});

	test(':exec ID CMD passes "ID CMD…" to the exec view; a non-hex first word runs on the selected container', () => {
		assert.deepEqual(parseCommandLine('exec 0ff39a00 cat /etc/hostname'), {kind: 'exec', arg: '0ff39a00 cat /etc/hostname'});
		assert.deepEqual(parseCommandLine('exec ls -l /', nginx), {kind: 'exec', arg: `${nginx.id} ls -l /`, target: nginx});
		// "df" is hex but too short to be taken for an ID: it is the command.
		assert.deepEqual(parseCommandLine('exec df -h', nginx), {kind: 'exec', arg: `${nginx.id} df -h`, target: nginx});
	});

	test('mistakes are sentences, never a guess', () => {
		const noTarget = parseCommandLine('exec ls');
		assert.equal(noTarget.kind, 'error');
		assert.match((noTarget as {message: string}).message, /selected container/);
		assert.match((parseCommandLine('exec abcd') as {message: string}).message, /usage: :exec abcd COMMAND/);
		assert.match((parseCommandLine('exec') as {message: string}).message, /usage/);
		assert.match((parseCommandLine('exec ls', {kind: 'pod', id: 'p', name: 'web'}) as {message: string}).message, /selected container/);
		assert.match((parseCommandLine('deploy') as {message: string}).message, /unknown command :deploy — try :pods/);
	});

	test('effects', () => {
		assert.deepEqual(commandLineEffect(parseCommandLine('q')), {quit: true});
		assert.deepEqual(commandLineEffect(parseCommandLine('images')), {action: {type: 'set-pane', pane: 'images'}});
		assert.deepEqual(commandLineEffect(parseCommandLine('exec abcd ls')), {action: {type: 'open-view', view: {name: 'exec', arg: 'abcd ls', target: undefined}}});
		assert.equal(commandLineEffect(parseCommandLine('')), null);
	});
});
