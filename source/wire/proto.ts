// The CRI runtime.v1 schema, loaded once and lazily.
//
//   loadCri(): CriServices
//     .RuntimeService / .ImageService       client constructors (new X(address, creds, options))
//     .runtimeServiceDefinition / .imageServiceDefinition
//                                           for servers: server.addService(runtimeServiceDefinition, impl)
//
// In the bundle the schema is inlined as a JSON descriptor (__CRI_DESCRIPTOR__, see
// scripts/build.mjs) so start-up parses no .proto; from source it reads proto/.
// Decoding gives the objects of source/model/cri-types.ts: camelCase names, int64 as
// decimal strings, enums as names, defaults filled, absent sub-messages null.
//
// @grpc/proto-loader builds the service definitions (it costs ~30-50 ms at start-up:
// it encodes a descriptor of every message, which we never read). On top of it the
// three list answers are decoded by list-decode.ts, which is faster and keeps
// unchanged items' identity, and repeated unary answers keep their object.
import {fileURLToPath} from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type protobuf from 'protobufjs';
import {createListDecoder, type ListKindName} from './list-decode.js';

declare const __CRI_DESCRIPTOR__: object | undefined;

export type CriServices = {
	RuntimeService: grpc.ServiceClientConstructor;
	ImageService: grpc.ServiceClientConstructor;
	runtimeServiceDefinition: grpc.ServiceDefinition;
	imageServiceDefinition: grpc.ServiceDefinition;
};

/** protobufjs toObject options matching source/model/cri-types.ts. */
export const decodeOptions: protobuf.IConversionOptions = {longs: String, enums: String, defaults: true, oneofs: true};

/** @grpc/proto-loader options giving the same objects (camelCase names). */
export const loaderOptions: protoLoader.Options = {keepCase: false, ...decodeOptions};

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

/**
 * proto-loader's definition with faster answers: the list answers decoded by hand
 * (list-decode.ts) and unchanged unary answers kept as the same object. proto-loader's
 * own deserializer stays the fallback and decides everything else.
 */
function tuned(definition: protoLoader.ServiceDefinition): grpc.ServiceDefinition {
	const out: Record<string, grpc.MethodDefinition<object, object>> = {};
	for (const [name, method] of Object.entries(definition)) {
		const slow = method.responseDeserialize as (buf: Buffer) => object;
		const responseName = (method.responseType.type as {name: string}).name;
		const fast = fastLists[responseName];
		let responseDeserialize = slow;
		if (fast) responseDeserialize = fastDeserializer(fast, slow);
		else if (!method.responseStream && !changesEveryTime.has(name)) responseDeserialize = remembering(slow);
		out[name] = {...(method as grpc.MethodDefinition<object, object>), responseDeserialize};
	}

	return out as grpc.ServiceDefinition;
}

export function loadCri(): CriServices {
	if (cached) return cached;
	const definition = typeof __CRI_DESCRIPTOR__ === 'undefined'
		? protoLoader.loadSync(protoPath, loaderOptions)
		: protoLoader.fromJSON(__CRI_DESCRIPTOR__ as protobuf.INamespace, loaderOptions);
	const runtimeServiceDefinition = tuned(definition['runtime.v1.RuntimeService'] as protoLoader.ServiceDefinition);
	const imageServiceDefinition = tuned(definition['runtime.v1.ImageService'] as protoLoader.ServiceDefinition);
	cached = {
		RuntimeService: grpc.makeGenericClientConstructor(runtimeServiceDefinition, 'RuntimeService'),
		ImageService: grpc.makeGenericClientConstructor(imageServiceDefinition, 'ImageService'),
		runtimeServiceDefinition,
		imageServiceDefinition,
	};
	return cached;
}
