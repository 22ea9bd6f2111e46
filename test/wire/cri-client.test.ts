import {test, describe, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {createCriClient, type CriClient} from '../../source/wire/cri-client.js';
import {CriError} from '../../source/wire/errors.js';
import type {ContainerEventResponse} from '../../source/model/cri-types.js';
import {holdsFor, waitFor} from '../support/wait.js';
import {
	grpcError, startCriServer, startHttpServer, startRawGrpcServer, startSilentPeer, tempDir, versionHandler, type TestServer,
} from './cri-test-server.js';

/** The fake runtime answering slowly (its own delay, not a wait in the test). */
const answerAfter = async (ms: number) => new Promise<void>(resolve => {
	setTimeout(resolve, ms);
});

const bigNanos = '1700000000123456789'; // beyond 2^53: must survive exactly
const maxUint64 = '18446744073709551615';

const container = (id: string, state = 'CONTAINER_RUNNING', labels: Record<string, string> = {}) => ({
	id, podSandboxId: 'pod1', metadata: {name: `c-${id}`, attempt: 0}, image: {image: 'busybox'}, imageRef: 'sha256:1',
	state, createdAt: bigNanos, labels, annotations: {}, imageId: 'sha256:1',
});

async function rejection(promise: Promise<unknown>): Promise<CriError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof CriError, `expected a CriError, got ${String(error)}`);
		return error;
	}
	assert.fail('expected the call to fail');
}

const tmp = tempDir();
after(() => tmp.remove());
let n = 0;
const sock = () => path.join(tmp.dir, `s${n++}.sock`);

