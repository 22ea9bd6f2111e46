// Seeded randomness and the realistic catalogue the simulated node is made from.
// Nothing here may call Math.random: the same seed must give the same node.

export type Rng = {
	/** Uniform float in [0, 1). */
	next(): number;
	/** Integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	/** `length` lowercase hex digits. */
	hex(length: number): string;
};

/** mulberry32: tiny, fast and good enough for picking names. */
export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		pick: items => items[int(0, items.length - 1)],
		hex(length) {
			let out = '';
			while (out.length < length) out += ((next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
			return out.slice(0, length);
		},
	};
}

/** Kubernetes-style random suffix alphabet (no vowels, as in k8s.io/apimachinery rand). */
const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
export function k8sSuffix(rng: Rng, length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += suffixAlphabet[rng.int(0, suffixAlphabet.length - 1)];
	return out;
}

export function uuid(rng: Rng): string {
	const h = rng.hex(32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An image as a registry knows it: full reference, size in bytes. */
export type ImageSeed = {ref: string; size: number};

export const baseImages: Record<string, ImageSeed> = {
	coredns: {ref: 'registry.k8s.io/coredns/coredns:v1.11.1', size: 18_182_961},
	kubeProxy: {ref: 'registry.k8s.io/kube-proxy:v1.30.2', size: 29_034_567},
	nginx: {ref: 'docker.io/library/nginx:1.27', size: 71_006_212},
	busybox: {ref: 'docker.io/library/busybox:1.36', size: 2_160_406},
	redis: {ref: 'docker.io/library/redis:7.2', size: 40_215_812},
	prometheus: {ref: 'quay.io/prometheus/prometheus:v2.53.0', size: 104_582_410},
	reloader: {ref: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.75.0', size: 12_045_119},
	nodeExporter: {ref: 'quay.io/prometheus/node-exporter:v1.8.1', size: 11_740_352},
	payments: {ref: 'ghcr.io/acme/payments-api:2.4.1', size: 48_903_277},
	envoy: {ref: 'docker.io/envoyproxy/envoy:v1.30.2', size: 63_338_004},
	postgres: {ref: 'docker.io/library/postgres:16', size: 152_377_120},
	metricsServer: {ref: 'registry.k8s.io/metrics-server/metrics-server:v0.7.1', size: 19_327_533},
	ingress: {ref: 'registry.k8s.io/ingress-nginx/controller:v1.10.1', size: 105_822_906},
	alpine: {ref: 'docker.io/library/alpine:3.20', size: 3_626_711},
};

/** What an exec finds in an image: bash (and sh), only sh (busybox, alpine and images built on
 * them), or no shell at all (distroless). */
export type ImageShell = 'bash' | 'sh' | 'none';

const shOnly = /(^|\/)(busybox|alpine|prometheus|prometheus-config-reloader|node-exporter|controller)[:@]/;
const noShell = /(^|\/)(pause|coredns|kube-proxy|metrics-server)[:@]/;

/** The shell of a known image; anything else (debian/ubuntu-based apps) has bash. */
export function shellOf(ref: string): ImageShell {
	if (noShell.test(ref)) return 'none';
	return shOnly.test(ref) ? 'sh' : 'bash';
}

/** Images PullImage can fetch (besides those already on the node): the sim has no registry. */
export const pullable: ImageSeed[] = [
	{ref: 'docker.io/library/debian:12', size: 48_497_418},
	{ref: 'docker.io/library/ubuntu:24.04', size: 29_754_290},
	{ref: 'docker.io/library/busybox:latest', size: 2_155_634},
	{ref: 'docker.io/library/alpine:latest', size: 3_623_844},
	{ref: 'docker.io/library/nginx:latest', size: 72_099_501},
];

/** How a container behaves over time. */
export type Behaviour =
	| 'steady' // runs forever
	| 'crashloop' // runs a tick or two, exits 1 (Error), the kubelet starts attempt n+1
	| 'oom' // was OOMKilled once, runs again as attempt 1
	| 'init' // init container: exited 0 Completed before the others started
	| 'job'; // runs then completes

export type ContainerSeed = {name: string; image: keyof typeof baseImages | string; behaviour: Behaviour; cpuMilli: number; memMiB: number};
export type WorkloadSeed = {
	namespace: string;
	name: string;
	kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Job' | 'static';
	containers: ContainerSeed[];
	hostNetwork?: boolean;
	/** Ignores SIGTERM: stopping it waits out the grace period. */
	stubborn?: boolean;
};

const c = (name: string, image: string, behaviour: Behaviour = 'steady', cpuMilli = 20, memMiB = 64): ContainerSeed => ({name, image, behaviour, cpuMilli, memMiB});

/** The "story" pods: a small node shows each of these once, in this order. */
export const storyWorkloads: WorkloadSeed[] = [
	{namespace: 'kube-system', name: 'coredns', kind: 'Deployment', containers: [c('coredns', 'coredns', 'steady', 5, 24)]},
	{namespace: 'default', name: 'web', kind: 'Deployment', containers: [c('init-config', 'busybox', 'init'), c('nginx', 'nginx', 'steady', 30, 48), c('log-shipper', 'busybox', 'steady', 3, 8)]},
	{namespace: 'shop', name: 'payments-api', kind: 'Deployment', containers: [c('payments-api', 'payments', 'crashloop', 80, 160), c('envoy', 'envoy', 'steady', 15, 40)]},
	{namespace: 'monitoring', name: 'prometheus', kind: 'StatefulSet', containers: [c('init-chown-data', 'busybox', 'init'), c('prometheus', 'prometheus', 'steady', 120, 512), c('config-reloader', 'reloader', 'steady', 2, 16)]},
	{namespace: 'kube-system', name: 'kube-proxy', kind: 'DaemonSet', hostNetwork: true, containers: [c('kube-proxy', 'kubeProxy', 'steady', 10, 30)]},
	{namespace: 'batch', name: 'nightly-report', kind: 'Job', containers: [c('report', 'busybox', 'job', 200, 20)]},
	{namespace: 'default', name: 'redis', kind: 'StatefulSet', containers: [c('redis', 'redis', 'oom', 40, 256)]},
	{namespace: 'monitoring', name: 'node-exporter', kind: 'DaemonSet', hostNetwork: true, containers: [c('node-exporter', 'nodeExporter', 'steady', 8, 20)]},
	{namespace: 'kube-system', name: 'metrics-server', kind: 'Deployment', containers: [c('metrics-server', 'metricsServer', 'steady', 6, 30)]},
	{namespace: 'ingress-nginx', name: 'ingress-nginx-controller', kind: 'Deployment', containers: [c('controller', 'ingress', 'steady', 25, 120)]},
	{namespace: 'shop', name: 'orders-db', kind: 'StatefulSet', stubborn: true, containers: [c('postgres', 'postgres', 'steady', 60, 300)]},
];

const teams = ['shop', 'search', 'billing', 'identity', 'data', 'media', 'ml', 'ops', 'growth', 'mail'];
const words = ['api', 'worker', 'gateway', 'indexer', 'cache', 'frontend', 'scheduler', 'consumer', 'exporter', 'sync', 'auth', 'render'];

/** A synthesised app for big nodes: app + sidecar + finished init, so pods ≈ containers/3. */
export function syntheticWorkload(rng: Rng, imageRef: string): WorkloadSeed {
	const team = rng.pick(teams);
	const name = `${team}-${rng.pick(words)}`;
	return {
		namespace: team,
		name,
		kind: rng.next() < 0.8 ? 'Deployment' : 'StatefulSet',
		containers: [c('wait-for-db', 'busybox', 'init'), c(name.split('-')[1] ?? 'app', imageRef, 'steady', rng.int(1, 200), rng.int(16, 700)), c('envoy', 'envoy', 'steady', rng.int(2, 20), rng.int(20, 60))],
	};
}

export function syntheticImage(rng: Rng, index: number): ImageSeed {
	return {ref: `ghcr.io/acme/${rng.pick(teams)}-${rng.pick(words)}-${index}:1.${rng.int(0, 40)}.${rng.int(0, 9)}`, size: rng.int(8, 400) * 1_048_576 + rng.int(0, 1_048_575)};
}

/** Log lines an app might print; `%n` is replaced with a counter. */
export const logPhrases = [
	'GET /healthz 200 0.4ms',
	'GET /api/v1/orders?page=%n 200 12ms',
	'POST /api/v1/checkout 201 48ms',
	'level=info msg="reloaded configuration" generation=%n',
	'level=warn msg="slow query" duration=1.2s table=orders',
	'[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc%n',
	'level=error msg="connection refused" upstream=10.96.0.10:5432 retry=%n',
	'worker %n processed batch in 230ms',
];
