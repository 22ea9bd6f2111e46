// A fake CRI runtime that misbehaves on purpose where a real one cannot be made to on demand: it
// names any file as a container's log, hands out exec streams that switch terminal modes or never
// end, and streams as many containers as asked. A real grpc-js server on a unix socket, with a
// real WebSocket exec endpoint (the Kubernetes channel protocol, v4), so the real bin talks to it
// exactly as to a runtime.
import {once} from 'node:events';
import type {AddressInfo} from 'node:net';
import * as grpc from '@grpc/grpc-js';
import {WebSocketServer, type WebSocket} from 'ws';
import {startCriServer, type Handler} from '../wire/cri-test-server.js';

export type HostileContainer = {name: string; logPath: string};

/** What an exec stream does: switch modes and wait for `exit`, or hang forever. */
export type ExecBehaviour = 'modes' | 'hang';

export type HostileRuntimeOptions = {
	socketPath: string;
	containers?: HostileContainer[];
	exec?: ExecBehaviour;
	/** Stream this many synthetic containers (StreamContainers, 1,000 per message). */
	streamContainers?: number;
};

export type HostileRuntime = {
	calls: Map<string, number>;
	/** Exec sessions opened, and how many are still open. */
	execSessions(): {opened: number; open: number};
	close(): Promise<void>;
};

export const POD_ID = 'a1'.repeat(32);
/** Distinct in the 13 characters the tables show. */
export const containerId = (i: number) => `${i.toString(16).padStart(8, '0')}`.padEnd(64, 'c');

/** What the `modes` shell prints: every mode a full-screen program switches, and a title. */
export const MODE_SCRIPT = [
	'\u001B]2;hijacked-by-the-container\u0007',
	'\u001B[?1000h\u001B[?1002h\u001B[?1003h\u001B[?1006h\u001B[?1005h', // mouse tracking and encodings
	'\u001B=\u001B[?1h', // application keypad and cursor keys
	'\u001B[4h', // insert mode
	'\u001B[?7l', // autowrap off
	'\u001B[3;10r', // a scroll region
	'\u001B[?6h', // origin mode
	'\u001B[1;31m', // bold red
	'\u001B[5 q', // a blinking bar cursor
	'container-shell$ ',
].join('');

function podSandbox() {
	return {id: POD_ID, metadata: {name: 'hostile-pod', uid: 'uid-1', namespace: 'default', attempt: 0}, state: 'SANDBOX_READY', createdAt: String(Date.now() * 1e6), labels: {}, annotations: {}, runtimeHandler: ''};
}

function container(id: string, name: string) {
	return {
		id, podSandboxId: POD_ID, metadata: {name, attempt: 0}, image: {image: 'docker.io/library/busybox:latest'},
		imageRef: 'sha256:'.padEnd(71, 'e'), state: 'CONTAINER_RUNNING', createdAt: String(Date.now() * 1e6), labels: {}, annotations: {},
	};
}

async function startExecEndpoint(behaviour: ExecBehaviour) {
	const sockets = new Set<WebSocket>();
	let opened = 0;
	const server = new WebSocketServer({
		host: '127.0.0.1', port: 0,
		handleProtocols: offered => (offered.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false),
	});
	server.on('connection', socket => {
		opened++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		const out = (text: string) => socket.send(Buffer.concat([Buffer.from([1]), Buffer.from(text)]));
		if (behaviour === 'hang') {
			out('a shell that never answers$ ');
			return; // reads nothing, sends nothing more, never closes
		}

		out(MODE_SCRIPT);
		let typed = '';
		socket.on('message', (data: Buffer) => {
			if (data[0] !== 0) return;
			typed += data.subarray(1).toString();
			if (/exit\r/.test(typed)) {
				socket.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify({status: 'Success'}))]));
				socket.close(1000);
			}
		});
	});
	await once(server, 'listening');
	const {port} = server.address() as AddressInfo;
	return {
		url: (token: string) => `http://127.0.0.1:${port}/exec/${token}`,
		stats: () => ({opened, open: sockets.size}),
		close: () => new Promise<void>(resolve => {
			for (const socket of sockets) socket.terminate();
			server.close(() => resolve());
		}),
	};
}

export async function startHostileRuntime(options: HostileRuntimeOptions): Promise<HostileRuntime> {
	const named = options.containers ?? [];
	const byId = new Map(named.map((c, i) => [containerId(i + 1), c]));
	const exec = await startExecEndpoint(options.exec ?? 'modes');
	const total = options.streamContainers ?? 0;
	const listed = () => [...byId].map(([id, c]) => container(id, c.name));
	const handlers: Record<string, Handler> = {
		Version: () => ({version: '0.1.0', runtimeName: 'hostile', runtimeVersion: '6.6.6', runtimeApiVersion: 'v1'}),
		Status: () => ({status: {conditions: [{type: 'RuntimeReady', status: true, reason: '', message: ''}, {type: 'NetworkReady', status: true, reason: '', message: ''}]}, info: {}}),
		ListPodSandbox: () => ({items: [podSandbox()]}),
		ListContainers: () => ({containers: listed()}),
		ListImages: () => ({images: []}),
		ContainerStatus(request: {containerId: string}) {
			const c = byId.get(request.containerId);
			if (!c) throw Object.assign(new Error('no such container'), {code: grpc.status.NOT_FOUND, details: 'no such container'});
			return {status: {...container(request.containerId, c.name), startedAt: String(Date.now() * 1e6), finishedAt: '0', exitCode: 0, reason: '', message: '', mounts: [], logPath: c.logPath}, info: {}};
		},
		Exec: (request: {containerId: string}) => ({url: exec.url(request.containerId.slice(0, 8))}),
	};
	if (total > 0) {
		// Synthetic containers with realistic sizes (labels and annotations as the kubelet sets them).
		handlers.StreamContainers = () => {
			const messages = [];
			for (let start = 0; start < total; start += 1000) {
				const batch = [];
				for (let i = start; i < Math.min(total, start + 1000); i++) {
					batch.push({
						...container(containerId(i + 1_000_000), `bulk-${i}`),
						labels: {'io.kubernetes.pod.name': `bulk-pod-${i}`, 'io.kubernetes.pod.namespace': 'bulk', 'io.kubernetes.container.name': `bulk-${i}`},
						annotations: {'io.kubernetes.container.hash': 'deadbeef', 'io.kubernetes.container.restartCount': '0'},
					});
				}
				messages.push({containers: batch});
			}
			return messages;
		};
	}

	const server = await startCriServer(options.socketPath, handlers);
	return {
		calls: server.calls,
		execSessions: exec.stats,
		async close() {
			await exec.close();
			await server.close();
		},
	};
}
