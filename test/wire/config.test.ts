import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {parse as parseYaml} from 'yaml';
import {parseDuration, resolveSettings, SettingsError, type SettingsInput} from '../../source/wire/config.js';

const files = (map: Record<string, string>) => (p: string) => map[p];
const input = (over: Partial<SettingsInput>): SettingsInput => ({flags: {}, env: {}, readFile: files({}), parseYaml: text => parseYaml(text), ...over});

describe('parseDuration', () => {
	test('accepts Go durations and bare seconds', () => {
		assert.equal(parseDuration('2s'), 2000);
		assert.equal(parseDuration('500ms'), 500);
		assert.equal(parseDuration('1m30s'), 90_000);
		assert.equal(parseDuration('1.5'), 1500);
		assert.equal(parseDuration('10'), 10_000);
		assert.equal(parseDuration(3), 3000);
	});
	test('refuses the rest', () => {
		for (const bad of ['', 'fast', '2 s', '-1', 's', '1x']) assert.equal(parseDuration(bad), undefined, bad);
	});
});

describe('resolveSettings', () => {
	const crictlYaml = 'runtime-endpoint: unix:///run/crio/crio.sock\nimage-endpoint: unix:///run/crio/images.sock\ntimeout: 10\ndebug: true\nread-only: true\n';

	test('nothing configured → probe, defaults', () => {
		const s = resolveSettings(input({}));
		assert.equal(s.runtimeEndpoint, 'probe');
		assert.equal(s.imageEndpoint, 'probe');
		assert.equal(s.timeoutMs, 2000);
		assert.equal(s.readOnly, false);
		assert.equal(s.configFile, undefined);
		assert.deepEqual(s.sources.runtimeEndpoint, {kind: 'probe', name: 'probe'});
	});

	test('/etc/crictl.yaml supplies every key, and says so', () => {
		const s = resolveSettings(input({readFile: files({'/etc/crictl.yaml': crictlYaml})}));
		assert.equal(s.runtimeEndpoint, '/run/crio/crio.sock');
		assert.equal(s.imageEndpoint, '/run/crio/images.sock');
		assert.equal(s.timeoutMs, 10_000);
		assert.equal(s.debug, true);
		assert.equal(s.readOnly, true);
		assert.equal(s.configFile, '/etc/crictl.yaml');
		assert.deepEqual(s.sources.runtimeEndpoint, {kind: 'config', name: '/etc/crictl.yaml'});
	});

	test('flag > env > file', () => {
		const readFile = files({'/etc/crictl.yaml': crictlYaml});
		const env = {CONTAINER_RUNTIME_ENDPOINT: 'unix:///run/containerd/containerd.sock', IMAGE_SERVICE_ENDPOINT: '/run/img.sock'};
		const fromEnv = resolveSettings(input({env, readFile}));
		assert.equal(fromEnv.runtimeEndpoint, '/run/containerd/containerd.sock');
		assert.equal(fromEnv.imageEndpoint, '/run/img.sock');
		assert.deepEqual(fromEnv.sources.runtimeEndpoint, {kind: 'env', name: 'CONTAINER_RUNTIME_ENDPOINT'});
		const fromFlag = resolveSettings(input({env, readFile, flags: {runtimeEndpoint: 'unix:///var/run/cri-dockerd.sock', timeout: '500ms'}}));
		assert.equal(fromFlag.runtimeEndpoint, '/var/run/cri-dockerd.sock');
		assert.equal(fromFlag.imageEndpoint, '/run/img.sock'); // image endpoint has its own precedence
		assert.equal(fromFlag.timeoutMs, 500);
		assert.deepEqual(fromFlag.sources.timeoutMs, {kind: 'flag', name: '--timeout'});
	});

	test('the image endpoint defaults to the runtime endpoint', () => {
		const s = resolveSettings(input({flags: {runtimeEndpoint: '/run/containerd/containerd.sock'}}));
		assert.equal(s.imageEndpoint, '/run/containerd/containerd.sock');
		assert.deepEqual(s.sources.imageEndpoint, {kind: 'flag', name: '--runtime-endpoint'});
	});

	test('config file from --config, else CRI_CONFIG_FILE', () => {
		const readFile = files({'/a.yaml': 'runtime-endpoint: /run/a.sock', '/b.yaml': 'runtime-endpoint: /run/b.sock'});
		assert.equal(resolveSettings(input({readFile, env: {CRI_CONFIG_FILE: '/b.yaml'}})).runtimeEndpoint, '/run/b.sock');
		assert.equal(resolveSettings(input({readFile, env: {CRI_CONFIG_FILE: '/b.yaml'}, flags: {config: '/a.yaml'}})).runtimeEndpoint, '/run/a.sock');
	});

	test('an explicitly named config file that is missing is an error; the default one is optional', () => {
		assert.throws(() => resolveSettings(input({flags: {config: '/nope.yaml'}})), /\/nope\.yaml \(from --config\) does not exist/);
		assert.throws(() => resolveSettings(input({env: {CRI_CONFIG_FILE: '/nope.yaml'}})), /from CRI_CONFIG_FILE/);
	});

	test('host root: the file is read under it and endpoints point under it', () => {
		const seen: string[] = [];
		const s = resolveSettings(input({
			hostRoot: '/host',
			readFile: p => {
				seen.push(p);
				return p === '/host/etc/crictl.yaml' ? 'runtime-endpoint: unix:///run/containerd/containerd.sock' : undefined;
			},
		}));
		assert.deepEqual(seen, ['/host/etc/crictl.yaml']);
		assert.equal(s.runtimeEndpoint, '/host/run/containerd/containerd.sock');
		assert.equal(s.hostRoot, '/host');
		assert.equal(s.sources.runtimeEndpoint.name, '/host/etc/crictl.yaml');
	});

	test('timeout 0 in the file means the default, as in crictl', () => {
		assert.equal(resolveSettings(input({readFile: files({'/etc/crictl.yaml': 'timeout: 0'})})).timeoutMs, 2000);
	});

	test('malformed files and values are sentences naming the file and the problem', () => {
		const bad = (text: string) => () => resolveSettings(input({readFile: files({'/etc/crictl.yaml': text})}));
		assert.throws(bad('runtime-endpoint: [unclosed'), (e: unknown) => e instanceof SettingsError && /^\/etc\/crictl\.yaml is not valid YAML/.test(e.message));
		assert.throws(bad('- a\n- b'), /\/etc\/crictl\.yaml should be a YAML mapping/);
		assert.throws(bad('timeout: soon'), /\/etc\/crictl\.yaml: timeout should be a number of seconds/);
		assert.throws(bad('debug: maybe'), /debug should be true or false/);
		assert.throws(bad('runtime-endpoint: 42'), /runtime-endpoint should be a string/);
		assert.throws(bad('runtime-endpoint: tcp://1.2.3.4:5'), /only connects to local unix sockets.*\(from \/etc\/crictl\.yaml\)/);
		assert.throws(() => resolveSettings(input({flags: {timeout: 'soon'}})), /--timeout soon is not a duration/);
	});

	test('an empty file is fine', () => {
		assert.equal(resolveSettings(input({readFile: files({'/etc/crictl.yaml': ''})})).runtimeEndpoint, 'probe');
	});
});