describe('cri-client against a real grpc-js server', () => {
	let server: TestServer;
	let client: CriClient;
	before(async () => {
		server = await startCriServer(sock(), {
			Version: versionHandler('containerd', '1.7.2'),
			Status: () => ({status: {conditions: [{type: 'RuntimeReady', status: true, reason: '', message: ''}]}, info: {}}),
			StreamContainers: () => [{containers: [container('a')]}, {containers: [container('b', 'CONTAINER_EXITED')]}],
			ListContainers: () => ({containers: []}),
			StreamPodSandboxes: () => { throw grpcError(grpc.status.UNIMPLEMENTED, 'unknown method StreamPodSandboxes'); },
			ListPodSandbox: () => ({items: [{id: 'pod1', metadata: {name: 'web', uid: 'u', namespace: 'default', attempt: 1}, state: 'SANDBOX_READY', createdAt: bigNanos, labels: {}, annotations: {}, runtimeHandler: ''}]}),
			ListImages: () => ({images: [{id: 'sha256:1', repoTags: ['busybox:latest'], repoDigests: [], size: maxUint64, username: '', pinned: true}]}),
			ContainerStatus: request => {
				if (request.containerId !== 'a') throw grpcError(grpc.status.NOT_FOUND, `container "${request.containerId}" not found`);
				return {status: {...container('a'), startedAt: bigNanos, finishedAt: '0', exitCode: 0, mounts: [], logPath: '/var/log/a.log'}, info: {}};
			},
			ListPodSandboxStats: () => { throw grpcError(grpc.status.UNIMPLEMENTED, 'method ListPodSandboxStats not implemented'); },
			ExecSync: request => ({stdout: Buffer.from(request.cmd.join(' ')), stderr: Buffer.alloc(0), exitCode: 3}),
			Exec: () => ({url: 'http://127.0.0.1:1/exec/abc'}),
			StopContainer: async request => {
				await answerAfter(1500);
				assert.equal(request.timeout, '2'); // int64 on the server side too
				return {};
			},
			StopPodSandbox: async () => {
				await answerAfter(1500);
				return {};
			},
		});
		client = createCriClient({runtimeEndpoint: `unix://${server.path}`, timeoutMs: 1000});
	});
	after(async () => {
		client.close();
		await server.close();
	});

	test('Version and Status decode', async () => {
		const version = await client.version();
		assert.deepEqual(version, {version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.7.2', runtimeApiVersion: 'v1'});
		const status = await client.status();
		assert.equal(status.status?.conditions[0].type, 'RuntimeReady');
		assert.equal(client.runtimeEndpoint, server.path);
		assert.equal(client.imageEndpoint, server.path);
	});

	test('containers come from StreamContainers, all messages joined, int64 exact', async () => {
		const result = await client.listContainers();
		assert.deepEqual(result.items.map(c => [c.id, c.state]), [['a', 'CONTAINER_RUNNING'], ['b', 'CONTAINER_EXITED']]);
		assert.equal(result.items[0].createdAt, bigNanos);
		assert.equal(result.truncated, undefined);
		// The first time, the unary list went out beside the stream (support was not known yet)...
		assert.equal(server.calls.get('ListContainers'), 1);
		// ...once the stream answered, only the stream is asked.
		await client.listContainers();
		assert.equal(server.calls.get('StreamContainers'), 2);
		assert.equal(server.calls.get('ListContainers'), 1);
	});

	test('pods fall back to ListPodSandbox once StreamPodSandboxes is UNIMPLEMENTED, and it is not asked again', async () => {
		const first = await client.listPodSandbox();
		const second = await client.listPodSandbox();
		assert.equal(first.items[0].metadata?.namespace, 'default');
		assert.equal(second.items[0].createdAt, bigNanos);
		assert.equal(server.calls.get('StreamPodSandboxes'), 1);
		assert.equal(server.calls.get('ListPodSandbox'), 2);
		// Remembered for the socket, not the client: a reconnect does not ask again.
		const again = createCriClient({runtimeEndpoint: `unix://${server.path}`, timeoutMs: 1000});
		try {
			await again.listPodSandbox();
		} finally {
			again.close();
		}
		assert.equal(server.calls.get('StreamPodSandboxes'), 1);
		assert.equal(server.calls.get('ListPodSandbox'), 3);
	});

	test('images: unary fallback when the server lacks StreamImages; uint64 size exact', async () => {
		const {items} = await client.listImages();
		assert.equal(items[0].size, maxUint64);
		assert.equal(items[0].pinned, true);
	});

	test('NOT_FOUND names the container', async () => {
		const ok = await client.containerStatus('a');
		assert.equal(ok.status?.startedAt, bigNanos);
		const error = await rejection(client.containerStatus('gone123'));
		assert.equal(error.code, 'not-found');
		assert.match(error.message, /container gone123 no longer exists/);
	});

	test('UNIMPLEMENTED names the RPC and the runtime', async () => {
		await client.version();
		const error = await rejection(client.listPodSandboxStats());
		assert.equal(error.code, 'unimplemented');
		assert.equal(error.message, 'ListPodSandboxStats is not supported by containerd 1.7.2');
		assert.equal(error.grpcCode, grpc.status.UNIMPLEMENTED);
	});

	test('execSync returns bytes and exit code; exec returns the URL', async () => {
		const result = await client.execSync('a', ['echo', 'hi'], 5);
		assert.equal(Buffer.from(result.stdout).toString(), 'echo hi');
		assert.equal(result.exitCode, 3);
		assert.deepEqual(await client.exec({containerId: 'a', cmd: ['sh'], tty: true, stdin: true, stdout: true, stderr: false}), {url: 'http://127.0.0.1:1/exec/abc'});
	});

	test('StopContainer deadline is grace + timeout; StopPodSandbox gets a long deadline', async () => {
		// Each handler takes 1.5 s, longer than the 1 s read timeout.
		await client.stopContainer('a', 2);
		await client.stopPodSandbox('pod1');
		assert.equal(server.calls.get('StopContainer'), 1);
		assert.equal(server.calls.get('StopPodSandbox'), 1);
	});
});

describe('cri-client read-only mode', () => {
	test('every mutating call is refused before any bytes are sent', async () => {
		const server = await startCriServer(sock(), Object.fromEntries(
			['StopContainer', 'StopPodSandbox', 'RemoveContainer', 'RemovePodSandbox', 'RemoveImage', 'ExecSync', 'Exec'].map(rpc => [rpc, () => ({})]),
		));
		const client = createCriClient({runtimeEndpoint: server.path, readOnly: true});
		try {
			const id = 'f'.repeat(64);
			const attempts: Array<[string, Promise<unknown>]> = [
				['StopContainer', client.stopContainer(id, 10)],
				['StopPodSandbox', client.stopPodSandbox(id)],
				['RemoveContainer', client.removeContainer(id)],
				['RemovePodSandbox', client.removePodSandbox(id)],
				['RemoveImage', client.removeImage('busybox:latest')],
				['ExecSync', client.execSync(id, ['ls'], 1)],
				['Exec', client.exec({containerId: id, cmd: ['sh'], tty: true, stdin: true, stdout: true, stderr: false})],
			];
			for (const [rpc, attempt] of attempts) {
				const error = await rejection(attempt);
				assert.equal(error.code, 'read-only', rpc);
				assert.equal(error.rpc, rpc);
			}
			const stop = await rejection(client.stopContainer(id, 10));
			assert.equal(stop.message, `read-only mode: refusing to stop container ${id}; start without --read-only to allow it`);
			assert.equal(client.readOnly, true);
			assert.equal(server.calls.size, 0, `calls reached the server: ${[...server.calls.keys()].join(', ')}`);
		} finally {
			client.close();
			await server.close();
		}
	});
});

describe('cri-client failures as sentences', () => {
	test('missing socket', async () => {
		const missing = path.join(tmp.dir, 'nothing-here.sock');
		const client = createCriClient({runtimeEndpoint: missing});
		const error = await rejection(client.version());
		client.close();
		assert.equal(error.code, 'unavailable');
		assert.match(error.message, new RegExp(`^no runtime socket at ${missing}: is the runtime running\\?`));
	});

	test('a regular file is not a socket', async () => {
		const file = path.join(tmp.dir, 'plain-file');
		writeFileSync(file, 'x');
		const client = createCriClient({runtimeEndpoint: file});
		const error = await rejection(client.listContainers());
		client.close();
		assert.equal(error.code, 'not-socket');
		assert.match(error.message, /is a regular file, not a unix socket/);
	});

	test('an HTTP/1.1 server (like docker.sock) is reported as not gRPC', async () => {
		const p = sock();
		const httpServer = await startHttpServer(p);
		const client = createCriClient({runtimeEndpoint: p, timeoutMs: 3000});
		const started = Date.now();
		const error = await rejection(client.version());
		client.close();
		await httpServer.close();
		assert.equal(error.code, 'not-grpc', error.message);
		assert.match(error.message, /does not speak gRPC/);
		assert.ok(Date.now() - started < 2500, 'an HTTP/1 answer must not wait for the deadline');
	});

	test('a peer that never answers fails at the deadline, not later', async () => {
		const p = sock();
		const peer = await startSilentPeer(p);
		const client = createCriClient({runtimeEndpoint: p, timeoutMs: 500});
		const started = Date.now();
		const error = await rejection(client.listPodSandbox());
		const took = Date.now() - started;
		client.close();
		await peer.close();
		assert.equal(error.code, 'deadline');
		assert.match(error.message, /got no answer from .* within 0\.5s/);
		assert.ok(took >= 450 && took < 1500, `took ${took} ms`);
	});

	test('a runtime with no runtime.v1 service, only v1alpha2 → wrong-api, told to upgrade', async () => {
		const server = await startRawGrpcServer(sock(), ['/runtime.v1alpha2.RuntimeService/Version', '/runtime.v1alpha2.ImageService/ListImages']);
		const client = createCriClient({runtimeEndpoint: server.path});
		const error = await rejection(client.version());
		client.close();
		await server.close();
		assert.equal(error.code, 'wrong-api');
		assert.match(error.message, /only offers an older CRI version \(v1alpha2\).*upgrade the runtime \(containerd ≥1\.6 \/ CRI-O ≥1\.24\)/);
		assert.equal(server.calls.get('/runtime.v1alpha2.RuntimeService/Version'), 1, 'v1alpha2 was asked, not assumed');
	});

	test('a gRPC server with neither runtime.v1 nor v1alpha2 is not called "v1alpha2 only": it is not a CRI runtime', async () => {
		for (const paths of [['/grpc.health.v1.Health/Check'], []]) {
			const server = await startRawGrpcServer(sock(), paths);
			const client = createCriClient({runtimeEndpoint: server.path});
			const error = await rejection(client.version());
			client.close();
			await server.close();
			assert.equal(error.code, 'wrong-api');
			assert.equal(error.message, `${server.path} is not a CRI runtime (runtime.v1 RuntimeService unimplemented, and no v1alpha2 either): it answers gRPC but serves something else; point --runtime-endpoint at containerd's, CRI-O's or cri-dockerd's socket`);
			assert.doesNotMatch(error.message, /only offers|older CRI/);
		}
		// The project's own CRI test server with no Version handler: runtime.v1 is registered but
		// Version is not implemented, and there is no v1alpha2: the same sentence.
		const server = await startCriServer(sock(), {});
		const client = createCriClient({runtimeEndpoint: server.path});
		const error = await rejection(client.version());
		client.close();
		await server.close();
		assert.match(error.message, /is not a CRI runtime \(runtime\.v1 RuntimeService unimplemented/);
	});

	test('Go\'s "unknown service runtime.v1.RuntimeService" on any RPC → wrong-api', async () => {
		const unknown = () => { throw grpcError(grpc.status.UNIMPLEMENTED, 'unknown service runtime.v1.RuntimeService'); };
		const server = await startCriServer(sock(), {StreamContainers: unknown, ListContainers: unknown});
		const client = createCriClient({runtimeEndpoint: server.path});
		const error = await rejection(client.listContainers());
		client.close();
		await server.close();
		assert.equal(error.code, 'wrong-api');
		assert.match(error.message, /does not offer CRI runtime\.v1 \(runtime\.v1 RuntimeService unimplemented\)/);
	});

	test('a bad image endpoint: a regular file, a missing path, a gRPC socket with no image service: a sentence naming it and -i', async () => {
		const runtime = await startCriServer(sock(), {Version: versionHandler(), ListContainers: () => ({containers: [container('a')]})});
		const file = path.join(tmp.dir, 'not-a-socket');
		writeFileSync(file, 'x');
		const noImages = await startRawGrpcServer(sock(), ['/grpc.health.v1.Health/Check']);
		const cases: Array<[string, RegExp]> = [
			[file, new RegExp(`^the image endpoint ${file} is a regular file, not a unix socket: point --image-endpoint \\(-i\\)`)],
			[path.join(tmp.dir, 'missing.sock'), /^no image service socket at \S+missing\.sock \(the image endpoint\): fix --image-endpoint \(-i\)/],
			[noImages.path, new RegExp(`^the image endpoint ${noImages.path} offers no CRI image service \\(runtime\\.v1 ImageService unimplemented\\): fix --image-endpoint \\(-i\\)`)],
		];
		try {
			for (const [imageEndpoint, said] of cases) {
				const client = createCriClient({runtimeEndpoint: runtime.path, imageEndpoint});
				const error = await rejection(client.listImages());
				// The runtime socket is fine meanwhile.
				assert.deepEqual((await client.listContainers()).items.map(c => c.id), ['a']);
				client.close();
				assert.equal(error.endpoint, imageEndpoint);
				assert.match(error.message, said);
			}
		} finally {
			await runtime.close();
			await noImages.close();
		}
	});

	test('too large: containers retried as running only, with a sentence', async () => {
		const big = {padding: 'x'.repeat(1000)};
		const server = await startCriServer(sock(), {
			ListContainers: request => ({
				containers: request.filter?.state?.state === 'CONTAINER_RUNNING'
					? [container('r1')]
					: Array.from({length: 200}, (_, i) => container(`c${i}`, 'CONTAINER_EXITED', big)),
			}),
			ListImages: () => ({images: Array.from({length: 200}, (_, i) => ({id: `i${i}`, repoTags: ['x'.repeat(1000)]}))}),
		});
		const client = createCriClient({runtimeEndpoint: server.path, maxMessageBytes: 64 * 1024});
		const containers = await client.listContainers();
		const images = await client.listImages();
		client.close();
		await server.close();
		assert.deepEqual(containers.items.map(c => c.id), ['r1']);
		assert.match(containers.truncated ?? '', /container list is larger than 0\.1 MiB.*only running containers are shown/);
		assert.deepEqual(images.items, []);
		assert.match(images.truncated ?? '', /image list is larger than .* none can be shown/);
	});

	test('too large on a single object → too-large', async () => {
		const server = await startCriServer(sock(), {ImageFsInfo: () => ({imageFilesystems: Array.from({length: 3000}, () => ({fsId: {mountpoint: 'x'.repeat(100)}}))})});
		const client = createCriClient({runtimeEndpoint: server.path, maxMessageBytes: 64 * 1024});
		const error = await rejection(client.imageFsInfo());
		client.close();
		await server.close();
		assert.equal(error.code, 'too-large');
		assert.match(error.message, /the answer to ImageFsInfo from .* is larger than 64 KiB/);
	});
});

describe('cri-client container events', () => {
	test('events arrive with exact int64; the stream ending is reported', async () => {
		const event = (id: string, type: string) => ({containerId: id, containerEventType: type, createdAt: bigNanos, containersStatuses: []});
		const server = await startCriServer(sock(), {GetContainerEvents: () => [event('a', 'CONTAINER_STARTED_EVENT'), event('b', 'CONTAINER_STOPPED_EVENT')]});
		const client = createCriClient({runtimeEndpoint: server.path, timeoutMs: 100});
		const events: ContainerEventResponse[] = [];
		const error = await new Promise<Error>(resolve => client.containerEvents(e => events.push(e), resolve));
		client.close();
		await server.close();
		assert.deepEqual(events.map(e => [e.containerId, e.containerEventType, e.createdAt]), [
			['a', 'CONTAINER_STARTED_EVENT', bigNanos], ['b', 'CONTAINER_STOPPED_EVENT', bigNanos],
		]);
		assert.ok(error instanceof CriError && error.code === 'unavailable');
	});

	test('the stream has no deadline, and cancel() ends it without an error', async () => {
		let cancelledOnServer = false;
		const server = await startCriServer(sock(), {
			GetContainerEvents: (_request, call) => new Promise(resolve => {
				call.write({containerId: 'x', containerEventType: 'CONTAINER_CREATED_EVENT', createdAt: '1'});
				call.on('cancelled', () => {
					cancelledOnServer = true;
					resolve([]);
				});
			}),
		});
		const client = createCriClient({runtimeEndpoint: server.path, timeoutMs: 100});
		const errors: Error[] = [];
		let got = 0;
		const subscription = client.containerEvents(() => got++, error => errors.push(error));
		try {
			await waitFor(() => got === 1, 'the first event');
			// Well past timeoutMs (100 ms): the stream is not cut by the call deadline.
			await holdsFor(() => errors.length === 0, 400, 'no error on a stream older than the deadline').catch(() => undefined);
			subscription.cancel();
			await waitFor(() => cancelledOnServer, 'the cancel at the server').catch(() => undefined);
		} finally {
			subscription.cancel();
			client.close();
			await server.close();
		}
		assert.equal(got, 1);
		assert.deepEqual(errors, []);
		assert.equal(cancelledOnServer, true);
	});

	test('a runtime without GetContainerEvents → unimplemented', async () => {
		const server = await startCriServer(sock(), {Version: versionHandler()});
		const client = createCriClient({runtimeEndpoint: server.path});
		const error = await new Promise<Error>(resolve => client.containerEvents(() => {}, resolve));
		client.close();
		await server.close();
		assert.ok(error instanceof CriError);
		assert.equal(error.code, 'unimplemented');
	});
});
