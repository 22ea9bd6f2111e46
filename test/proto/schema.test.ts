// Our proto/cri-runtime-v1.proto is a subset of upstream CRI runtime.v1: every
// service, rpc, message, field and enum value we declare must be identical
// upstream, because names, numbers and types are the wire protocol.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import protobuf from 'protobufjs';
import {referenceProto} from '../support/reference-proto.js';

const ours = fileURLToPath(new URL('../../proto/cri-runtime-v1.proto', import.meta.url));

function load(file: string): protobuf.Namespace {
	const root = new protobuf.Root().loadSync(file, {keepCase: true});
	root.resolveAll();
	return root.lookup('runtime.v1') as protobuf.Namespace;
}

/** Every nested type of a namespace, by its name relative to the package ("Outer.Inner"). */
function walk(ns: protobuf.NamespaceBase, prefix = ''): Array<[string, protobuf.ReflectionObject]> {
	return ns.nestedArray.flatMap(obj => {
		const name = prefix + obj.name;
		const own: Array<[string, protobuf.ReflectionObject]> = [[name, obj]];
		return obj instanceof protobuf.Namespace || obj instanceof protobuf.Type ? [...own, ...walk(obj, `${name}.`)] : own;
	});
}

/** A field as it travels: number, wire type name, label. Type names are package-relative. */
function describeField(f: protobuf.Field): string {
	const type = f.resolvedType ? f.resolvedType.fullName.replace(/^\.runtime\.v1\./, '') : f.type;
	if (f instanceof protobuf.MapField) return `${f.name}=${f.id} map<${f.keyType}, ${type}>`;
	return `${f.name}=${f.id} ${f.repeated ? 'repeated ' : ''}${type}`;
}

describe('proto/cri-runtime-v1.proto against upstream runtime.v1', () => {
	test('the upstream reference is present', () => {
		assert.ok(referenceProto());
	});

	// Without it the test above fails with where it was looked for; the comparisons need it.
	let referencePath: string;
	try {
		referencePath = referenceProto();
	} catch {
		return;
	}
	const theirs = load(referencePath);
	const mine = load(ours);
	const entries = walk(mine);

	test('declares both services and the package is runtime.v1', () => {
		assert.ok(mine.lookup('RuntimeService') instanceof protobuf.Service);
		assert.ok(mine.lookup('ImageService') instanceof protobuf.Service);
	});

	test('every service and rpc exists upstream with the same types and streaming', () => {
		let rpcs = 0;
		for (const [name, obj] of entries) {
			if (!(obj instanceof protobuf.Service)) continue;
			const up = theirs.lookup(name);
			assert.ok(up instanceof protobuf.Service, `service ${name} is not upstream`);
			for (const m of obj.methodsArray) {
				rpcs++;
				const u: protobuf.Method | undefined = up.methods[m.name];
				assert.ok(u, `rpc ${name}.${m.name} is not upstream`);
				assert.equal(m.requestType, u.requestType, `${m.name} request type`);
				assert.equal(m.responseType, u.responseType, `${m.name} response type`);
				assert.equal(Boolean(m.requestStream), Boolean(u.requestStream), `${m.name} client streaming`);
				assert.equal(Boolean(m.responseStream), Boolean(u.responseStream), `${m.name} server streaming`);
			}
		}
		assert.ok(rpcs >= 25, `expected the full set of rpcs, found ${rpcs}`);
	});

	test('every message field equals upstream in name, number, type and label', () => {
		let fields = 0;
		for (const [name, obj] of entries) {
			if (!(obj instanceof protobuf.Type)) continue;
			const up = theirs.lookup(name);
			assert.ok(up instanceof protobuf.Type, `message ${name} is not upstream`);
			for (const f of obj.fieldsArray) {
				fields++;
				const u: protobuf.Field | undefined = up.fields[f.name];
				assert.ok(u, `field ${name}.${f.name} is not upstream`);
				assert.equal(describeField(f), describeField(u), `field ${name}.${f.name}`);
				assert.equal(Boolean(f.partOf), Boolean(u.partOf), `field ${name}.${f.name} oneof membership`);
			}
		}
		assert.ok(fields > 100, `expected many fields, found ${fields}`);
	});

	test('every enum value equals upstream', () => {
		for (const [name, obj] of entries) {
			if (!(obj instanceof protobuf.Enum)) continue;
			const up = theirs.lookup(name);
			assert.ok(up instanceof protobuf.Enum, `enum ${name} is not upstream`);
			for (const [key, value] of Object.entries(obj.values)) {
				assert.equal(value, up.values[key], `enum ${name}.${key}`);
			}
		}
	});

	test('the comparison itself catches a wrong field number', () => {
		const tampered = new protobuf.Root().loadSync(ours, {keepCase: true});
		const type = tampered.lookupType('runtime.v1.Container');
		type.remove(type.fields.image_id);
		type.add(new protobuf.Field('image_id', 11, 'string'));
		tampered.resolveAll();
		const up = theirs.lookupType('Container');
		assert.notEqual(describeField(type.fields.image_id), describeField(up.fields.image_id));
	});
});
