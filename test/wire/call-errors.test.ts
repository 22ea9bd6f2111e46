// The mapping from what grpc-js and the OS report to CriError sentences, with
// synthetic errors for what the tests cannot produce as root (EACCES).
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {status} from '@grpc/grpc-js';
import {checkSocket, mapCallError, syscallError} from '../../source/wire/call-errors.js';
import {CriError} from '../../source/wire/errors.js';
import {tempDir} from './cri-test-server.js';

const containerd = '/run/containerd/containerd.sock';
const ctx = {rpc: 'ListContainers', endpoint: containerd, timeoutMs: 2000};
const unavailable = (last: string) => ({code: status.UNAVAILABLE, details: `No connection established. Last error: ${last}. Resolution note: `});

describe('mapCallError', () => {
	test('EACCES from connect → permission, with the sentence the brief asks for', () => {
		const error = mapCallError(unavailable(`Error: connect EACCES ${containerd}`), ctx);
		assert.equal(error.code, 'permission');
		assert.equal(error.message, `permission denied on ${containerd}: run as root or as a member of its group`);
		assert.equal(error.rpc, 'ListContainers');
		assert.equal(error.grpcCode, status.UNAVAILABLE);
	});

	test('ENOENT, ECONNREFUSED from connect', () => {
		assert.match(mapCallError(unavailable(`Error: connect ENOENT ${containerd}`), ctx).message, /^no runtime socket at \/run\/containerd\/containerd.sock: is the runtime running\?/);
		const refused = mapCallError(unavailable(`Error: connect ECONNREFUSED ${containerd}`), ctx);
		assert.equal(refused.code, 'unavailable');
		assert.match(refused.message, /connection refused/);
	});

	test('an HTTP/2 protocol error → not-grpc', () => {
		assert.equal(mapCallError(unavailable('Protocol error'), ctx).code, 'not-grpc');
		assert.equal(mapCallError({code: status.UNAVAILABLE, details: 'Received HTTP status code 400'}, ctx).code, 'not-grpc');
	});

	test('other UNAVAILABLE stays unavailable, one line', () => {
		const error = mapCallError({code: status.UNAVAILABLE, details: 'Connection dropped\nsecond line'}, ctx);
		assert.equal(error.code, 'unavailable');
		assert.doesNotMatch(error.message, /second line/);
	});

	test('deadline names the RPC, the path and the timeout', () => {
		const error = mapCallError({code: status.DEADLINE_EXCEEDED, details: 'Deadline exceeded'}, {...ctx, timeoutMs: 2000});
		assert.equal(error.code, 'deadline');
		assert.match(error.message, /^ListContainers got no answer from \/run\/containerd\/containerd.sock within 2s/);
	});

	test('UNIMPLEMENTED: per RPC, or wrong-api for a v1alpha2-only runtime', () => {
		const plain = mapCallError({code: status.UNIMPLEMENTED, details: 'unknown method ListPodSandboxStats for service runtime.v1.RuntimeService'}, {...ctx, rpc: 'ListPodSandboxStats'});
		assert.equal(plain.code, 'unimplemented');
		assert.equal(plain.message, `ListPodSandboxStats is not supported by ${containerd}`);
		// No runtime.v1: whether v1alpha2 is there instead is the client's next question, not assumed here.
		const old = mapCallError({code: status.UNIMPLEMENTED, details: 'unknown service runtime.v1.RuntimeService'}, ctx);
		assert.equal(old.code, 'wrong-api');
		assert.match(old.message, /does not offer CRI runtime\.v1 \(runtime\.v1 RuntimeService unimplemented\)/);
		assert.doesNotMatch(old.message, /v1alpha2/);
		const noImages = mapCallError({code: status.UNIMPLEMENTED, details: 'unknown service runtime.v1.ImageService'}, {...ctx, rpc: 'ListImages'});
		assert.equal(noImages.code, 'unimplemented');
		assert.match(noImages.message, /offers no CRI image service \(runtime\.v1 ImageService unimplemented\): give the image service's socket with --image-endpoint/);
		const onImageSocket = mapCallError({code: status.UNIMPLEMENTED, details: 'The server does not implement the method /runtime.v1.ImageService/ListImages'}, {...ctx, rpc: 'ListImages', role: 'image'});
		assert.match(onImageSocket.message, /^the image endpoint \S+ offers no CRI image service/);
	});

	test('RESOURCE_EXHAUSTED → too-large; NOT_FOUND → not-found with the subject', () => {
		assert.equal(mapCallError({code: status.RESOURCE_EXHAUSTED, details: 'Received message larger than max (20000000 vs 16777216)'}, ctx).code, 'too-large');
		const gone = mapCallError({code: status.NOT_FOUND, details: 'an error occurred'}, {...ctx, rpc: 'ContainerStatus', subject: 'container abc'});
		assert.equal(gone.code, 'not-found');
		assert.match(gone.message, /^container abc no longer exists/);
	});

	test('a CriError passes through unchanged; unknown codes → other', () => {
		const original = new CriError('x', 'read-only', 'StopContainer', containerd);
		assert.equal(mapCallError(original, ctx), original);
		assert.equal(mapCallError({code: status.INTERNAL, details: 'boom'}, ctx).code, 'other');
	});

	test('syscallError knows EPERM and ENOTSOCK', () => {
		assert.equal(syscallError('EPERM', containerd)?.code, 'permission');
		assert.equal(syscallError('ENOTSOCK', containerd)?.code, 'not-socket');
		assert.equal(syscallError('EIO', containerd), undefined);
	});
});

describe('checkSocket', () => {
	test('a directory and a missing path are told apart', async () => {
		const tmp = tempDir();
		try {
			const dir = path.join(tmp.dir, 'd');
			mkdirSync(dir);
			assert.match((await checkSocket(dir))?.message ?? '', /is a directory, not a unix socket/);
			assert.equal((await checkSocket(path.join(tmp.dir, 'none')))?.code, 'unavailable');
		} finally {
			tmp.remove();
		}
	});
});
