// The one-shot commands find the command word by skipping the global flags; a dashboard flag that
// takes a value but is missing here makes its value look like a command ("unknown command /tmp/x").
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {splitCommandLine, valueFlags} from '../../source/commands/argv.js';
import {parseGlobals} from '../../source/commands/connect.js';
import {flagTable} from '../../source/flag-table.js';

const kebab = (s: string) => s.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);

test('every dashboard flag that takes a value is skipped as a global flag, with its short form', () => {
	for (const [name, spec] of Object.entries(flagTable)) {
		if (spec.type !== 'string') continue;
		assert.ok(valueFlags.has(`--${kebab(name)}`), `--${kebab(name)}`);
		if ('shortFlag' in spec) assert.ok(valueFlags.has(`-${spec.shortFlag}`), `-${spec.shortFlag}`);
	}
});

test('--log-root before a command is a global flag, repeatable, and reaches the command', () => {
	const line = splitCommandLine(['-r', 'unix:///x.sock', '--log-root', '/srv/logs', '--log-root=/other', 'logs', 'abc']);
	assert.deepEqual(line, {globals: ['-r', 'unix:///x.sock', '--log-root', '/srv/logs', '--log-root=/other'], name: 'logs', args: ['abc']});
	assert.deepEqual(parseGlobals(line!.globals).logRoot, ['/srv/logs', '/other']);
});
