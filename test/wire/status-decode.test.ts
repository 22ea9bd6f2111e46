// The first calls' messages without protobufjs (source/wire/status-decode.ts): the same objects
// (key order included: `crisock-tui info -o json` prints them) and the same request bytes as
// proto-loader, protobufjs deciding whatever the hand decoders refuse, and in the bundle no
// protobufjs schema built for the first calls.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
// @ts-expect-error plain .mjs build helper without types
import {methodTable} from '../../scripts/build-options.mjs';
import {decodeStatusResponse, decodeVersionResponse} from '../../source/wire/status-decode.js';
import {decodeOptions, definitionsFromTable, loadCri, loaderOptions, protoPath, type MethodMeta} from '../../source/wire/proto.js';

const root = new protobuf.Root().loadSync(protoPath);
const type = (name: string) => root.lookupType(`runtime.v1.${name}`);
const reference = (name: string, buf: Uint8Array) => type(name).toObject(type(name).decode(buf), decodeOptions);
const encode = (name: string, value: object) => Buffer.from(type(name).encode(type(name).fromObject(value)).finish());
const theirs = protoLoader.fromJSON(root.toJSON(), loaderOptions)['runtime.v1.RuntimeService'] as protoLoader.ServiceDefinition;

const text = fc.oneof(fc.string(), fc.string({unit: 'grapheme'}), fc.constantFrom('', 'RuntimeReady', '\u0000', '日本語', '\u001b[2J', '😀x'));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: undefined});
const version = fc.record({version: maybe(text), runtimeName: maybe(text), runtimeVersion: maybe(text), runtimeApiVersion: maybe(text)});
const status = fc.record({
	status: maybe(fc.record({conditions: fc.array(fc.record({type: maybe(text), status: maybe(fc.boolean()), reason: maybe(text), message: maybe(text)}), {maxLength: 4})})),
	runtimeHandlers: maybe(fc.array(fc.record({name: maybe(text), features: maybe(fc.record({recursiveReadOnlyMounts: maybe(fc.boolean()), userNamespaces: maybe(fc.boolean())}))}), {maxLength: 3})),
	features: maybe(fc.record({supplementalGroupsPolicy: maybe(fc.boolean()), userNamespacesHostNetwork: maybe(fc.boolean())})),
});
// Unknown fields (a newer runtime's) appended, of every wire type the reader skips.
const unknown = fc.constantFrom(Buffer.alloc(0), Buffer.from([0x78, 0x05]), Buffer.from([0x7a, 0x02, 0x61, 0x62]), Buffer.from([0x7d, 1, 2, 3, 4]), Buffer.from([0x79, 1, 2, 3, 4, 5, 6, 7, 8]));

test('Version and Status answers decode to proto-loader\'s objects, key order included, unknown fields skipped', () => {
	fc.assert(fc.property(version, unknown, (value, extra) => {
		const bytes = Buffer.concat([encode('VersionResponse', value), extra]);
		assert.equal(JSON.stringify(decodeVersionResponse(bytes)), JSON.stringify(reference('VersionResponse', bytes)));
	}), {numRuns: 300});
	fc.assert(fc.property(status, unknown, (value, extra) => {
		const bytes = Buffer.concat([encode('StatusResponse', value), extra]);
		assert.equal(JSON.stringify(decodeStatusResponse(bytes)), JSON.stringify(reference('StatusResponse', bytes)));
	}), {numRuns: 300});
	// A sub-message given twice is the last one, not a merge, as protobufjs decodes it.
	const twice = Buffer.concat([encode('StatusResponse', {features: {supplementalGroupsPolicy: true}}), encode('StatusResponse', {features: {userNamespacesHostNetwork: true}})]);
	assert.deepEqual(decodeStatusResponse(twice).features, {supplementalGroupsPolicy: false, userNamespacesHostNetwork: true});
	assert.equal(JSON.stringify(decodeStatusResponse(twice)), JSON.stringify(reference('StatusResponse', twice)));
});

