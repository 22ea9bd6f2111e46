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
// @grpc/proto-loader defines the services. In the bundle it runs at BUILD time
// (__CRI_METHODS__: paths, streaming, message names) and start-up only makes the
// serializers with its rule (fromObject+encode, decode+toObject): at run time it
// encoded a descriptor of every message, which nothing here reads (30-90 ms). On top of it the
// three list answers are decoded by list-decode.ts, which is faster and keeps
// unchanged items' identity, and repeated unary answers keep their object.
import {fileURLToPath} from 'node:url';
import * as grpc from '@grpc/grpc-js';
import {createRequire} from 'node:module';
import type * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import {hashRange, viewOf} from './byte-hash.js';
import {createListDecoder, type ListKindName} from './list-decode.js';
import {releaseAnswer} from './release-answer.js';
import {decodeStatusResponse, decodeVersionResponse, encodeStartRequest} from './status-decode.js';
import {decodeContainerUsage, decodePodUsage, usageOfContainer, usageOfPod} from './usage-decode.js';
import type {ContainerStats, PodSandboxStats, UsageSample} from '../model/cri-types.js';
import {measuring, messageBytes} from './trace.js';

declare const __CRI_DESCRIPTOR__: object | undefined;

/** One method as proto-loader defines it, message types by name (scripts/build-options.mjs). */
export type MethodMeta = {path: string; requestStream: boolean; responseStream: boolean; originalName: string; requestType: string; responseType: string};
declare const __CRI_METHODS__: Record<string, Record<string, MethodMeta>> | undefined;

export type CriServices = {
	RuntimeService: grpc.ServiceClientConstructor;
	/**
	 * Client only: ListContainerUsage and ListPodSandboxUsage, the stats RPCs' paths answered
	 * as {stats: UsageSample[]} (usage-decode.ts), for the dashboard's stats rounds.
	 */
	RuntimeUsage: grpc.ServiceClientConstructor;
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
	let lastLength = -1;
	let lastHash = -1;
	let last: object | undefined;
	return buf => {
		// A fingerprint, not a copy, of the last answer (byte-hash.ts).
		const hash = hashRange(viewOf(buf), 0, buf.length);
		if (last && buf.length === lastLength && hash === lastHash) return last;
		const value = decode(buf);
		lastLength = buf.length;
		lastHash = hash;
		last = value;
		return value;
	};
}

/** Unary answers decoded by hand (status-decode.ts): response type → decoder. */
const handDecoded: Record<string, (buf: Buffer) => object> = {VersionResponse: decodeVersionResponse, StatusResponse: decodeStatusResponse};

/** `decode`, or protobufjs (`slow`) for the bytes it refuses. */
function orSlow(decode: (buf: Buffer) => object, slow: (buf: Buffer) => object): (buf: Buffer) => object {
	return buf => {
		try {
			return decode(buf);
		} catch {
			return slow(buf);
		}
	};
}

function fastDeserializer(fast: [ListKindName, string], slow: (buf: Buffer) => object): (buf: Buffer) => object {
	const decode = createListDecoder(fast[0], fast[1]);
	return buf => {
		let value: object;
		try {
			value = decode(buf);
		} catch {
			// Unusual bytes (wrong wire types, truncation): protobufjs decides, as before.
			return slow(buf);
		}
		// Decoded into strings and numbers only: the bytes can go now (release-answer.ts).
		releaseAnswer(buf);
		return value;
	};
}

/** Notes each message's size for the RPC trace, only while someone asked for it (one check otherwise). */
function measured(serialize: (value: object) => Buffer, deserialize: (buf: Buffer) => object) {
	return {
		requestSerialize(value: object): Buffer {
			const buf = serialize(value);
			if (measuring()) messageBytes.set(value, buf.length);
			return buf;
		},
		responseDeserialize(buf: Buffer): object {
			// Read first: a fast decoder may release the bytes (release-answer.ts).
			const length = buf.length;
			const value = deserialize(buf);
			if (measuring() && value && typeof value === 'object') messageBytes.set(value, length);
			return value;
		},
	};
}

