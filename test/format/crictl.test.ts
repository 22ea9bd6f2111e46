import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import * as c from '../../source/format/crictl.js';

const ID = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const CRIO = 'unix:///run/crio/crio.sock';
const none = {};
const crio = {endpoint: CRIO};

describe('crictl command lines', () => {
	test('every command, no flags needed', () => {
		assert.equal(c.crictlPods(none), 'crictl pods');
		assert.equal(c.crictlPs(none), 'crictl ps -a');
		assert.equal(c.crictlPs(none, {all: false}), 'crictl ps');
		assert.equal(c.crictlPs(none, {podId: ID}), 'crictl ps -a --pod 0123456789abc');
		assert.equal(c.crictlImages(none), 'crictl images');
		assert.equal(c.crictlImages(none, {pinned: true}), 'crictl images --pinned');
		assert.equal(c.crictlInspectp(none, ID), 'crictl inspectp 0123456789abc');
		assert.equal(c.crictlInspect(none, ID), 'crictl inspect 0123456789abc');
		assert.equal(c.crictlInspecti(none, `sha256:${ID}`), 'crictl inspecti 0123456789abc');
		assert.equal(c.crictlInspecti(none, 'docker.io/library/busybox:latest'), 'crictl inspecti docker.io/library/busybox:latest');
		assert.equal(c.crictlStop(none, ID, 10), 'crictl stop --timeout 10 0123456789abc');
		assert.equal(c.crictlStopp(none, ID), 'crictl stopp 0123456789abc');
		assert.equal(c.crictlRm(none, ID), 'crictl rm 0123456789abc');
		assert.equal(c.crictlRm(none, ID, {running: true}), 'crictl rm -f 0123456789abc');
		assert.equal(c.crictlPs(none, {filters: ['--name', 'web', '--label', 'app=web']}), 'crictl ps -a --name web --label app=web');
		assert.equal(c.crictlPods(none, {filters: ['--namespace', 'kube-system', '--state', 'ready']}), 'crictl pods --namespace kube-system --state ready');
		assert.equal(c.crictlRmp(none, ID), 'crictl rmp 0123456789abc');
		assert.equal(c.crictlRmi(none, ID), 'crictl rmi 0123456789abc');
		assert.equal(c.crictlLogs(none, ID), 'crictl logs -f --tail 100 0123456789abc');
		assert.equal(c.crictlLogs(none, ID, {follow: false, tail: 20}), 'crictl logs --tail 20 0123456789abc');
		assert.equal(c.crictlLogs(none, ID, {previous: true}), 'crictl logs -p 0123456789abc');
		assert.equal(c.crictlLogs(none, ID, {tail: 500, since: '10m'}), 'crictl logs -f --tail 500 --since 10m 0123456789abc');
		assert.equal(c.crictlLogs(none, ID, {tail: -1}), 'crictl logs -f 0123456789abc');
		assert.equal(c.crictlExecShell(none, ID), 'crictl exec -it 0123456789abc sh');
		assert.equal(c.crictlExecShell(none, ID, '/bin/bash'), 'crictl exec -it 0123456789abc /bin/bash');
		assert.equal(c.crictlExec(none, ID, ['ls', '-l', '/tmp/a b']), "crictl exec 0123456789abc ls -l '/tmp/a b'");
		assert.equal(c.crictlStats(none), 'crictl stats');
		assert.equal(c.crictlStatsp(none), 'crictl statsp');
		assert.equal(c.crictlEvents(none), 'crictl events');
		assert.equal(c.crictlVersion(none), 'crictl version');
		assert.equal(c.crictlInfo(none), 'crictl info');
		assert.equal(c.crictlConfigSetEndpoint(CRIO), 'crictl config --set runtime-endpoint=unix:///run/crio/crio.sock');
	});

	test('-r only when crictl would not pick the endpoint by itself; global flags first', () => {
		assert.equal(c.crictlImages(crio), 'crictl -r unix:///run/crio/crio.sock images');
		assert.equal(c.crictlPods({endpoint: 'unix:///run/containerd/containerd.sock'}), 'crictl pods');
		assert.equal(c.crictlPods({endpoint: '/var/run/containerd/containerd.sock'}), 'crictl pods');
		assert.equal(c.crictlPods({endpoint: CRIO, crictlDefault: CRIO}), 'crictl pods');
		assert.equal(
			c.crictlPods({endpoint: 'unix:///run/containerd/containerd.sock', crictlDefault: CRIO}),
			'crictl -r unix:///run/containerd/containerd.sock pods',
		);
		assert.equal(c.crictlConfigSetEndpoint(CRIO).includes(' -r '), false);
	});

	test('-i only for image commands, and only when it differs from the runtime endpoint', () => {
		const split = {endpoint: CRIO, imageEndpoint: 'unix:///run/img.sock'};
		assert.equal(c.crictlImages(split), 'crictl -r unix:///run/crio/crio.sock -i unix:///run/img.sock images');
		assert.equal(c.crictlRmi(split, ID), 'crictl -r unix:///run/crio/crio.sock -i unix:///run/img.sock rmi 0123456789abc');
		assert.equal(c.crictlPods(split), 'crictl -r unix:///run/crio/crio.sock pods');
		assert.equal(c.crictlImages({endpoint: CRIO, imageEndpoint: CRIO}), 'crictl -r unix:///run/crio/crio.sock images');
	});

	test('arguments are shell-quoted, hostile ones cannot inject or escape', () => {
		assert.equal(c.shellQuote("it's"), `'it'\\''s'`);
		assert.equal(c.shellQuote(''), "''");
		assert.equal(c.crictlExec(none, ID, ['sh', '-c', 'echo $HOME; rm -rf /']), "crictl exec 0123456789abc sh -c 'echo $HOME; rm -rf /'");
		assert.equal(c.crictlInspect(none, 'ab;rm -rf /\x1b[2J'), "crictl inspect 'ab;rm -rf /\\x1b['");
		assert.equal(c.crictlPods({endpoint: '/tmp/my sock'}), "crictl -r '/tmp/my sock' pods");
	});
});

describe('crictl lines for a node over ssh', () => {
	const node = {endpoint: 'unix:///run/crio/crio.sock', via: ['ssh', '-p', '2222', 'root@n1']};
	test('the command to run there: ssh words, then crictl as the node runs it', () => {
		assert.equal(c.crictlPs(node, {all: true}), 'ssh -p 2222 root@n1 crictl -r unix:///run/crio/crio.sock ps -a');
	});
	test('a word that needs quoting is quoted for the node\'s shell too (the whole line once more)', () => {
		assert.equal(c.crictlPs(node, {filters: ['--name', 'a b']}), `ssh -p 2222 root@n1 'crictl -r unix:///run/crio/crio.sock ps -a --name '\\''a b'\\'''`);
	});
});
