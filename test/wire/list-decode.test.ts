import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import {createListDecoder, setListAnnotations} from '../../source/wire/list-decode.js';
import {createCallTrace} from '../../source/wire/trace.js';
import {decodeOptions, loadCri, protoPath} from '../../source/wire/proto.js';

const root = new protobuf.Root().loadSync(protoPath);
const type = (name: string) => root.lookupType(`runtime.v1.${name}`);
const reference = (name: string, buf: Uint8Array) => type(name).toObject(type(name).decode(buf), decodeOptions);
const encode = (name: string, value: object) => Buffer.from(type(name).encode(type(name).fromObject(value)).finish());

const text = fc.oneof(fc.string(), fc.string({unit: 'grapheme'}), fc.constantFrom('', 'web', '\u0000', '日本語', '\u001b[2J', '😀x'));
const labels = fc.dictionary(text, text, {maxKeys: 4});
const int64 = fc.oneof(
	fc.constantFrom('0', '1', '-1', '9007199254740993', '1700000000123456789', '9223372036854775807', '-9223372036854775808'),
	fc.bigInt({min: -(2n ** 63n), max: 2n ** 63n - 1n}).map(String),
);
const uint64 = fc.oneof(fc.constantFrom('0', '18446744073709551615', '268435456'), fc.bigInt({min: 0n, max: 2n ** 64n - 1n}).map(String));
const spec = fc.record({image: text, annotations: labels, userSpecifiedImage: text, runtimeHandler: text, imageRef: text});
const container = fc.record({
	id: text, podSandboxId: text,
	metadata: fc.option(fc.record({name: text, attempt: fc.nat({max: 2 ** 32 - 1})}), {nil: null}),
	image: fc.option(spec, {nil: null}), imageRef: text,
	state: fc.constantFrom('CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_UNKNOWN'),
	createdAt: int64, labels, annotations: labels, imageId: text,
});
const pod = fc.record({
	id: text,
	metadata: fc.option(fc.record({name: text, uid: text, namespace: text, attempt: fc.nat({max: 2 ** 32 - 1})}), {nil: null}),
	state: fc.constantFrom('SANDBOX_READY', 'SANDBOX_NOTREADY'), createdAt: int64, labels, annotations: labels, runtimeHandler: text,
});
const image = fc.record({
	id: text, repoTags: fc.array(text, {maxLength: 3}), repoDigests: fc.array(text, {maxLength: 3}), size: uint64,
	uid: fc.option(fc.record({value: int64}), {nil: null}), username: text, spec: fc.option(spec, {nil: null}), pinned: fc.boolean(),
});