test('the client\'s Version and Status deserializers give proto-loader\'s answer for any bytes, verbose info included (protobufjs decides what the hand decoders refuse)', () => {
	const ours = loadCri().runtimeServiceDefinition;
	const same = (name: 'Version' | 'Status', bytes: Buffer) => {
		let expected: unknown;
		try {
			expected = JSON.stringify(theirs[name]!.responseDeserialize(bytes));
		} catch {
			assert.throws(() => ours[name]!.responseDeserialize(bytes), `${name} ${bytes.toString('hex')}`);
			return;
		}
		assert.equal(JSON.stringify(ours[name]!.responseDeserialize(bytes)), expected, `${name} ${bytes.toString('hex')}`);
	};
	const verbose = encode('StatusResponse', {status: {conditions: [{type: 'RuntimeReady', status: true}]}, info: {config: '{"a":1}', __proto__x: 'y'}});
	same('Status', verbose);
	assert.deepEqual(ours.Status!.responseDeserialize(verbose), theirs.Status!.responseDeserialize(verbose));
	assert.equal((ours.Status!.responseDeserialize(verbose) as {info: Record<string, string>}).info.config, '{"a":1}');
	fc.assert(fc.property(fc.uint8Array({maxLength: 40}), bytes => {
		same('Version', Buffer.from(bytes));
		same('Status', Buffer.from(bytes));
	}), {numRuns: 500});
	// Valid answers with one byte changed or cut short: wrong wire types, lengths past the end.
	fc.assert(fc.property(status, fc.nat(), fc.integer({min: 0, max: 255}), fc.boolean(), (value, at, byte, cut) => {
		const bytes = encode('StatusResponse', value);
		if (bytes.length === 0) return;
		const bad = Buffer.from(bytes);
		if (cut) {
			same('Status', bad.subarray(0, at % bad.length));
			return;
		}
		bad[at % bad.length] = byte;
		same('Status', bad);
	}), {numRuns: 500});
});

test('Version and Status requests are proto-loader\'s bytes, any other value is encoded by protobufjs', () => {
	const table = (methodTable as (d: object) => Record<string, Record<string, MethodMeta>>)(root.toJSON());
	const ours = definitionsFromTable(root.toJSON(), table)['runtime.v1.RuntimeService']!;
	const args: Array<[string, object]> = [
		['Version', {version: 'v1'}], ['Version', {version: ''}], ['Version', {version: 'x'.repeat(127)}], ['Version', {version: 'é'.repeat(64)}], ['Version', {version: 'x'.repeat(300)}],
		['Version', {version: 5}], ['Version', {version: 'v1', other: 1}], ['Version', {}], ['Version', {version: undefined}],
		['Status', {verbose: false}], ['Status', {verbose: true}], ['Status', {}], ['Status', {verbose: 1}], ['Status', {verbose: 'yes'}], ['Status', Object.assign(Object.create(null) as object, {verbose: true})],
	];
	for (const [name, arg] of args) assert.deepEqual(Buffer.from(ours[name]!.requestSerialize(arg)), Buffer.from(theirs[name]!.requestSerialize(arg)), `${name} ${JSON.stringify(arg)}`);
	fc.assert(fc.property(text, value => {
		assert.deepEqual(Buffer.from(ours.Version!.requestSerialize({version: value})), Buffer.from(theirs.Version!.requestSerialize({version: value})));
	}), {numRuns: 300});
});

test('in the bundle the first calls (Version, Status, the lists) build no protobufjs schema; the first other answer builds it', async () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-status-decode-'));
	try {
		const json = root.toJSON();
		const source = fileURLToPath(new URL('../../source/wire/proto.ts', import.meta.url));
		const outfile = path.join(dir, 'bundle.mjs');
		await esbuild.build({
			stdin: {contents: `export {loadCri} from ${JSON.stringify(source)}; export {default as protobuf} from 'protobufjs';`, resolveDir: path.dirname(source), loader: 'ts'},
			outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent',
			banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
			define: {__CRI_DESCRIPTOR__: JSON.stringify(json), __CRI_METHODS__: JSON.stringify((methodTable as (d: object) => object)(json))},
		});
		const bundled = await import(pathToFileURL(outfile).href) as {loadCri: typeof loadCri; protobuf: typeof protobuf};
		let built = 0;
		const addJSON = bundled.protobuf.Root.prototype.addJSON;
		bundled.protobuf.Root.prototype.addJSON = function (...args: Parameters<typeof addJSON>) {
			built++;
			return addJSON.apply(this, args);
		};
		const cri = bundled.loadCri().runtimeServiceDefinition;
		assert.deepEqual(Buffer.from(cri.Version!.requestSerialize({version: 'v1'})), Buffer.from([0x0a, 0x02, 0x76, 0x31]));
		assert.deepEqual(Buffer.from(cri.Status!.requestSerialize({verbose: false})), Buffer.from([0x08, 0x00]));
		assert.equal((cri.Version!.responseDeserialize(encode('VersionResponse', {runtimeName: 'containerd'})) as {runtimeName: string}).runtimeName, 'containerd');
		assert.equal((cri.Status!.responseDeserialize(encode('StatusResponse', {status: {conditions: [{type: 'RuntimeReady', status: true}]}})) as {status: {conditions: unknown[]}}).status.conditions.length, 1);
		for (const list of ['ListContainers', 'ListPodSandbox']) cri[list]!.requestSerialize({});
		assert.equal(cri.ListContainers!.responseDeserialize(encode('ListContainersResponse', {containers: [{id: 'a'}]})) !== undefined, true);
		assert.equal(built, 0, 'no schema root before the first other call');
		cri.ContainerStatus!.responseDeserialize(encode('ContainerStatusResponse', {status: {id: 'a'}}));
		assert.equal(built, 1, 'the schema root is built on the first message protobufjs decodes');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