describe('several runtime endpoints', () => {
	test('-r repeated: every endpoint in order, the first is the runtime endpoint, repeats dropped', () => {
		const s = resolveSettings(input({flags: {runtimeEndpoint: 'unix:///run/containerd/containerd.sock', moreRuntimeEndpoints: ['/tmp/b.sock', 'unix:///run/containerd/containerd.sock']}}));
		assert.equal(s.runtimeEndpoint, '/run/containerd/containerd.sock');
		assert.deepEqual(s.runtimeEndpoints, ['/run/containerd/containerd.sock', '/tmp/b.sock']);
	});
	test('the config file\'s runtime-endpoints list, when no flag or variable names one', () => {
		const read = files({'/etc/crictl.yaml': 'runtime-endpoints:\n  - unix:///run/containerd/containerd.sock\n  - unix:///run/crio/crio.sock\n'});
		const s = resolveSettings(input({readFile: read}));
		assert.deepEqual(s.runtimeEndpoints, ['/run/containerd/containerd.sock', '/run/crio/crio.sock']);
		assert.equal(s.runtimeEndpoint, '/run/containerd/containerd.sock');
		assert.deepEqual(s.warnings, []);
		// A flag wins over the file's list, as it wins over runtime-endpoint.
		assert.deepEqual(resolveSettings(input({readFile: read, flags: {runtimeEndpoint: '/tmp/x.sock'}})).runtimeEndpoints, ['/tmp/x.sock']);
	});
	test('a runtime-endpoints that is not a list of endpoints is one sentence naming the file', () => {
		for (const bad of ['runtime-endpoints: unix:///x.sock\n', 'runtime-endpoints: [1, 2]\n', 'runtime-endpoints: [""]\n']) {
			assert.throws(() => resolveSettings(input({readFile: files({'/etc/crictl.yaml': bad})})), (e: Error) => e instanceof SettingsError && /\/etc\/crictl\.yaml: runtime-endpoints should be a list/.test(e.message), bad);
		}
	});
	test('nothing configured: no endpoints listed (probing)', () => {
		assert.deepEqual(resolveSettings(input({})).runtimeEndpoints, []);
	});
});
