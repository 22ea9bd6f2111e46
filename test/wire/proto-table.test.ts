// The bundle's service definitions (made at start-up from proto-loader's build-time method table,
// source/wire/proto.ts definitionsFromTable) are proto-loader's own: same methods, same paths and
// streaming, the same bytes out and the same objects in.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
// @ts-expect-error plain .mjs build helper without types
import {methodTable} from '../../scripts/build-options.mjs';
import {definitionsFromTable, loaderOptions, protoPath, type MethodMeta} from '../../source/wire/proto.js';

const descriptor = new protobuf.Root().loadSync(protoPath).toJSON();
const table = (methodTable as (d: object) => Record<string, Record<string, MethodMeta>>)(descriptor);
const ours = definitionsFromTable(descriptor, table);
const theirs = protoLoader.fromJSON(descriptor, loaderOptions);

const samples: Record<string, object> = {
	VersionRequest: {version: 'v1'},
	VersionResponse: {version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.7.2', runtimeApiVersion: 'v1'},
	ListContainersRequest: {filter: {state: {state: 'CONTAINER_EXITED'}, labelSelector: {a: 'b'}}},
	ContainerStatusRequest: {containerId: 'abc', verbose: true},
	ContainerStatusResponse: {
		status: {id: 'abc', state: 'CONTAINER_EXITED', createdAt: '1732700000123456789', finishedAt: '1732700000987654321', exitCode: 3,
			metadata: {name: 'web', attempt: 2}, labels: {'io.kubernetes.pod.name': 'p'}, image: {image: 'busybox'},
			// A repeated scalar: packed in proto3, which the schema's features say (resolved up front, the fields lazily).
			user: {linux: {uid: '0', gid: '0', supplementalGroups: ['1', '2', '10']}}},
		info: {info: '{"pid":1}'},
	},
	ListContainerStatsResponse: {stats: [{attributes: {id: 'abc', metadata: {name: 'web'}}, cpu: {timestamp: '1732700000123456789', usageCoreNanoSeconds: {value: '18446744073709551615'}}}]},
	ListImagesResponse: {images: [{id: 'sha256:1', repoTags: ['a:b'], size: '9007199254740993', pinned: true}]},
};

test('the table has every service and method proto-loader defines, with the same path, streaming and name', () => {
	for (const service of ['runtime.v1.RuntimeService', 'runtime.v1.ImageService']) {
		const a = ours[service]!;
		const b = theirs[service] as protoLoader.ServiceDefinition;
		assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), service);
		for (const [name, m] of Object.entries(b)) {
			const o = a[name]!;
			assert.deepEqual([o.path, o.requestStream, o.responseStream, o.originalName], [m.path, m.requestStream, m.responseStream, m.originalName], name);
		}
	}
});

test('serializers give proto-loader\'s bytes and deserializers its objects (int64 as exact strings, enums as names, defaults)', () => {
	let checked = 0;
	for (const service of ['runtime.v1.RuntimeService', 'runtime.v1.ImageService']) {
		for (const [name, m] of Object.entries(theirs[service] as protoLoader.ServiceDefinition)) {
			const o = ours[service]![name]!;
			for (const [side, typeName] of [['request', table[service]![name]!.requestType], ['response', table[service]![name]!.responseType]] as const) {
				const sample = samples[typeName] ?? {};
				const serialize = side === 'request' ? [o.requestSerialize, m.requestSerialize] : [o.responseSerialize, m.responseSerialize];
				const deserialize = side === 'request' ? [o.requestDeserialize, m.requestDeserialize] : [o.responseDeserialize, m.responseDeserialize];
				const bytes = serialize[1]!(sample);
				assert.deepEqual(Buffer.from(serialize[0]!(sample)), Buffer.from(bytes), `${name} ${side} bytes`);
				assert.deepEqual(deserialize[0]!(bytes), deserialize[1]!(bytes), `${name} ${side} object`);
				checked++;
			}
		}
	}
	assert.ok(checked >= 58, `checked ${checked}`);
	// Requests with nothing set (answered as no bytes without protobufjs): proto-loader's bytes too.
	for (const service of ['runtime.v1.RuntimeService', 'runtime.v1.ImageService']) {
		for (const [name, m] of Object.entries(theirs[service] as protoLoader.ServiceDefinition)) {
			for (const empty of [{}, {filter: undefined}, {filter: null, verbose: undefined}]) {
				assert.deepEqual(Buffer.from(ours[service]![name]!.requestSerialize(empty)), Buffer.from(m.requestSerialize(empty)), `${name} ${JSON.stringify(empty)}`);
			}
		}
	}
	// Set to a default value is still sent (protobufjs writes what is present): not taken for empty.
	const status = ours['runtime.v1.RuntimeService']!.Status!;
	assert.deepEqual([...status.requestSerialize({verbose: false})], [8, 0]);
	const response = ours['runtime.v1.RuntimeService']!.ContainerStatus!;
	const decoded = response.responseDeserialize(response.responseSerialize(samples.ContainerStatusResponse!)) as {status: {createdAt: string; state: string}};
	assert.equal(decoded.status.createdAt, '1732700000123456789');
	assert.equal(decoded.status.state, 'CONTAINER_EXITED');
});