/**
 * proto-loader's definition with faster answers: the list answers decoded by hand
 * (list-decode.ts) and unchanged unary answers kept as the same object. proto-loader's
 * own deserializer stays the fallback and decides everything else.
 */
function tuned(definition: Record<string, grpc.MethodDefinition<object, object>>, responseName: (name: string) => string): grpc.ServiceDefinition {
	const out: Record<string, grpc.MethodDefinition<object, object>> = {};
	for (const [name, method] of Object.entries(definition)) {
		const slow = method.responseDeserialize as (buf: Buffer) => object;
		const fast = fastLists[responseName(name)];
		let responseDeserialize = slow;
		const byHand = handDecoded[responseName(name)];
		if (fast) responseDeserialize = fastDeserializer(fast, slow);
		else if (byHand) responseDeserialize = remembering(orSlow(byHand, slow));
		else if (!method.responseStream && !changesEveryTime.has(name)) responseDeserialize = remembering(slow);
		out[name] = {...method, ...measured(method.requestSerialize as (value: object) => Buffer, responseDeserialize)};
	}

	return out as grpc.ServiceDefinition;
}

type LazyRoot = protobuf.Root & {_edition?: unknown; _resolveFeaturesRecursive?: (edition: unknown) => void};

/**
 * Root.fromJSON without its resolveAll, which looks up every field of every message (40-160 ms
 * of start-up here): a type resolves its own fields when it first encodes or decodes. The
 * features (proto3's packed repeated scalars, …) are still resolved for all first, as resolveAll
 * does; protobufjs keeps that step private, so without it everything is resolved as before.
 */
function schemaRoot(descriptor: protobuf.INamespace): protobuf.Root {
	const root = new protobuf.Root() as LazyRoot;
	if (descriptor.options) root.setOptions(descriptor.options);
	root.addJSON(descriptor.nested ?? {});
	if (typeof root._resolveFeaturesRecursive === 'function') root._resolveFeaturesRecursive(root._edition);
	else root.resolveAll();
	return root;
}

/** A plain object whose own values are all null or undefined (`{}`, `{filter: undefined}`). */
function nothingSet(arg: object): boolean {
	if (arg === null || typeof arg !== 'object' || Object.getPrototypeOf(arg) !== Object.prototype) return false;
	for (const key in arg) if ((arg as Record<string, unknown>)[key] != null) return false;
	return true;
}

/** The definitions proto-loader would give, from its build-time method table and the schema. */
export function definitionsFromTable(descriptor: object, table: Record<string, Record<string, MethodMeta>>): Record<string, Record<string, grpc.MethodDefinition<object, object>>> {
	// The schema's root is built on the first message protobufjs encodes or decodes: the first
	// frame's calls need none (status-decode.ts, and the lists' decoders).
	let root: protobuf.Root | undefined;
	const type = (name: string) => {
		let cls: protobuf.Type | undefined;
		return {name, get: () => (cls ??= (root ??= schemaRoot(descriptor as protobuf.INamespace)).lookupType(`runtime.v1.${name}`))};
	};
	// proto-loader's createSerializer / createDeserializer, exactly. A request with nothing set (the
	// lists, the streams) is no bytes whatever its type, as fromObject skips null and undefined:
	// protobufjs then generates no fromObject and encode for it (new Function, which no code cache
	// holds: ~1 CPU-ms a type at every start). Version's and Status's are encoded by hand.
	const serializer = (cls: ReturnType<typeof type>) => (arg: object) => {
		if (Array.isArray(arg)) throw new Error(`Failed to serialize message: expected object with ${cls.name} structure, got array instead`);
		if (nothingSet(arg)) return Buffer.alloc(0);
		const bytes = encodeStartRequest(cls.name, arg);
		if (bytes) return bytes;
		const t = cls.get();
		return Buffer.from(t.encode(t.fromObject(arg)).finish());
	};
	const deserializer = (cls: ReturnType<typeof type>) => (buf: Buffer) => {
		const t = cls.get();
		return t.toObject(t.decode(buf), decodeOptions);
	};
	const out: Record<string, Record<string, grpc.MethodDefinition<object, object>>> = {};
	for (const [service, methods] of Object.entries(table)) {
		out[service] = Object.fromEntries(Object.entries(methods).map(([name, m]) => {
			const request = type(m.requestType);
			const response = type(m.responseType);
			return [name, {
				path: m.path, requestStream: m.requestStream, responseStream: m.responseStream, originalName: m.originalName,
				requestSerialize: serializer(request), requestDeserialize: deserializer(request),
				responseSerialize: serializer(response), responseDeserialize: deserializer(response),
			}];
		}));
	}
	return out;
}

