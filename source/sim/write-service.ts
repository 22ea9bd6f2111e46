// The writes a demo and a test need: RunPodSandbox, CreateContainer and StartContainer, so that
// `crictl runp`, `create` and `start` work against the simulated node and the dashboard sees the
// new objects arrive (with their events). Labels and annotations are kept as given; log paths
// from the request are made safe and kept under the node's log root.
import type * as grpc from '@grpc/grpc-js';
import {code} from './flavours.js';
import {SimError, unary} from './handler-kit.js';
import {safeSegment} from './model.js';
import type {SimContext} from './runtime-service.js';

const imageIdForm = /^(sha256:)?[0-9a-f]{12,64}$/;

export function writeHandlers(ctx: SimContext): grpc.UntypedServiceImplementation {
	const {kit, model} = ctx;
	const spec = model.spec;
	return {
		RunPodSandbox: unary(kit, 'RunPodSandbox', request => {
			const meta = request.config?.metadata;
			if (!meta?.name) throw new SimError(code.unknown, 'sandbox config must include metadata.name');
			const namespace = meta.namespace || 'default';
			const uid = meta.uid || '';
			for (const p of model.pods.values()) {
				if (p.name === meta.name && p.namespace === namespace && p.uid === uid && p.attempt === (meta.attempt ?? 0)) {
					throw new SimError(code.unknown, `failed to reserve sandbox name "${meta.name}_${namespace}_${uid}_${meta.attempt ?? 0}": name is reserved for ${p.id}`);
				}
			}
			const pod = model.createPod({namespace, name: meta.name, kind: 'static', containers: []}, meta.name, model.now(), {
				uid, attempt: meta.attempt ?? 0, labels: request.config.labels ?? {}, annotations: request.config.annotations ?? {},
			});
			return {podSandboxId: pod.id};
		}),
		CreateContainer: unary(kit, 'CreateContainer', request => {
			const pod = model.findPod(request.podSandboxId ?? '');
			if (!pod) {
				const {code: c, message} = spec.notFound('sandbox', request.podSandboxId ?? '');
				throw new SimError(c, message);
			}
			const config = request.config ?? {};
			const name: string = config.metadata?.name ?? '';
			if (!name) throw new SimError(code.unknown, 'container config must include metadata.name');
			const ref: string = config.image?.image ?? '';
			const image = model.findImage(ref);
			if (!image) throw new SimError(code.notFound, `failed to get image ${JSON.stringify(ref)}: not found on the node; pull it first`);
			const attempt = config.metadata?.attempt ?? 0;
			const container = model.createContainer(pod, name, attempt, image, 'steady', model.now(), 20, 64, 'CONTAINER_CREATED', {
				labels: config.labels ?? {}, annotations: config.annotations ?? {},
				logPath: safeLogPath(config.logPath, name, attempt), byName: !imageIdForm.test(ref),
			});
			return {containerId: container.id};
		}),
		StartContainer: unary(kit, 'StartContainer', request => {
			const c = model.findContainer(request.containerId ?? '');
			if (!c) {
				const {code: c2, message} = spec.notFound('container', request.containerId ?? '');
				throw new SimError(c2, message);
			}
			if (c.state !== 'CONTAINER_CREATED') throw new SimError(code.unknown, `failed to set starting state for container "${c.id}": container is in ${c.state} state`);
			if (model.pods.get(c.podId)?.state !== 'SANDBOX_READY') throw new SimError(code.unknown, `sandbox container "${c.podId}" is not running`);
			model.startContainer(c);
			return {};
		}),
	};
}

/** The request's log path (relative to the pod's log dir), without `..`, empty or unsafe segments. */
export function safeLogPath(requested: string | undefined, name: string, attempt: number): string {
	const segments = (requested ?? '').split('/').filter(s => s && s !== '.' && s !== '..').map(safeSegment);
	return segments.length > 0 ? segments.join('/') : `${safeSegment(name)}_${attempt}.log`;
}
