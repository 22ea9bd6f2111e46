// The one-shot commands (the built bin) against a real containerd (the testbed), checked against
// crictl's own output: the shapes recorded with crictl 1.33 in test/fixtures/crictl/ (see
// record.ts there for how), the IDs the testbed holds, and, where crictl is found (../shared/bin
// beside the repository, or $CRICTL), crictl's live answer on the same socket, object for object.
import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {parse as parseYaml} from 'yaml';
import {seedNode, startContainerd, type SeededNode, type Testbed} from '../testbed/containerd.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'test/fixtures/crictl');
const bin = path.join(root, 'bin/crisock-tui.js');
const crictl = [process.env.CRICTL, path.resolve(root, '../shared/bin/crictl'), '/work/shared/bin/crictl'].find(p => p && existsSync(p));
const run = promisify(execFile);

type Result = {code: number; stdout: string; stderr: string};

async function exec(file: string, args: string[]): Promise<Result> {
	try {
		const {stdout, stderr} = await run(file, args, {encoding: 'utf8', timeout: 60_000, maxBuffer: 32 * 1024 * 1024, env: {...process.env, CRI_CONFIG_FILE: '', CONTAINER_RUNTIME_ENDPOINT: ''}});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code?: number; stdout?: string; stderr?: string};
		return {code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? ''};
	}
}

const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const keys = (o: unknown) => Object.keys(o as object).sort();

/** Fields of our schema newer than crictl 1.33's (k8s.io/cri-api v0.36 vs v0.33): present in ours, absent in its output. */
function withoutNewerFields(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutNewerFields);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			if (k === 'image' && v && typeof v === 'object' && 'userSpecifiedImage' in v) {
				const {imageRef: _newer, ...rest} = v as Record<string, unknown>;
				out[k] = rest;
			} else {
				out[k] = withoutNewerFields(v);
			}
		}

		return out;
	}

	return value;
}