describe('createListDecoder', () => {
	const cases = [
		{name: 'ListContainersResponse', kind: 'containers', field: 'containers', item: container},
		{name: 'StreamContainersResponse', kind: 'containers', field: 'containers', item: container},
		{name: 'ListPodSandboxResponse', kind: 'pods', field: 'items', item: pod},
		{name: 'StreamPodSandboxesResponse', kind: 'pods', field: 'podSandboxes', item: pod},
		{name: 'ListImagesResponse', kind: 'images', field: 'images', item: image},
	] as const;
	for (const {name, kind, field, item} of cases) {
		test(`${name}: equals protobufjs decode + toObject on random messages (int64 exact)`, () => {
			fc.assert(fc.property(fc.array(item as fc.Arbitrary<object>, {maxLength: 6}), items => {
				const bytes = encode(name, {[field]: items});
				const decode = createListDecoder(kind, field);
				assert.deepEqual(decode(bytes), reference(name, bytes));
			}), {numRuns: 150});
		});
	}

	test('a decoder fed answer after answer (items kept, dropped, moved, changed) always equals protobufjs', () => {
		fc.assert(fc.property(fc.array(container, {minLength: 1, maxLength: 5}), fc.array(fc.nat(9), {maxLength: 8}), fc.array(container, {maxLength: 2}), (pool, picks, fresh) => {
			const decode = createListDecoder('containers', 'containers');
			const first = encode('ListContainersResponse', {containers: pool});
			assert.deepEqual(decode(first), reference('ListContainersResponse', first));
			const next = [...picks.map(i => pool[i % pool.length]), ...fresh];
			const second = encode('ListContainersResponse', {containers: next});
			assert.deepEqual(decode(second), reference('ListContainersResponse', second));
		}), {numRuns: 150});
	});

	test('unknown enum values stay numbers and unknown fields are skipped, as protobufjs does', () => {
		// Container{id:"a" state:7 field 99 varint 5}; ListContainersResponse field 1.
		const inner = Buffer.from([0x0a, 0x01, 0x61, 0x30, 0x07, 0x98, 0x06, 0x05]);
		const bytes = Buffer.concat([Buffer.from([0x0a, inner.length]), inner, Buffer.from([0x10, 0x01])]);
		const decoded = createListDecoder('containers', 'containers')(bytes);
		assert.deepEqual(decoded, reference('ListContainersResponse', bytes));
		assert.equal((decoded.containers[0] as {state: unknown}).state, 7);
	});

	test('a label named __proto__ stays an own property, as protobufjs keeps it', () => {
		const bytes = encode('ListPodSandboxResponse', {items: [{id: 'a', labels: JSON.parse('{"__proto__": "x"}')}]});
		const decoded = createListDecoder<{labels: object}>('pods', 'items')(bytes);
		assert.deepEqual(decoded, reference('ListPodSandboxResponse', bytes));
		assert.deepEqual(Object.keys(decoded.items[0].labels), ['__proto__']);
		assert.equal(Object.getPrototypeOf(decoded.items[0].labels), Object.prototype);
	});

	test('identical bytes give the identical response; an unchanged item keeps its object', () => {
		const decode = createListDecoder<{id: string; state: string}>('containers', 'containers');
		const items = [{id: 'a', state: 'CONTAINER_RUNNING'}, {id: 'b', state: 'CONTAINER_RUNNING'}];
		const first = decode(encode('ListContainersResponse', {containers: items}));
		assert.equal(decode(encode('ListContainersResponse', {containers: items})), first);
		const changed = decode(encode('ListContainersResponse', {containers: [items[0], {id: 'b', state: 'CONTAINER_EXITED'}]}));
		assert.notEqual(changed, first);
		assert.equal(changed.containers[0], first.containers[0], 'unchanged item: same object');
		assert.equal(changed.containers[1].state, 'CONTAINER_EXITED');
		assert.notEqual(changed.containers[1], first.containers[1]);
	});

	test('an unchanged item that moved (an item before it grew) keeps its object; a one-byte change is seen', () => {
		const decode = createListDecoder<{id: string; state: string; labels: object}>('containers', 'containers');
		const items = [{id: 'a', labels: {k: 'v'}}, {id: 'b', state: 'CONTAINER_RUNNING'}, {id: 'c', state: 'CONTAINER_RUNNING'}];
		const first = decode(encode('ListContainersResponse', {containers: items}));
		// 'a' grows by 3 bytes, so 'b' and 'c' sit at other offsets (and another alignment).
		const grown = decode(encode('ListContainersResponse', {containers: [{id: 'a', labels: {k: 'v', x: 'y'}}, items[2], items[1]]}));
		assert.notEqual(grown.containers[0], first.containers[0]);
		assert.deepEqual(grown.containers[0].labels, {k: 'v', x: 'y'});
		assert.equal(grown.containers[1], first.containers[2], 'moved item: same object');
		assert.equal(grown.containers[2], first.containers[1], 'moved item: same object');
		const flipped = decode(encode('ListContainersResponse', {containers: [{id: 'a', labels: {k: 'v', x: 'z'}}, items[2], items[1]]}));
		assert.deepEqual(flipped.containers[0].labels, {k: 'v', x: 'z'}, 'one byte changed: decoded anew');
		assert.equal(flipped.containers[1], first.containers[2]);
	});

	test('a removed item, an added one and a repeated one: every other item keeps its object, the rest equal protobufjs', () => {
		const decode = createListDecoder<{id: string; state: string}>('containers', 'containers');
		const items = ['a', 'b', 'c', 'd', 'e'].map(id => ({id, state: 'CONTAINER_RUNNING'}));
		const first = decode(encode('ListContainersResponse', {containers: items}));
		const next = [items[0], items[2], {id: 'b2', state: 'CONTAINER_CREATED'}, items[3], items[3], {id: 'e', state: 'CONTAINER_EXITED'}];
		const bytes = encode('ListContainersResponse', {containers: next});
		const second = decode(bytes);
		assert.deepEqual(second, reference('ListContainersResponse', bytes));
		assert.equal(second.containers[0], first.containers[0]);
		assert.equal(second.containers[1], first.containers[2], 'moved up by the removal: same object');
		assert.equal(second.containers[3], first.containers[3]);
		assert.notEqual(second.containers[5], first.containers[4], 'changed in place: decoded anew');
		assert.equal(second.containers[5].state, 'CONTAINER_EXITED');
	});

	test('equal bytes in another buffer (grpc-js gives a new one per answer, and may reuse the old) give the same response', () => {
		const decode = createListDecoder<{id: string}>('containers', 'containers');
		const bytes = encode('ListContainersResponse', {containers: [{id: 'a'}, {id: 'b'}]});
		const first = decode(bytes);
		const again = Buffer.from(bytes);
		bytes.fill(0);
		assert.equal(decode(again), first);
		assert.equal(decode(encode('ListContainersResponse', {containers: [{id: 'a'}, {id: 'b'}]})), first);
	});

	test('for the dashboard, containers and pods come without annotations (images keep theirs); the trace with payloads gets them back', () => {
		const decode = createListDecoder<{id: string; labels: object; annotations: object; image: {annotations: object} | null}>('containers', 'containers');
		const pods = createListDecoder<{annotations: object; labels: object}>('pods', 'items');
		const images = createListDecoder<{spec: {annotations: object}}>('images', 'images');
		const answer = encode('ListContainersResponse', {containers: [{id: 'a', labels: {app: 'web'}, annotations: {'io.kubernetes.container.hash': 'x'}, image: {image: 'i', annotations: {k: 'v'}}}]});
		const full = decode(answer).containers[0]!;
		assert.deepEqual(full.annotations, {'io.kubernetes.container.hash': 'x'});
		const trace = createCallTrace();
		try {
			setListAnnotations(false);
			const lean = decode(answer).containers[0]!;
			assert.notEqual(lean, full, 'decoded anew without them, not the full object kept');
			assert.deepEqual(lean.annotations, {});
			assert.deepEqual(lean.image!.annotations, {});
			assert.equal(lean.annotations, lean.image!.annotations, 'one shared empty map, not two objects per container');
			assert.ok(Object.isFrozen(lean.annotations), 'and nothing can write into it');
			assert.deepEqual(lean.labels, {app: 'web'}, 'labels stay: the filter matches key=value');
			assert.equal(decode(answer).containers[0], lean, 'an unchanged item keeps its object');
			assert.deepEqual(pods(encode('ListPodSandboxResponse', {items: [{id: 'p', labels: {a: 'b'}, annotations: {c: 'd'}}]})).items[0], {...reference('ListPodSandboxResponse', encode('ListPodSandboxResponse', {items: [{id: 'p', labels: {a: 'b'}}]})).items[0], labels: {a: 'b'}});
			assert.deepEqual(images(encode('ListImagesResponse', {images: [{id: 'i', spec: {image: 'i', annotations: {k: 'v'}}}]})).images[0]!.spec.annotations, {k: 'v'});
			// A trace that keeps answers (the `:trace` view after p, --trace FILE) gets them whole.
			trace.setDetail('payload');
			assert.deepEqual(decode(answer).containers[0]!.annotations, {'io.kubernetes.container.hash': 'x'});
		} finally {
			setListAnnotations(true);
			trace.release();
		}
	});

	test('malformed bytes throw (the method then falls back to protobufjs)', () => {
		const decode = createListDecoder('containers', 'containers');
		// Field 1 of the item (id) as a varint: protobufjs reads it differently, so we must not guess.
		assert.throws(() => decode(Buffer.from([0x0a, 0x02, 0x08, 0x01])));
		assert.throws(() => decode(Buffer.from([0x0a, 0x05, 0x0a, 0x01])));
	});
});

describe('loadCri list methods', () => {
	test('decode through the hand decoder and fall back to protobufjs on odd wire types', () => {
		const {runtimeServiceDefinition: rs} = loadCri();
		const method = rs.ListContainers;
		const bytes = method.responseSerialize({containers: [{id: 'x', createdAt: '1700000000123456789', state: 'CONTAINER_EXITED'}]});
		const decoded = method.responseDeserialize(bytes) as {containers: Array<{createdAt: string; labels: object}>};
		assert.equal(decoded.containers[0].createdAt, '1700000000123456789');
		assert.deepEqual(decoded.containers[0].labels, {});
		const odd = Buffer.from([0x0a, 0x02, 0x08, 0x01]);
		assert.deepEqual(method.responseDeserialize(odd), reference('ListContainersResponse', odd));
	});
});
