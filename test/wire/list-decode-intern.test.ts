// source/wire/list-decode.ts keeps one string object for each value repeated across listed objects:
// a pod's ID, name, UID and namespace are the strings its labels and its containers already hold.
// String identity is invisible to JavaScript, so it is counted in a V8 heap snapshot: a value
// decoded twice from two answers exists once. Containers of one image share its spec object, and
// of one name and attempt their metadata, while annotations are dropped (the dashboard).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {getHeapSnapshot} from 'node:v8';
import protobuf from 'protobufjs';
import {createListDecoder, setListAnnotations} from '../../source/wire/list-decode.js';
import {protoPath} from '../../source/wire/proto.js';

const root = new protobuf.Root().loadSync(protoPath);
const encode = (name: string, value: object) => {
	const type = root.lookupType(`runtime.v1.${name}`);
	return Buffer.from(type.encode(type.fromObject(value)).finish());
};

/** How many string objects on the heap have exactly `text` as their contents. */
async function copiesOf(texts: string[]): Promise<number[]> {
	const chunks: string[] = [];
	for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
	const snapshot = JSON.parse(chunks.join('')) as {snapshot: {meta: {node_fields: string[]; node_types: [string[]]}}; nodes: number[]; strings: string[]};
	const {node_fields: fields, node_types: [types]} = snapshot.snapshot.meta;
	const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
	const counts = texts.map(() => 0);
	for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
		if (types[snapshot.nodes[i + typeAt]!] !== 'string') continue;
		const at = texts.indexOf(snapshot.strings[snapshot.nodes[i + nameAt]!]!);
		if (at >= 0) counts[at]!++;
	}
	return counts;
}

test('a pod\'s ID, name, UID and namespace are one string each with its labels\' values and its containers\' podSandboxId', async () => {
	// Values no other test or module makes, built into bytes and then dropped: only decoded copies remain.
	const token = randomBytes(8).toString('hex');
	const wire = (() => {
		const id = `pod-${token}-id`, name = `pod-${token}-name`, uid = `pod-${token}-uid`, namespace = `pod-${token}-ns`;
		const labels = {'io.kubernetes.pod.name': name, 'io.kubernetes.pod.uid': uid, 'io.kubernetes.pod.namespace': namespace};
		return {
			pods: encode('ListPodSandboxResponse', {items: [{id, metadata: {name, uid, namespace, attempt: 0}, labels}]}),
			containers: encode('ListContainersResponse', {containers: [{id: `c-${token}`, podSandboxId: id, metadata: {name: 'app', attempt: 0}, labels}]}),
		};
	})();
	const pods = createListDecoder<{id: string}>('pods', 'items')(wire.pods);
	const containers = createListDecoder<{podSandboxId: string}>('containers', 'containers')(wire.containers);
	assert.equal(pods.items!.length, 1);
	assert.equal(containers.containers!.length, 1);
	const counts = await copiesOf(['id', 'name', 'uid', 'ns'].map(part => `pod-${token}-${part}`));
	assert.deepEqual(counts, [1, 1, 1, 1], 'one string object per value (ID, name, UID, namespace)');
	// Kept alive to the snapshot.
	assert.equal(pods.items![0]!.id, containers.containers![0]!.podSandboxId);
});

test('containers of one image share one spec object and of one name and attempt one metadata object, while annotations are dropped', () => {
	const spec = (imageRef: string) => ({image: 'registry.example/web:1', imageRef, userSpecifiedImage: '', runtimeHandler: '', annotations: {}});
	const item = (i: number, imageRef: string, attempt: number) => ({id: `c${i}`, podSandboxId: `p${i}`, metadata: {name: 'web', attempt}, image: spec(imageRef), imageRef, labels: {}, annotations: {a: String(i)}});
	const wire = encode('ListContainersResponse', {containers: [item(1, 'sha256:aa', 0), item(2, 'sha256:aa', 0), item(3, 'sha256:bb', 1)]});
	type Listed = {image: object | null; metadata: object | null; annotations: Record<string, string>};
	try {
		setListAnnotations(false);
		const [a, b, c] = createListDecoder<Listed>('containers', 'containers')(wire).containers!;
		assert.equal(a!.image, b!.image, 'same image spec: one object');
		assert.equal(a!.metadata, b!.metadata, 'same name and attempt: one object');
		assert.notEqual(a!.image, c!.image, 'another imageRef: its own spec');
		assert.notEqual(a!.metadata, c!.metadata, 'another attempt: its own metadata');
		assert.deepEqual(c!.image, {...spec('sha256:bb'), annotations: {}});
		assert.deepEqual(c!.metadata, {name: 'web', attempt: 1});
		setListAnnotations(true);
		const [d, e] = createListDecoder<Listed>('containers', 'containers')(wire).containers!;
		assert.notEqual(d!.image, e!.image, 'with annotations kept each container has its own spec');
		assert.deepEqual(d!.annotations, {a: '1'});
	} finally {
		setListAnnotations(true);
	}
});
