import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {commandLineEffect, parseCommandLine} from '../../source/ui/command-line.js';
import {parseExec} from '../../source/ui/exec-view.js';

const nginx = {kind: 'container' as const, id: 'c'.repeat(64), name: 'nginx'};

describe('parseCommandLine', () => {
	test(':q and :quit quit; pane names and k9s aliases switch; :events opens the events pane', () => {
		for (const q of ['q', 'quit', ' q ', ':q']) assert.deepEqual(parseCommandLine(q), {kind: 'quit'});
		assert.deepEqual(parseCommandLine('pods'), {kind: 'pane', pane: 'pods'});
		assert.deepEqual(parseCommandLine('po'), {kind: 'pane', pane: 'pods'});
		assert.deepEqual(parseCommandLine('Containers'), {kind: 'pane', pane: 'containers'});
		assert.deepEqual(parseCommandLine('images'), {kind: 'pane', pane: 'images'});
		assert.deepEqual(parseCommandLine('events'), {kind: 'pane', pane: 'events'});
		assert.deepEqual(parseCommandLine('  '), {kind: 'none'});
	});

	test(':exec ID CMD passes "ID CMD…" to the exec view; a non-hex first word runs on the selected container', () => {
		assert.deepEqual(parseCommandLine('exec 0ff39a00 cat /etc/hostname'), {kind: 'exec', arg: '0ff39a00 cat /etc/hostname'});
		assert.deepEqual(parseCommandLine('exec ls -l /', nginx), {kind: 'exec', arg: `${nginx.id} ls -l /`, target: nginx});
		// "df" is hex but too short to be taken for an ID: it is the command.
		assert.deepEqual(parseCommandLine('exec df -h', nginx), {kind: 'exec', arg: `${nginx.id} df -h`, target: nginx});
	});

	test(':exec words are split like a shell: quotes and escapes kept together; operators outside quotes refused', () => {
		assert.deepEqual(parseCommandLine(`exec sh -c "echo a; id"`, nginx), {kind: 'exec', arg: `${nginx.id} sh -c 'echo a; id'`, target: nginx});
		const view = (commandLineEffect(parseCommandLine(`exec 0ff39a00 sh -c 'echo "$HOME" x' a\\ b`))!.action as {view: {arg: string}}).view;
		assert.deepEqual(parseExec(view.arg, []), {containerId: '0ff39a00', cmd: ['sh', '-c', 'echo "$HOME" x', 'a b']});
		assert.deepEqual(parseExec('0ff39a00 ls *.log $HOME', []), {containerId: '0ff39a00', cmd: ['ls', '*.log', '$HOME']});
		for (const line of ['exec ls; rm -rf /', 'exec cat a | grep b', 'exec ls > /tmp/x', 'exec ls && id']) {
			const result = parseCommandLine(line, nginx);
			assert.equal(result.kind, 'error', line);
			assert.match((result as {message: string}).message, /without a shell, so `.+` is not allowed outside quotes; for a shell write :exec sh -c/);
		}
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
