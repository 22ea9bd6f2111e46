import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import {decodeContainerUsage, decodePodUsage, usageOfContainer, usageOfPod} from '../../source/wire/usage-decode.js';
import {decodeOptions, loadCri, protoPath} from '../../source/wire/proto.js';
import type {ContainerStats, PodSandboxStats} from '../../source/model/cri-types.js';
import {simHarness} from '../sim/helpers.js';
import {createCallTrace} from '../../source/wire/trace.js';
import {createCriClient} from '../../source/wire/cri-client.js';

const root = new protobuf.Root().loadSync(protoPath);
const type = (name: string) => root.lookupType(`runtime.v1.${name}`);
const reference = (name: string, buf: Uint8Array) => type(name).toObject(type(name).decode(buf), decodeOptions) as {stats: never[]};
const encode = (name: string, value: object) => Buffer.from(type(name).encode(type(name).fromObject(value)).finish());

const text = fc.oneof(fc.string(), fc.constantFrom('', 'a'.repeat(64), '日本語', '\u001b[2J'));
const labels = fc.dictionary(text, text, {maxKeys: 3});
const int64 = fc.bigInt({min: -(2n ** 63n), max: 2n ** 63n - 1n}).map(String);
const u64 = fc.option(fc.record({value: fc.bigInt({min: 0n, max: 2n ** 64n - 1n}).map(String)}), {nil: null});
const cpu = fc.option(fc.record({timestamp: int64, usageCoreNanoSeconds: u64, usageNanoCores: u64}), {nil: null});
const memory = fc.option(fc.record({timestamp: int64, workingSetBytes: u64, availableBytes: u64, usageBytes: u64, rssBytes: u64, pageFaults: u64, majorPageFaults: u64}), {nil: null});
const fs = fc.option(fc.record({timestamp: int64, fsId: fc.record({mountpoint: text}), usedBytes: u64, inodesUsed: u64}), {nil: null});
const attributes = fc.option(fc.record({id: text, metadata: fc.record({name: text, attempt: fc.nat()}), labels, annotations: labels}), {nil: null});
const containerStats = fc.record({attributes, cpu, memory, writableLayer: fs, swap: fc.option(fc.record({timestamp: int64, swapUsageBytes: u64}), {nil: null})});
const podStats = fc.record({
	attributes: fc.option(fc.record({id: text, metadata: fc.record({name: text, uid: text, namespace: text, attempt: fc.nat()}), labels, annotations: labels}), {nil: null}),
	linux: fc.option(fc.record({cpu, memory, process: fc.record({timestamp: int64, processCount: u64}), containers: fc.array(containerStats, {maxLength: 2})}), {nil: null}),
});

