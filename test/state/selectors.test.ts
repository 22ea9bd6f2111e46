import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {busyFactor} from '../support/wait.js';
import type {ContainerUsage} from '../../source/format/rows.js';
import {sortContainers, sortImages, sortPods} from '../../source/state/selectors.js';
import {container, image, pod} from './fake-client.js';

const names = (items: ReadonlyArray<{metadata?: {name?: string} | null}>) => items.map(i => i.metadata?.name).join(' ');

function three() {
	const a = container('a'.repeat(64), 'beta', 'p');
	const b = container('b'.repeat(64), 'Alpha', 'p', 'CONTAINER_EXITED');
	const c = container('c'.repeat(64), 'gamma', 'p');
	a.createdAt = '1700000002000000000';
	b.createdAt = '1700000003000000000';
	c.createdAt = '999000000000000000'; // shorter decimal: older
	return [a, b, c];
}

const usage = new Map<string, ContainerUsage>([
	['a'.repeat(64), {cpuPercent: 5, memoryBytes: '300'}],
	['c'.repeat(64), {cpuPercent: 50, memoryBytes: '20'}],
	// b exited: no numbers
]);

describe('sorting', () => {
	test('age: newest first by default, oldest first reversed (decimal strings of different length)', () => {
		assert.equal(names(sortContainers(three())), 'Alpha beta gamma');
		assert.equal(names(sortContainers(three(), {key: 'age', descending: false})), 'gamma beta Alpha');
		assert.equal(names(sortContainers(three(), {key: 'default', descending: true})), 'Alpha beta gamma');
	});

	test('name: case-insensitive A→Z, reversed Z→A', () => {
		assert.equal(names(sortContainers(three(), {key: 'name', descending: false})), 'Alpha beta gamma');
		assert.equal(names(sortContainers(three(), {key: 'name', descending: true})), 'gamma beta Alpha');
	});

	test('CPU and MEM: biggest first, unknown last in both directions', () => {
		assert.equal(names(sortContainers(three(), {key: 'cpu', descending: true}, usage)), 'gamma beta Alpha');
		assert.equal(names(sortContainers(three(), {key: 'cpu', descending: false}, usage)), 'beta gamma Alpha');
		assert.equal(names(sortContainers(three(), {key: 'mem', descending: true}, usage)), 'beta gamma Alpha');
		// Without stats: everything unknown, so newest first.
		assert.equal(names(sortContainers(three(), {key: 'cpu', descending: true})), 'Alpha beta gamma');
	});

	test('pods sort the same way, by pod ID usage', () => {
		const p1 = pod('a'.repeat(64), 'web');
		const p2 = pod('c'.repeat(64), 'db');
		assert.equal(names(sortPods([p1, p2], {key: 'cpu', descending: true}, usage)), 'db web');
		assert.equal(names(sortPods([p2, p1], {key: 'name', descending: false})), 'db web');
	});

	test('images by name (crictl) or by size', () => {
		const small = image('sha256:1', 'b/small:1');
		const big = {...image('sha256:2', 'a/big:1'), size: '9000000'};
		const untagged = {...image('sha256:3', 'x'), repoTags: []};
		assert.deepEqual(sortImages([small, untagged, big]).map(i => i.id), ['sha256:2', 'sha256:1', 'sha256:3']);
		assert.deepEqual(sortImages([small, big], {key: 'size', descending: true}).map(i => i.id), ['sha256:2', 'sha256:1']);
		assert.deepEqual(sortImages([big, small], {key: 'size', descending: false}).map(i => i.id), ['sha256:1', 'sha256:2']);
		// crictl compares names as Go strings (byte order): '.' before ':', where ICU's collation
		// (localeCompare) puts ':' first.
		const plain = image('sha256:4', 'repo/app:1');
		const dotted = image('sha256:5', 'repo/app.x:1');
		assert.deepEqual(sortImages([plain, dotted]).map(i => i.id), ['sha256:5', 'sha256:4']);
	});

	test('10,000 containers sort correctly by CPU, MEM, name and age within a few hundred ms', () => {
		const items = Array.from({length: 10_000}, (_, i) => {
			const c = container(i.toString(16).padStart(64, '0'), `c-${(i * 7919) % 10_000}`, 'p');
			c.createdAt = String(1_700_000_000_000_000_000n + BigInt((i * 104_729) % 10_000));
			return c;
		});
		const stats = new Map<string, ContainerUsage>(items.filter((_, i) => i % 3 !== 0).map((c, i) => [c.id, {cpuPercent: (i * 31) % 997 / 10, memoryBytes: String((i * 17) % 5000)}]));
		for (const key of ['cpu', 'mem', 'name', 'age'] as const) {
			const started = performance.now();
			const sorted = sortContainers(items, {key, descending: true}, stats);
			const ms = performance.now() - started;
			assert.ok(ms < 400 * busyFactor(), `${key}: ${ms.toFixed(0)} ms (ceiling 400 ms × ${busyFactor().toFixed(1)} for the load)`);
			assert.equal(sorted.length, items.length);
			for (let i = 1; i < sorted.length; i++) {
				const [a, b] = [sorted[i - 1], sorted[i]];
				if (key === 'name') assert.ok(a.metadata!.name >= b.metadata!.name, `${i}`);
				else if (key === 'age') assert.ok(BigInt(a.createdAt) >= BigInt(b.createdAt), `${i}`);
				else {
					const value = (id: string) => (key === 'cpu' ? stats.get(id)?.cpuPercent ?? undefined : stats.has(id) ? Number(stats.get(id)!.memoryBytes) : undefined);
					const [va, vb] = [value(a.id), value(b.id)];
					if (va === undefined) assert.equal(vb, undefined, `unknown must stay last (${i})`);
					else if (vb !== undefined) assert.ok(va >= vb, `${i}`);
				}
			}
		}
	});
});

describe('sorting by restarts and state', () => {
	test('attempt: most restarts first, reversed fewest first; state: exited/not ready first', () => {
		const [a, b, c] = three();
		a.metadata!.attempt = 4;
		c.metadata!.attempt = 1;
		assert.equal(names(sortContainers([a, b, c], {key: 'attempt', descending: true})), 'beta gamma Alpha');
		assert.equal(names(sortContainers([a, b, c], {key: 'attempt', descending: false})), 'Alpha gamma beta');
		assert.equal(names(sortContainers([a, b, c], {key: 'state', descending: true})), 'Alpha beta gamma');
		assert.equal(sortContainers([a, b, c], {key: 'state', descending: false}).at(-1)!.metadata!.name, 'Alpha');
		const pods = [pod('1'.repeat(64), 'ready'), pod('2'.repeat(64), 'down', 'default', 'SANDBOX_NOTREADY')];
		assert.equal(names(sortPods(pods, {key: 'state', descending: true})), 'down ready');
	});
});
