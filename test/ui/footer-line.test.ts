import {test} from 'node:test';
import assert from 'node:assert/strict';
import {footerLine, paneCrictl, paneHint, type FooterViewEntry} from '../../source/ui/footer-line.js';
import {initialUiState, type View} from '../../source/state/ui-state.js';

const target = {};
const target2 = {endpoint: 'unix:///run/crio/crio.sock'};
const logs: FooterViewEntry = {crictl: (v, _t, ui) => `crictl logs --tail ${ui.logOptions.tail} ${v.target?.id ?? ''}`, hint: 'logs keys'};
const entries: Record<string, FooterViewEntry> = {logs, help: {hint: 'help keys'}};
const entryOf = (v: View) => entries[v.name];
const container = {kind: 'container' as const, id: 'c'.repeat(64), name: 'web'};

test('each pane: its crictl listing with the filter\'s flags, and its key hint with the sort', () => {
	const pods = initialUiState({filters: {pods: 'app=web', containers: '', images: '', events: ''}});
	assert.equal(paneCrictl(pods, target), 'crictl pods --label app=web');
	assert.match(paneCrictl(initialUiState({pane: 'containers', showAll: false}), target), /^crictl ps$/);
	assert.equal(paneCrictl(initialUiState({pane: 'events'}), target), 'crictl events');
	assert.match(paneHint('events', {key: 'default', descending: true}), /Ctrl-R refresh/);
	assert.match(paneCrictl(initialUiState({pane: 'containers'}), target2), /^crictl -r unix:\/\/\/run\/crio\/crio\.sock ps -a$/);
	assert.match(paneCrictl(initialUiState({pane: 'images'}), target), /^crictl images/);
	assert.equal(paneHint('pods', {key: 'name', descending: false}), '?help /filter Enter containers x stop :cmd  sort NAME↑ C/M/N/A  q quit');
	assert.match(paneHint('images', {key: 'size', descending: true}), /Ctrl-D remove :cmd {2}sort SIZE↓ N\/Z/);
	assert.match(paneHint('containers', {key: 'default', descending: true}), /^\?help \/filter Enter open l logs s shell x stop :cmd/);
});

test('the footer: the top view\'s crictl line and hint; a view without its own keeps the pane\'s crictl', () => {
	const main = footerLine(initialUiState(), target, entryOf);
	assert.deepEqual(main, {crictl: paneCrictl(initialUiState(), target), hint: paneHint('pods', initialUiState().sort.pods), message: undefined, error: undefined, prompt: null});
	const inLogs = footerLine(initialUiState({views: [{name: 'logs', target: container}], logOptions: {tail: 5, since: ''}}), target, entryOf);
	assert.equal(inLogs.crictl, `crictl logs --tail 5 ${container.id}`);
	assert.equal(inLogs.hint, 'logs keys');
	const inHelp = footerLine(initialUiState({pane: 'images', views: [{name: 'help'}]}), target, entryOf);
	assert.match(inHelp.crictl, /^crictl images/);
	assert.equal(inHelp.hint, 'help keys');
	assert.equal(footerLine(initialUiState({filterEditing: true}), target, entryOf).hint, 'type to filter  Enter keep  Esc clear');
	assert.equal(footerLine(initialUiState({commandLine: 'exe'}), target, entryOf).prompt, 'exe');
});

test('the last action\'s crictl and sentence on the main screen (not under a view); a notice is an error', () => {
	const lastAction = {crictl: 'crictl stop abc', message: 'stopped web', error: false};
	assert.deepEqual(
		footerLine(initialUiState({lastAction}), target, entryOf),
		{crictl: 'crictl stop abc', hint: paneHint('pods', initialUiState().sort.pods), message: 'stopped web', error: false, prompt: null},
	);
	// A refusal has no command: the sentence takes the whole line.
	const refused = footerLine(initialUiState({lastAction: {crictl: '', message: 'read-only mode: stopping is disabled', error: true}}), target, entryOf);
	assert.equal(refused.crictl, '');
	const underView = footerLine(initialUiState({lastAction, views: [{name: 'logs', target: container}]}), target, entryOf);
	assert.equal(underView.crictl, `crictl logs --tail 200 ${container.id}`);
	assert.equal(underView.message, undefined);
	const notice = footerLine(initialUiState({notice: 'a paste of 40 characters was ignored'}), target, entryOf);
	assert.deepEqual([notice.message, notice.error], ['a paste of 40 characters was ignored', true]);
});
