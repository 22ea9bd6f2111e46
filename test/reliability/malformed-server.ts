// A tiny CRI server whose ListContainers answer is not protobuf at all (the simulated node only
// sends well-formed messages): a custom serializer puts raw bytes on the wire. Everything else
// answers a small, valid node so the rest of the dashboard has something to show.
import {rmSync} from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {loadCri} from '../../source/wire/proto.js';

/** Field 1, length-delimited, claiming ~4 GiB: no protobuf decoder can read past it. */
export const GARBAGE = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]);

export const POD_ID = 'ab'.repeat(32);
export const IMAGE_ID = `sha256:${'cd'.repeat(32)}`;

export type MalformedServer = {calls: Record<string, number>; stop(): Promise<void>};

export async function startMalformedServer(socketPath: string): Promise<MalformedServer> {
	const {runtimeServiceDefinition, imageServiceDefinition} = loadCri();
	const calls: Record<string, number> = {};
	const count = (rpc: string) => {
		calls[rpc] = (calls[rpc] ?? 0) + 1;
	};
	const runtime = {...runtimeServiceDefinition} as Record<string, grpc.MethodDefinition<unknown, unknown>>;
	runtime.ListContainers = {...runtime.ListContainers, responseSerialize: () => GARBAGE};
	const server = new grpc.Server();
	const ok = <T>(rpc: string, value: T): grpc.handleUnaryCall<unknown, T> => (_call, callback) => {
		count(rpc);
		callback(null, value);
	};
	// Methods left out answer UNIMPLEMENTED (grpc-js's default), as an older runtime would.
	server.addService(runtime as grpc.ServiceDefinition, {
		Version: ok('Version', {version: '0.1.0', runtimeName: 'malformed', runtimeVersion: '0.0.1', runtimeApiVersion: 'v1'}),
		Status: ok('Status', {status: {conditions: [{type: 'RuntimeReady', status: true, reason: '', message: ''}]}, info: {}}),
		ListPodSandbox: ok('ListPodSandbox', {items: [{id: POD_ID, metadata: {name: 'still-listed', uid: 'u', namespace: 'default', attempt: 0}, state: 'SANDBOX_READY', createdAt: String(Date.now() * 1e6), labels: {}, annotations: {}, runtimeHandler: ''}]}),
		ListContainers: ok('ListContainers', {}),
	});
	server.addService(imageServiceDefinition, {
		ListImages: ok('ListImages', {images: [{id: IMAGE_ID, repoTags: ['docker.io/library/still:listed'], repoDigests: [], size: '1024', username: '', pinned: false}]}),
	});
	rmSync(socketPath, {force: true});
	await new Promise<void>((resolve, reject) => {
		server.bindAsync(`unix://${socketPath}`, grpc.ServerCredentials.createInsecure(), error => (error ? reject(error) : resolve()));
	});
	return {
		calls,
		async stop() {
			server.forceShutdown();
			rmSync(socketPath, {force: true});
		},
	};
}
