import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {SimModel, normaliseRef, safeSegment} from '../../source/sim/model.js';

let clock = 1_790_000_000_000_000_000n;
const now = () => (clock += 1_000_000n);
const make = (seed: number, containers = 12, flavor: 'containerd' | 'cri-o' = 'containerd') => new SimModel({flavor, seed, containers, hostile: false, now});
const shape = (m: SimModel) => [...m.containers.values()].map(c => `${c.id} ${c.name}#${c.attempt} ${c.state} ${c.exitCode} ${c.reason} ${c.image.ref}`);

describe('sim model', () => {
	test('same seed gives the same node; another seed another', () => {
		const a = make(7);
		const b = make(7);
		assert.deepEqual(shape(a), shape(b));
		assert.deepEqual([...a.pods.values()].map(p => `${p.id} ${p.namespace}/${p.name} ${p.uid}`), [...b.pods.values()].map(p => `${p.id} ${p.namespace}/${p.name} ${p.uid}`));
		for (let i = 0; i < 12; i++) {
			a.tick();
			b.tick();
		}
		assert.deepEqual(shape(a), shape(b));
		assert.notDeepEqual(shape(make(8)), shape(a));
	});

	test('exactly the requested containers at start, 64-hex ids, kubelet labels', () => {
		for (const n of [0, 1, 12, 100]) assert.equal(make(1, n).containers.size, n);
		const m = make(1);
		for (const c of m.containers.values()) {
			assert.match(c.id, /^[0-9a-f]{64}$/);
			const pod = m.pods.get(c.podId)!;
			assert.equal(c.labels['io.kubernetes.pod.name'], pod.name);
			assert.equal(c.labels['io.kubernetes.pod.namespace'], pod.namespace);
			assert.equal(c.labels['io.kubernetes.container.name'], c.name);
		}
		const states = new Set([...m.containers.values()].map(c => `${c.state}/${c.reason}`));
		for (const s of ['CONTAINER_RUNNING/', 'CONTAINER_EXITED/Completed', 'CONTAINER_EXITED/Error']) assert.ok(states.has(s), s);
		assert.ok(make(1, 20).containers.size === 20 && [...make(1, 20).containers.values()].some(c => c.reason === 'OOMKilled'));
	});

	test('pods ≈ containers/3 and images ≈ containers/20 on a big node', () => {
		const m = make(3, 3000);
		assert.ok(m.pods.size > 800 && m.pods.size < 1200, `pods ${m.pods.size}`);
		assert.ok(m.images.size >= 140 && m.images.size <= 170, `images ${m.images.size}`);
	});

	test('crash loop: attempts rise, each a new id, last dead attempt kept until the next one', () => {
		const m = make(1);
		const attempts = () => [...m.containers.values()].filter(c => c.name === 'payments-api').map(c => ({id: c.id, attempt: c.attempt, state: c.state}));
		const start = attempts();
		assert.deepEqual(start.map(a => a.attempt), [3, 4]);
		const seen = new Set(start.map(a => a.id));
		let highest = 4;
		for (let i = 0; i < 20; i++) {
			m.tick();
			const now = attempts();
			assert.ok(now.length <= 2 && now.length >= 1);
			for (const a of now) seen.add(a.id);
			highest = Math.max(highest, ...now.map(a => a.attempt));
			const latest = now.reduce((x, y) => (x.attempt > y.attempt ? x : y));
			for (const older of now.filter(a => a !== latest)) assert.equal(older.state, 'CONTAINER_EXITED');
		}
		assert.ok(highest >= 8, `attempt reached ${highest}`);
		assert.equal(seen.size, highest - 3 + 1);
	});

	test('jobs come and go over time', () => {
		const m = make(1);
		const jobs = () => [...m.pods.values()].filter(p => p.name.startsWith('nightly-report-')).map(p => p.id);
		const first = jobs();
		for (let i = 0; i < 30; i++) m.tick();
		const later = jobs();
		assert.ok(later.length >= 1 && later.length <= 3);
		assert.ok(!later.includes(first[0]), 'the first job pod was torn down');
	});

	test('lookups: unique id prefix, ambiguous prefix, image by short name and id', () => {
		const m = make(1, 100);
		const c = [...m.containers.values()][5];
		assert.equal(m.findContainer(c.id.slice(0, 12)), c);
		assert.equal(m.findContainer(''), undefined);
		assert.equal(m.findContainer('zz'), undefined);
		const nginx = m.findImage('nginx:1.27')!;
		assert.equal(nginx.ref, 'docker.io/library/nginx:1.27');
		assert.equal(m.findImage(`sha256:${nginx.hex}`), nginx);
		assert.equal(m.findImage(nginx.hex.slice(0, 12)), nginx);
		assert.equal(normaliseRef('busybox'), 'docker.io/library/busybox:latest');
		assert.equal(normaliseRef('quay.io/a/b:1'), 'quay.io/a/b:1');
		assert.equal(safeSegment('a/b\0c'), 'a_b_c');
		assert.ok(Buffer.byteLength(safeSegment('界'.repeat(200))) <= 200);
	});

	test('stop and remove; events are emitted', () => {
		const m = make(1);
		const events: string[] = [];
		m.onEvent(e => events.push(e.type));
		const pod = [...m.pods.values()][1];
		m.stopPod(pod.id);
		assert.equal(pod.state, 'SANDBOX_NOTREADY');
		for (const c of m.containers.values()) if (c.podId === pod.id) assert.equal(c.state, 'CONTAINER_EXITED');
		assert.ok(events.includes('CONTAINER_STOPPED_EVENT'));
		m.removePod(pod.id);
		assert.equal(m.pods.has(pod.id), false);
		assert.ok(events.includes('CONTAINER_DELETED_EVENT'));
	});
});