describe('usage decoders', () => {
	test('ListContainerStats: equal to protobufjs decode + toObject cut to ID, CPU and working set', () => {
		fc.assert(fc.property(fc.array(containerStats, {maxLength: 5}), items => {
			const bytes = encode('ListContainerStatsResponse', {stats: items});
			assert.deepEqual(decodeContainerUsage(bytes), reference('ListContainerStatsResponse', bytes).stats.map(s => usageOfContainer(s as ContainerStats)));
		}), {numRuns: 200});
	});

	test('ListPodSandboxStats: equal to protobufjs cut to ID and the linux CPU and working set (per-container list skipped)', () => {
		fc.assert(fc.property(fc.array(podStats, {maxLength: 4}), items => {
			const bytes = encode('ListPodSandboxStatsResponse', {stats: items});
			assert.deepEqual(decodePodUsage(bytes), reference('ListPodSandboxStatsResponse', bytes).stats.map(s => usageOfPod(s as PodSandboxStats)));
		}), {numRuns: 200});
	});

	test('labels and annotations make no strings: only the ID is read of the attributes', () => {
		const bytes = encode('ListContainerStatsResponse', {stats: [{attributes: {id: 'abc', labels: {k: 'v'}, annotations: {big: 'x'.repeat(10_000)}}, cpu: {timestamp: '5', usageCoreNanoSeconds: {value: '18446744073709551615'}}}]});
		assert.deepEqual(decodeContainerUsage(bytes), [{id: 'abc', cpu: {timestampNs: 5, coreNs: 18_446_744_073_709_551_615}, memory: null}]);
	});

	test('IDs remembered from the last answer by place are taken again only where their bytes are equal', () => {
		const answer = (...ids: string[]) => encode('ListContainerStatsResponse', {stats: ids.map(id => ({attributes: {id}, memory: {workingSetBytes: {value: '1'}}}))});
		const ids = (bytes: Buffer) => decodeContainerUsage(bytes).map(s => s.id);
		assert.deepEqual(ids(answer('a'.repeat(64), 'b'.repeat(64), 'c')), ['a'.repeat(64), 'b'.repeat(64), 'c']);
		// Same lengths, other bytes at each place; then a place the last answer did not have.
		assert.deepEqual(ids(answer('b'.repeat(64), 'a'.repeat(64), 'd', 'e')), ['b'.repeat(64), 'a'.repeat(64), 'd', 'e']);
		// Non-ASCII: the same UTF-8 length as the remembered ID is not the same ID.
		assert.deepEqual(ids(answer('é', 'ab', 'd')), ['é', 'ab', 'd']);
		assert.deepEqual(ids(answer('ab', 'é', 'd')), ['ab', 'é', 'd']);
		// An answer that threw leaves the last good one remembered.
		assert.throws(() => decodeContainerUsage(Buffer.concat([answer('zz', 'yy'), Buffer.from([0x0a, 0x02, 0x08, 0x00])])));
		assert.deepEqual(ids(answer('ab', 'é', 'd')), ['ab', 'é', 'd']);
	});

	test('a nested message read past its end throws (the enclosing field is not read into)', () => {
		// ContainerStats{cpu: CpuUsage of length 2 holding a 3-byte varint timestamp}.
		assert.throws(() => decodeContainerUsage(Buffer.from([0x0a, 0x06, 0x12, 0x02, 0x08, 0x80, 0x80, 0x01])));
	});

	test('the CPU reading is the double nearest each 64-bit integer, as Number() of its decimal string, at the rounding edges', () => {
		const edges = ['0', '1', String(2 ** 28 - 1), String(2 ** 28), String(2 ** 53 - 1), String(2 ** 53), '9007199254740993', '9007199254740995',
			'1764000000123456789', '1764000000123456767', '1764000000123456768', '9223372036854775807', '18446744073709551615', '18446744073709550591', '18446744073709550592'];
		for (const value of edges) {
			const signed = BigInt(value) < 2n ** 63n ? value : '-5';
			const bytes = encode('ListContainerStatsResponse', {stats: [{attributes: {id: 'a'}, cpu: {timestamp: signed, usageCoreNanoSeconds: {value}}}]});
			assert.deepEqual(decodeContainerUsage(bytes)[0]!.cpu, {timestampNs: Number(signed), coreNs: Number(value)}, value);
		}
		for (const negative of ['-1', '-9223372036854775808', '-1764000000123456789']) {
			const bytes = encode('ListContainerStatsResponse', {stats: [{attributes: {id: 'a'}, cpu: {timestamp: negative}}]});
			assert.equal(decodeContainerUsage(bytes)[0]!.cpu!.timestampNs, Number(negative), negative);
		}
	});

	test('odd wire types throw in the hand decoder; the client method then decodes with protobufjs', () => {
		// ContainerStats{attributes: field 1 as the varint 0}: protobufjs reads it as an empty message.
		const odd = Buffer.from([0x0a, 0x02, 0x08, 0x00]);
		assert.throws(() => decodeContainerUsage(odd));
		const method = loadCri().RuntimeUsage.service.ListContainerUsage!;
		const good = encode('ListContainerStatsResponse', {stats: [{attributes: {id: 'x'}, memory: {workingSetBytes: {value: '7'}}}]});
		assert.deepEqual(method.responseDeserialize(good), {stats: [{id: 'x', cpu: null, memory: {workingSetBytes: {value: '7'}}}]});
		assert.deepEqual(method.responseDeserialize(odd), {stats: [{id: '', cpu: null, memory: null}]});
		assert.equal(method.path, '/runtime.v1.RuntimeService/ListContainerStats');
	});
});

describe('client usage calls against the simulated node', () => {
	test('listContainerUsage and listPodSandboxUsage give what the full stats calls give, cut down; the trace names the real RPC', async () => {
		const h = await simHarness({flavor: 'containerd-1.7'});
		// Its own trace: no other client's calls (another test file in this process) can land in it.
		const trace = createCallTrace();
		const client = createCriClient({runtimeEndpoint: h.client.runtimeEndpoint, timeoutMs: 5000, trace});
		try {
			const usage = await client.listContainerUsage();
			const full = await client.listContainerStats();
			assert.ok(usage.length > 5);
			assert.deepEqual(usage.map(u => u.id), full.map(s => s.attributes!.id));
			// Working sets move between two calls: which containers have one must not.
			assert.deepEqual(usage.map(u => u.memory === null), full.map(s => s.memory === null));
			const pods = await client.listPodSandboxUsage();
			assert.deepEqual(pods.map(p => p.id), (await client.listPodSandboxStats()).map(s => s.attributes!.id));
			assert.deepEqual(trace.records().map(r => r.method).reverse(), ['ListContainerStats', 'ListContainerStats', 'ListPodSandboxStats', 'ListPodSandboxStats']);
			// While the trace keeps answers, the full answer is decoded so the trace shows it.
			trace.setDetail('payload');
			await client.listContainerUsage();
			const answer = trace.records()[0]!.response as {stats: ContainerStats[]};
			assert.ok(answer.stats[0]!.attributes!.labels, 'the traced answer is the full one');
		} finally {
			trace.release();
			client.close();
			await h.close();
		}
	});
});