/**
 * The stats RPCs again under other names, answered with only what the dashboard shows: decoded
 * by hand, or by protobufjs and then cut down when the bytes are unusual.
 */
function usageDefinition(runtime: grpc.ServiceDefinition): grpc.ServiceDefinition {
	const usage = <T>(method: grpc.MethodDefinition<object, object>, fast: (buf: Buffer) => UsageSample[], of: (item: T) => UsageSample) => {
		const slow = method.responseDeserialize as (buf: Buffer) => {stats?: T[]};
		const decode = (buf: Buffer): object => {
			try {
				const stats = fast(buf);
				releaseAnswer(buf);
				return {stats};
			} catch {
				return {stats: (slow(buf).stats ?? []).map(of)};
			}
		};
		return {...method, ...measured(method.requestSerialize as (value: object) => Buffer, decode)};
	};
	return {
		ListContainerUsage: usage<ContainerStats>(runtime.ListContainerStats as grpc.MethodDefinition<object, object>, decodeContainerUsage, usageOfContainer),
		ListPodSandboxUsage: usage<PodSandboxStats>(runtime.ListPodSandboxStats as grpc.MethodDefinition<object, object>, decodePodUsage, usageOfPod),
	} as grpc.ServiceDefinition;
}

export function loadCri(): CriServices {
	if (cached) return cached;
	let runtimeServiceDefinition: grpc.ServiceDefinition;
	let imageServiceDefinition: grpc.ServiceDefinition;
	if (typeof __CRI_METHODS__ !== 'undefined' && typeof __CRI_DESCRIPTOR__ !== 'undefined') {
		const definition = definitionsFromTable(__CRI_DESCRIPTOR__, __CRI_METHODS__);
		const named = (service: string) => (name: string) => __CRI_METHODS__![service]![name]!.responseType;
		runtimeServiceDefinition = tuned(definition['runtime.v1.RuntimeService']!, named('runtime.v1.RuntimeService'));
		imageServiceDefinition = tuned(definition['runtime.v1.ImageService']!, named('runtime.v1.ImageService'));
	} else {
		// From source (tests, tsx): proto-loader itself, at run time. Required here, not imported
		// at the top, so the bundle (where this branch is dead code) never loads it.
		const loader = createRequire(import.meta.url)('@grpc/proto-loader') as typeof protoLoader;
		const definition = loader.loadSync(protoPath, loaderOptions);
		const loaded = (service: string) => definition[service] as protoLoader.ServiceDefinition;
		const named = (service: string) => (name: string) => (loaded(service)[name]!.responseType.type as {name: string}).name;
		runtimeServiceDefinition = tuned(loaded('runtime.v1.RuntimeService') as unknown as Record<string, grpc.MethodDefinition<object, object>>, named('runtime.v1.RuntimeService'));
		imageServiceDefinition = tuned(loaded('runtime.v1.ImageService') as unknown as Record<string, grpc.MethodDefinition<object, object>>, named('runtime.v1.ImageService'));
	}
	cached = {
		RuntimeService: grpc.makeGenericClientConstructor(runtimeServiceDefinition, 'RuntimeService'),
		RuntimeUsage: grpc.makeGenericClientConstructor(usageDefinition(runtimeServiceDefinition), 'RuntimeService'),
		ImageService: grpc.makeGenericClientConstructor(imageServiceDefinition, 'ImageService'),
		runtimeServiceDefinition,
		imageServiceDefinition,
	};
	return cached;
}
