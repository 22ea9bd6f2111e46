// The CRI runtime.v1 schema, loaded once and lazily.
//
//   loadCri(): CriServices
//     .RuntimeService / .ImageService       client constructors (new X(address, creds, options))
//     .runtimeServiceDefinition / .imageServiceDefinition
//                                           for servers: server.addService(runtimeServiceDefinition, impl)
//
// In the bundle the schema is inlined as a JSON descriptor (__CRI_DESCRIPTOR__, see
// scripts/build.mjs) so start-up parses no .proto; from source it reads proto/.
// Decoding gives the objects of source/wire/types.ts: camelCase names, int64 as
// decimal strings, enums as names, defaults filled, absent sub-messages null.
//
// The service definitions are built here from protobufjs directly rather than by
// @grpc/proto-loader, which encodes a descriptor proto of every message at load
// (tens of ms at start-up for reflection nobody uses). protobufjs compiles a
// type's codec on its first use only. The three list answers are decoded by
// list-decode.ts, which is faster and keeps unchanged items' identity.
import {fileURLToPath} from 'node:url';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import {createListDecoder, type ListKindName} from './list-decode.js';

declare const __CRI_DESCRIPTOR__: object | undefined;

export type CriServices = {
	RuntimeService: grpc.ServiceClientConstructor;
	ImageService: grpc.ServiceClientConstructor;
	runtimeServiceDefinition: grpc.ServiceDefinition;
	imageServiceDefinition: grpc.ServiceDefinition;
};

/** protobufjs toObject options matching source/wire/types.ts. */
export const decodeOptions: protobuf.IConversionOptions = {longs: String, enums: String, defaults: true, oneofs: true};

/** Absolute path of our .proto (used when not running from the bundle). */
export const protoPath = fileURLToPath(new URL('../../proto/cri-runtime-v1.proto', import.meta.url));

/** Responses decoded by hand (list-decode.ts): response type → list kind and field. */
const fastLists: Record<string, [ListKindName, string]> = {
	ListContainersResponse: ['containers', 'containers'],
	StreamContainersResponse: ['containers', 'containers'],
	ListPodSandboxResponse: ['pods', 'items'],
	StreamPodSandboxesResponse: ['pods', 'podSandboxes'],
	ListImagesResponse: ['images', 'images'],
	StreamImagesResponse: ['images', 'images'],
};

/** Answers that carry fresh timestamps on every call: remembering their bytes (MBs at 10k) buys nothing. */
const changesEveryTime = new Set(['ListContainerStats', 'ListPodSandboxStats', 'ContainerStats', 'PodSandboxStats']);

let cached: CriServices | undefined;

function serializer(type: protobuf.Type): (value: object) => Buffer {
	return value => {
		if (Array.isArray(value)) throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
		return type.encode(type.fromObject(value)).finish() as Buffer;
	};
}

function deserializer(type: protobuf.Type): (buf: Buffer) => object {
	const slow = (buf: Buffer) => type.toObject(type.decode(buf), decodeOptions);
	const fast = fastLists[type.name];
	if (!fast) return slow;
	return fastDeserializer(fast, slow);
}

/**
 * A unary answer that repeats the previous one byte for byte (Status, stats of an idle node)
 * gives back the previous object, so nothing downstream sees a change. Not for streamed
 * messages: two equal events are two events.
 */
function remembering(decode: (buf: Buffer) => object): (buf: Buffer) => object {
	let lastBytes: Buffer | undefined;
	let last: object | undefined;
	return buf => {
		if (last && lastBytes && buf.length === lastBytes.length && buf.equals(lastBytes)) return last;
		const value = decode(buf);
		lastBytes = Buffer.from(buf);
		last = value;
		return value;
	};
}

function fastDeserializer(fast: [ListKindName, string], slow: (buf: Buffer) => object): (buf: Buffer) => object {
	const decode = createListDecoder(fast[0], fast[1]);
	return buf => {
		try {
			return decode(buf);
		} catch {
			// Unusual bytes (wrong wire types, truncation): protobufjs decides, as before.
			return slow(buf);
		}
	};
}

/** Client requests are serialized by the client and deserialized by servers (the simulated node): both ways for each. */
function serviceDefinition(service: protobuf.Service): grpc.ServiceDefinition {
	const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
	for (const method of service.methodsArray) {
		method.resolve();
		const request = method.resolvedRequestType!;
		const response = method.resolvedResponseType!;
		definition[method.name] = {
			path: `/${service.fullName.slice(1)}/${method.name}`,
			requestStream: Boolean(method.requestStream),
			responseStream: Boolean(method.responseStream),
			requestSerialize: serializer(request),
			requestDeserialize: deserializer(request),
			responseSerialize: serializer(response),
			responseDeserialize: method.responseStream || fastLists[response.name] || changesEveryTime.has(method.name) ? deserializer(response) : remembering(deserializer(response)),
			originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
		};
	}
	return definition as grpc.ServiceDefinition;
}

export function loadCri(): CriServices {
	if (cached) return cached;
	const root = typeof __CRI_DESCRIPTOR__ === 'undefined'
		? new protobuf.Root().loadSync(protoPath)
		: protobuf.Root.fromJSON(__CRI_DESCRIPTOR__ as protobuf.INamespace);
	const runtimeServiceDefinition = serviceDefinition(root.lookupService('runtime.v1.RuntimeService'));
	const imageServiceDefinition = serviceDefinition(root.lookupService('runtime.v1.ImageService'));
	cached = {
		RuntimeService: grpc.makeGenericClientConstructor(runtimeServiceDefinition, 'RuntimeService'),
		ImageService: grpc.makeGenericClientConstructor(imageServiceDefinition, 'ImageService'),
		runtimeServiceDefinition,
		imageServiceDefinition,
	};
	return cached;
}
