// A CriClient stand-in for state and UI tests: canned lists, per-RPC failures,
// a log of calls. Not a gRPC server (the sim node is used for that).
import type {CriClient} from '../../source/wire/cri-client.js';
import {CriError, type CriErrorCode} from '../../source/wire/errors.js';
import type {Container, Image, PodSandbox, StatusResponse, VersionResponse} from '../../source/model/cri-types.js';

export type FakeNode = {
	version: VersionResponse;
	status: StatusResponse;
	pods: PodSandbox[];
	containers: Container[];
	images: Image[];
	/** RPC name → error code it fails with. */
	failing: Map<string, CriErrorCode>;
	calls: string[];
	/** RPCs that never answer (in-flight forever) while listed. */
	hanging: Set<string>;
};

export function pod(id: string, name: string, namespace = 'default', state: PodSandbox['state'] = 'SANDBOX_READY'): PodSandbox {
	return {id, metadata: {name, namespace, uid: `uid-${id}`, attempt: 0}, state, createdAt: '1700000000000000000', labels: {}, annotations: {}, runtimeHandler: ''};
}

export function container(id: string, name: string, podSandboxId: string, state: Container['state'] = 'CONTAINER_RUNNING'): Container {
	return {
		id, podSandboxId, metadata: {name, attempt: 0},
		image: {image: 'docker.io/library/busybox:latest', annotations: {}, userSpecifiedImage: '', runtimeHandler: '', imageRef: ''},
		imageRef: 'sha256:abc', state, createdAt: '1700000000000000000', labels: {}, annotations: {}, imageId: '',
	};
}

export function image(id: string, tag: string): Image {
	return {id, repoTags: [tag], repoDigests: [], size: '1048576', uid: null, username: '', spec: null, pinned: false};
}

export function fakeNode(partial: Partial<FakeNode> = {}): FakeNode {
	return {
		version: {version: '0.1.0', runtimeName: 'containerd', runtimeVersion: '1.7.0', runtimeApiVersion: 'v1'},
		status: {status: {conditions: [{type: 'RuntimeReady', status: true, reason: '', message: ''}, {type: 'NetworkReady', status: true, reason: '', message: ''}]}, info: {}},
		pods: [], containers: [], images: [],
		failing: new Map(), calls: [], hanging: new Set(),
		...partial,
	};
}

export function fakeClient(node: FakeNode, endpoint = '/run/fake.sock'): CriClient & {closed: boolean} {
	const answer = <T>(rpc: string, value: () => T): Promise<T> => {
		node.calls.push(rpc);
		if (node.hanging.has(rpc)) return new Promise(() => {});
		const code = node.failing.get(rpc);
		if (code) return Promise.reject(new CriError(`${rpc} failed (${code})`, code, rpc, endpoint));
		return Promise.resolve(value());
	};

	const notUsed = () => Promise.reject(new Error('not faked'));
	const client = {
		runtimeEndpoint: endpoint,
		imageEndpoint: endpoint,
		readOnly: false,
		closed: false,
		version: () => answer('Version', () => node.version),
		status: () => answer('Status', () => node.status),
		listPodSandbox: () => answer('ListPodSandbox', () => ({items: [...node.pods]})),
		podSandboxStatus: (id: string) => answer('PodSandboxStatus', () => ({status: {...node.pods.find(p => p.id === id)!, network: null, linux: null}, info: {hello: '{"a":1}'}})),
		listContainers: () => answer('ListContainers', () => ({items: [...node.containers]})),
		containerStatus: (id: string) => answer('ContainerStatus', () => {
			const c = node.containers.find(x => x.id === id)!;
			return {status: {...c, startedAt: '0', finishedAt: '0', exitCode: 0, reason: '', message: '', mounts: [], logPath: '/var/log/x.log'}, info: {pid: '42'}};
		}),
		listImages: () => answer('ListImages', () => ({items: [...node.images]})),
		imageStatus: (id: string) => answer('ImageStatus', () => ({image: node.images.find(i => i.id === id) ?? null, info: {}})),
		imageFsInfo: notUsed,
		listContainerStats: notUsed,
		listPodSandboxStats: notUsed,
		listContainerUsage: notUsed,
		listPodSandboxUsage: notUsed,
		stopContainer: (id: string) => answer(`StopContainer ${id}`, () => undefined),
		stopPodSandbox: (id: string) => answer(`StopPodSandbox ${id}`, () => undefined),
		removeContainer: notUsed,
		removePodSandbox: notUsed,
		removeImage: notUsed,
		execSync: notUsed,
		exec: notUsed,
		containerEvents: () => ({cancel() {}}),
		close() {
			client.closed = true;
		},
	};
	return client as unknown as CriClient & {closed: boolean};
}

/**
 * A fake client whose runtime has no event stream (GetContainerEvents answers UNIMPLEMENTED, as
 * containerd 1.6 does), so the app keeps polling at its interval: tests that change the node
 * from outside see the change at the next poll instead of the 30 s safety poll.
 */
export function pollingFakeClient(node: FakeNode, endpoint = '/run/fake.sock'): CriClient & {closed: boolean} {
	const client = fakeClient(node, endpoint);
	client.containerEvents = ((_onEvent: unknown, onError: (error: Error) => void) => {
		setImmediate(() => onError(new CriError('GetContainerEvents failed (unimplemented)', 'unimplemented', 'GetContainerEvents', endpoint)));
		return {cancel() {}};
	}) as unknown as CriClient['containerEvents'];
	return client;
}
