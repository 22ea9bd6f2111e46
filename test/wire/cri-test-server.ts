// Small real CRI servers for wire tests: grpc-js on a temp unix socket with a
// handful of handlers, plus the impostors a node can have (an HTTP/1 server,
// a peer that accepts and never answers). Every handler call is counted.
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {loadCri} from '../../source/wire/proto.js';

export type Handler = (request: any, call: any) => unknown | Promise<unknown>;

export type TestServer = {path: string; calls: Map<string, number>; close(): Promise<void>};

export function tempDir(): {dir: string; remove(): void} {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-wire-'));
	return {dir, remove: () => rmSync(dir, {recursive: true, force: true})};
}

/** An error a handler can throw to answer with a gRPC status. */
export function grpcError(code: grpc.status, details: string): Error & {code: number; details: string} {
	return Object.assign(new Error(details), {code, details});
}

/** Binds `server` to `socketPath`; close() shuts it down, forcing it after 200 ms. */
async function listen(server: grpc.Server, socketPath: string, calls: Map<string, number>): Promise<TestServer> {
	await new Promise<void>((resolve, reject) => {
		server.bindAsync(`unix://${socketPath}`, grpc.ServerCredentials.createInsecure(), error => (error ? reject(error) : resolve()));
	});
	return {
		path: socketPath,
		calls,
		close: () => new Promise<void>(resolve => {
			server.tryShutdown(() => resolve());
			setTimeout(() => {
				server.forceShutdown();
				resolve();
			}, 200).unref();
		}),
	};
}

/**
 * Starts a grpc-js server on `socketPath` implementing the given RuntimeService
 * and ImageService methods (by RPC name). Unary handlers return the response;
 * server-streaming handlers return an array of messages to write.
 */
export async function startCriServer(socketPath: string, handlers: Record<string, Handler>): Promise<TestServer> {
	const {runtimeServiceDefinition, imageServiceDefinition} = loadCri();
	const server = new grpc.Server();
	const calls = new Map<string, number>();
	const impl = (definition: grpc.ServiceDefinition) => {
		const out: grpc.UntypedServiceImplementation = {};
		for (const [name, method] of Object.entries(definition)) {
			const handler = handlers[name];
			if (!handler) continue;
			out[name] = method.responseStream
				? async (call: grpc.ServerWritableStream<any, any>) => {
					calls.set(name, (calls.get(name) ?? 0) + 1);
					try {
						for (const message of (await handler(call.request, call)) as unknown[] ?? []) call.write(message);
						call.end();
					} catch (error) {
						call.emit('error', error); // grpc-js sends it as the stream's status
					}
				}
				: async (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
					calls.set(name, (calls.get(name) ?? 0) + 1);
					try {
						callback(null, await handler(call.request, call));
					} catch (error) {
						callback(error as grpc.ServiceError);
					}
				};
		}
		return out;
	};
	server.addService(runtimeServiceDefinition, impl(runtimeServiceDefinition));
	server.addService(imageServiceDefinition, impl(imageServiceDefinition));
	return listen(server, socketPath, calls);
}

/** A plain HTTP/1.1 server, as docker.sock is. */
export async function startHttpServer(socketPath: string): Promise<{close(): Promise<void>}> {
	const server = http.createServer((_req, res) => res.end('{"message":"page not found"}'));
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
	return {close: () => new Promise<void>(resolve => {
		server.closeAllConnections();
		server.close(() => resolve());
	})};
}

/** Accepts connections and never writes a byte: a hung runtime. */
export async function startSilentPeer(socketPath: string): Promise<{close(): Promise<void>}> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		sockets.add(socket);
		socket.on('error', () => {});
	});
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
	return {close: () => new Promise<void>(resolve => {
		for (const socket of sockets) socket.destroy();
		server.close(() => resolve());
	})};
}

export const versionHandler = (runtimeName = 'containerd', runtimeVersion = '1.7.2'): Handler =>
	() => ({version: '0.1.0', runtimeName, runtimeVersion, runtimeApiVersion: 'v1'});

/**
 * A gRPC server offering only the given unary methods by full path (e.g.
 * '/runtime.v1alpha2.RuntimeService/Version'), whatever their messages: each answers an empty
 * message. An old runtime (v1alpha2 only), or a gRPC service that is no runtime at all.
 */
export async function startRawGrpcServer(socketPath: string, paths: string[]): Promise<TestServer> {
	const server = new grpc.Server();
	const calls = new Map<string, number>();
	const raw = (bytes: Buffer) => bytes;
	const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
	const impl: grpc.UntypedServiceImplementation = {};
	for (const [i, methodPath] of paths.entries()) {
		definition[`m${i}`] = {path: methodPath, requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw};
		impl[`m${i}`] = (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
			calls.set(methodPath, (calls.get(methodPath) ?? 0) + 1);
			callback(null, Buffer.alloc(0));
		};
	}
	if (paths.length > 0) server.addService(definition, impl);
	return listen(server, socketPath, calls);
}