describe('real containerd: one-shot commands', {timeout: 300_000}, () => {
	let tb: Testbed | undefined;
	let node: SeededNode;
	let endpoint: string;
	// The testbed keeps pod logs in its own folder, not /var/log/pods: name it as a log root, as a node that moved them would.
	const ours = (...args: string[]) => exec(process.execPath, [bin, '-r', endpoint, '-i', endpoint, '--log-root', tb!.logRoot, ...args]);
	const theirs = (...args: string[]) => exec(crictl!, ['--config', '/dev/null', '-r', endpoint, '-i', endpoint, ...args]);

	before(async () => {
		assert.ok(existsSync(bin) && existsSync(path.join(root, 'dist/cli.js')), 'the bin is built (npm run build)');
		tb = await startContainerd();
		node = await seedNode(tb);
		endpoint = `unix://${tb.socket}`;
	});

	after(async () => {
		await tb?.stop();
	});

	/** Our answer; and crictl's, compared whole, when crictl is here (else says so). */
	async function jsonOf(t: {diagnostic(message: string): void}, args: string[]): Promise<any> {
		const r = await ours(...args, '-o', 'json');
		assert.equal(r.code, 0, r.stderr);
		const value = JSON.parse(r.stdout);
		if (crictl) {
			const positional = args.filter(a => !a.startsWith('-'));
			const flags = args.filter(a => a.startsWith('-'));
			// crictl wants flags before arguments.
			const c = await theirs(positional[0], ...flags, '-o', 'json', ...positional.slice(1));
			assert.equal(c.code, 0, c.stderr);
			assert.deepEqual(withoutNewerFields(value), JSON.parse(c.stdout), `crisock-tui ${args.join(' ')} -o json equals crictl's`);
		} else {
			t.diagnostic('crictl not found (../shared/bin/crictl, $CRICTL): compared with the recorded fixtures only');
		}

		return value;
	}

	test('ps -a -o json: the containers crictl gives, with the keys crictl prints', async t => {
		const value = await jsonOf(t, ['ps', '-a']);
		const recorded = JSON.parse(fixture('ps-a.json'));
		assert.deepEqual(keys(value), keys(recorded));
		assert.deepEqual(new Set(value.containers.map((c: any) => c.id)), new Set(Object.values(node.containers).map(c => c.id)));
		for (const c of value.containers) {
			assert.deepEqual(keys(c), keys(recorded.containers[0]));
			assert.deepEqual(keys(c.metadata), keys(recorded.containers[0].metadata));
			assert.match(c.createdAt, /^\d{19}$/, 'int64 as a decimal string');
			assert.match(c.state, /^CONTAINER_/, 'enums by name');
		}

		// Newest first, as crictl sorts.
		const created = value.containers.map((c: any) => BigInt(c.createdAt));
		assert.deepEqual(created, [...created].sort((a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0)));
	});

	test('pods -o json and images -o json: the same ids and keys as crictl', async t => {
		const pods = await jsonOf(t, ['pods']);
		const recordedPods = JSON.parse(fixture('pods.json'));
		assert.deepEqual(keys(pods), ['items']);
		assert.deepEqual(new Set(pods.items.map((p: any) => p.id)), new Set(Object.values(node.pods).map(p => p.id)));
		for (const p of pods.items) assert.deepEqual(keys(p), keys(recordedPods.items[0]));

		const images = await jsonOf(t, ['images']);
		const recordedImages = JSON.parse(fixture('images.json'));
		assert.deepEqual(keys(images), ['images']);
		const rawImages = (await tb!.cri.call<any>('ListImages', {})).images;
		assert.deepEqual(images.images.map((i: any) => i.id).sort(), rawImages.map((i: any) => i.id).sort());
		for (const i of images.images) assert.deepEqual(keys(i), keys(recordedImages.images[0]));
		assert.match(images.images[0].size, /^\d+$/, 'uint64 size as a decimal string');
	});

	test('inspect ID (a unique prefix) -o json: {info, status} with crictl\'s status keys and the exit code', async t => {
		const {failing} = node.containers;
		const value = await jsonOf(t, ['inspect', failing.id.slice(0, 6)]);
		const recorded = JSON.parse(fixture('inspect.json'));
		assert.deepEqual(keys(value), ['info', 'status']);
		assert.deepEqual(keys(value.status), keys(recorded.status));
		assert.deepEqual(keys(value.info), keys(recorded.info));
		assert.equal(value.status.id, failing.id);
		assert.equal(value.status.exitCode, 3);
		assert.match(value.status.finishedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'times as RFC 3339, as crictl prints them');

		const pod = await jsonOf(t, ['inspectp', node.pods.web.id]);
		const recordedPod = JSON.parse(fixture('inspectp.json'));
		assert.deepEqual(keys(pod.status), keys(recordedPod.status));
		assert.equal(pod.status.id, node.pods.web.id);

		const image = await jsonOf(t, ['inspecti', 'docker.io/library/busybox:testbed']);
		assert.deepEqual(keys(image.status), keys(JSON.parse(fixture('inspecti.json')).status));
	});

	test('-o yaml is the same data as -o json, laid out as crictl\'s YAML', async () => {
		const json = await ours('ps', '-a', '-o', 'json');
		const yaml = await ours('ps', '-a', '-o', 'yaml');
		assert.equal(yaml.code, 0, yaml.stderr);
		assert.deepEqual(parseYaml(yaml.stdout), JSON.parse(json.stdout));
		// crictl's layout: top key, then list items flush with it, keys sorted.
		assert.match(fixture('ps-a.yaml'), /^containers:\n- annotations:/);
		assert.match(yaml.stdout, /^containers:\n- annotations:/);
	});

	test('-o table (the default) prints crictl\'s columns laid out as crictl does', async () => {
		for (const [args, file, count] of [[['ps', '-a'], 'ps-a.txt', 4], [['pods'], 'pods.txt', 3], [['images'], 'images.txt', 2]] as const) {
			const r = await ours(...args);
			assert.equal(r.code, 0, r.stderr);
			const lines = r.stdout.trimEnd().split('\n');
			assert.equal(lines[0], fixture(file).split('\n')[0], `${args.join(' ')}: the header line, spacing included`);
			assert.equal(lines.length, count + 1, r.stdout);
		}

		const quiet = await ours('ps', '-a', '-q');
		assert.deepEqual(new Set(quiet.stdout.trim().split('\n')), new Set(Object.values(node.containers).map(c => c.id)));
		const running = await ours('ps', '--state', 'running', '--namespace', 'kube-system', '-q');
		assert.deepEqual(running.stdout.trim().split('\n'), [node.containers.sleeper.id]);
	});

	test('mistakes: an unknown flag, command or value is one sentence naming it, and exit 2', async () => {
		const flag = await ours('ps', '--no-such-flag');
		assert.equal(flag.code, 2);
		assert.match(flag.stderr, /unknown flag --no-such-flag/);
		assert.match(flag.stderr, /Usage: crisock-tui ps/);

		const command = await ours('bogus');
		assert.equal(command.code, 2);
		assert.match(command.stderr, /^crisock-tui: unknown command "bogus"/);
		assert.equal(command.stderr.trim().split('\n').length, 1, command.stderr);

		const format = await ours('ps', '-o', 'xml');
		assert.equal(format.code, 2);
		assert.match(format.stderr, /unknown output format "xml"/);

		const state = await ours('ps', '--state', 'sleeping');
		assert.equal(state.code, 2);
		assert.match(state.stderr, /--state "sleeping" is not one of created, running, exited, unknown/);

		const dashboard = await exec(process.execPath, [bin, '--no-such-flag']);
		assert.equal(dashboard.code, 2);
		assert.match(dashboard.stderr, /unknown (flag|option) --no-such-flag/);

		const missing = await ours('inspect', 'f'.repeat(64));
		assert.equal(missing.code, 1);
		assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
	});

	test('logs ID gives the container\'s lines on the right streams; --trace FILE records the calls with their crictl command', async () => {
		const {failing} = node.containers;
		const logs = await ours('logs', failing.id.slice(0, 8));
		assert.equal(logs.code, 0, logs.stderr);
		assert.equal(logs.stdout, '');
		assert.equal(logs.stderr, 'boom\n');

		const file = path.join(tb!.root, 'trace.jsonl');
		const r = await exec(process.execPath, [bin, '-r', endpoint, '--trace', file, 'ps', '-a', '-q']);
		assert.equal(r.code, 0, r.stderr);
		const calls = readFileSync(file, 'utf8').trim().split('\n').map(l => JSON.parse(l));
		const list = calls.find(c => c.method === 'ListContainers' || c.method === 'StreamContainers');
		assert.ok(list, JSON.stringify(calls.map(c => c.method)));
		const ok = calls.find(c => c.status === 'OK' && /Containers$/.test(c.method));
		assert.ok(ok.durationMs > 0);
		assert.match(ok.crictl, /^crictl -r unix:\/\/\S+ ps -a$/);
		assert.equal(ok.response.containers.length, 4);
		assert.ok(ok.responseBytes > 100);
	});

	test('a mutating command without a terminal needs --yes, and --read-only refuses it', async () => {
		const {succeeded} = node.containers;
		const asked = await ours('rm', succeeded.id);
		assert.equal(asked.code, 2);
		assert.match(asked.stderr, /no terminal to ask on: add --yes/);
		const readOnly = await exec(process.execPath, [bin, '-r', endpoint, '--read-only', 'rm', '--yes', succeeded.id]);
		assert.equal(readOnly.code, 1);
		assert.match(readOnly.stderr, /read-only/);
		const still = (await tb!.cri.call<any>('ListContainers', {})).containers.map((c: any) => c.id);
		assert.ok(still.includes(succeeded.id), 'nothing was removed');

		const removed = await ours('rm', '--yes', succeeded.id.slice(0, 10));
		assert.equal(removed.code, 0, removed.stderr);
		assert.equal(removed.stdout.trim(), succeeded.id);
		const after = (await tb!.cri.call<any>('ListContainers', {})).containers.map((c: any) => c.id);
		assert.ok(!after.includes(succeeded.id));
	});
});
