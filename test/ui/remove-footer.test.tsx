// The remove dialog and the footer under it name the same crictl command, the one the remove
// really amounts to: `crictl rm -f` for a running container (the runtime stops it first).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {renderApp, unmountAll, keys} from './helpers.js';

test('Ctrl-D on a running container: dialog and footer both say crictl rm -f ID; on an exited one both say crictl rm ID', async t => {
	t.after(unmountAll);
	const app = renderApp();
	await app.waitFor(/web-1/);
	// Containers newest first: nginx (running), postgres (exited), sidecar.
	await app.press('2');
	await app.waitFor(/nginx/);
	await app.press('\u0004');
	const running = await app.frameWith(/Remove container nginx\?/, /\$ crictl .*rm -f c{13}\s*$/m);
	const lines = running.split('\n').filter(l => /\$ crictl/.test(l));
	assert.equal(lines.length, 2, running);
	for (const line of lines) assert.match(line, /crictl .*rm -f c{13}/, 'dialog and footer agree');
	await app.press('n');
	await app.waitFor(/cancelled/);
	await app.press(keys.down, '\u0004');
	const exited = await app.frameWith(/Remove container postgres\?/, /\$ crictl .*rm d{13}/);
	const exitedLines = exited.split('\n').filter(l => /\$ crictl/.test(l));
	assert.equal(exitedLines.length, 2, exited);
	for (const line of exitedLines) assert.match(line, /crictl .*rm d{13}/);
});
