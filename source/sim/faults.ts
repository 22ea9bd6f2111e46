// Faults a test can switch on while the node runs: a slow runtime, an RPC that errors, an answer
// larger than any client limit.

export type FaultController = {
	/** Delay responses of one RPC (or every RPC with '*') by `ms`. */
	delayMs(rpc: string | '*', ms: number): void;
	/** Answer gRPC status `code` (with `message`) for one RPC. */
	fail(rpc: string, code: number, message?: string): void;
	/** Pad one RPC's response to at least `bytes` (e.g. 20 MiB of containers). */
	oversize(rpc: string, bytes: number): void;
	/** Report a runtime condition as false (e.g. NetworkReady, reason NetworkPluginNotReady, as CRI-O without CNI). */
	conditionFalse(type: 'RuntimeReady' | 'NetworkReady', reason: string, message?: string): void;
	clear(): void;
};

export type FaultState = FaultController & {
	delayFor(rpc: string): number;
	failureFor(rpc: string): {code: number; message: string} | undefined;
	oversizeFor(rpc: string): number;
	conditionFor(type: string): {reason: string; message: string} | undefined;
};

export function createFaults(): FaultState {
	const delays = new Map<string, number>();
	const failures = new Map<string, {code: number; message: string}>();
	const sizes = new Map<string, number>();
	const conditions = new Map<string, {reason: string; message: string}>();
	return {
		delayMs: (rpc, ms) => void delays.set(rpc, ms),
		fail: (rpc, code, message) => void failures.set(rpc, {code, message: message ?? `simulated failure of ${rpc}`}),
		oversize: (rpc, bytes) => void sizes.set(rpc, bytes),
		conditionFalse: (type, reason, message) => void conditions.set(type, {reason, message: message ?? `${type} is false: ${reason}`}),
		clear() {
			conditions.clear();
			delays.clear();
			failures.clear();
			sizes.clear();
		},
		delayFor: rpc => delays.get(rpc) ?? delays.get('*') ?? 0,
		failureFor: rpc => failures.get(rpc),
		oversizeFor: rpc => sizes.get(rpc) ?? 0,
		conditionFor: type => conditions.get(type),
	};
}

const chunk = 64 * 1024;

/** Makes `response` at least `bytes` big by adding filler items to its list (or a filler info entry). */
export function pad(rpc: string, response: Record<string, unknown>, bytes: number): Record<string, unknown> {
	const filler = 'x'.repeat(chunk);
	const count = Math.ceil(bytes / chunk);
	const ids = (i: number) => i.toString(16).padStart(64, 'f');
	const make: Record<string, [string, (i: number) => unknown]> = {
		ListContainers: ['containers', i => ({id: ids(i), podSandboxId: ids(i), metadata: {name: `filler-${i}`, attempt: 0}, state: 'CONTAINER_RUNNING', createdAt: '0', labels: {}, annotations: {filler}})],
		ListPodSandbox: ['items', i => ({id: ids(i), metadata: {name: `filler-${i}`, uid: '', namespace: 'filler', attempt: 0}, state: 'SANDBOX_READY', createdAt: '0', labels: {}, annotations: {filler}})],
		ListImages: ['images', i => ({id: `sha256:${ids(i)}`, repoTags: [`filler/${i}:${filler}`], repoDigests: [], size: '1'})],
		ListContainerStats: ['stats', i => ({attributes: {id: ids(i), metadata: {name: `filler-${i}`, attempt: 0}, labels: {}, annotations: {filler}}})],
		ListPodSandboxStats: ['stats', i => ({attributes: {id: ids(i), labels: {}, annotations: {filler}}})],
	};
	const spec = make[rpc];
	if (spec) {
		const [field, item] = spec;
		const list = [...((response[field] as unknown[]) ?? [])];
		for (let i = 0; i < count; i++) list.push(item(i));
		return {...response, [field]: list};
	}
	return {...response, info: {...(response.info as object), filler: 'x'.repeat(bytes)}};
}
