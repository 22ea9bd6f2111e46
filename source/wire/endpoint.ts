// crictl's endpoint rules: what an endpoint string may look like, the
// well-known runtime sockets, and --host-root (a node's filesystem mounted
// elsewhere, as `kubectl debug node/NAME` mounts it at /host).
import path from 'node:path';
import {existsSync} from 'node:fs';
import {endpointUri} from '../format/crictl.js';
import {CriError} from './errors.js';

export type KnownSocket = {path: string; label: string};

/** The sockets crictl and the kubelet know, in probe order. One place for the whole tool. */
export const wellKnownSockets: readonly KnownSocket[] = [
	{path: '/run/containerd/containerd.sock', label: 'containerd'},
	{path: '/run/crio/crio.sock', label: 'CRI-O'},
	{path: '/var/run/crio/crio.sock', label: 'CRI-O'},
	{path: '/var/run/cri-dockerd.sock', label: 'cri-dockerd (Docker Engine)'},
	{path: '/run/cri-dockerd.sock', label: 'cri-dockerd (Docker Engine)'},
	{path: '/run/k3s/containerd/containerd.sock', label: 'k3s / RKE2 containerd'},
	{path: '/var/snap/microk8s/common/run/containerd.sock', label: 'microk8s containerd'},
];

/** dockershim was removed from the kubelet in Kubernetes 1.24; these paths no longer serve CRI. */
export const removedSockets: readonly KnownSocket[] = [
	{path: '/var/run/dockershim.sock', label: 'dockershim (removed in Kubernetes 1.24)'},
	{path: '/run/dockershim.sock', label: 'dockershim (removed in Kubernetes 1.24)'},
];

export const defaultConfigPath = '/etc/crictl.yaml';

/** The label of a well-known or removed socket path (compared without host root), else undefined. */
export function socketLabel(socketPath: string): string | undefined {
	return [...wellKnownSockets, ...removedSockets].find(s => s.path === socketPath)?.label;
}

/**
 * `unix:///path`, `unix://path`, `unix:/path`, an absolute path, or a relative
 * path (resolved against cwd) → the absolute socket path. Other schemes are
 * refused with a sentence: crisock-tui only speaks to local unix sockets.
 */
export function parseEndpoint(endpoint: string, cwd = process.cwd()): string {
	const s = endpoint.trim();
	if (s === '') throw new CriError('the endpoint is empty: give a unix socket such as unix:///run/containerd/containerd.sock', 'other', 'parse', s);
	const scheme = /^([a-z][a-z\d+.-]*):/i.exec(s)?.[1]?.toLowerCase();
	if (scheme === undefined) return path.resolve(cwd, s);
	if (scheme !== 'unix') {
		throw new CriError(
			`the endpoint ${s} uses ${scheme}://, but crisock-tui only connects to local unix sockets: give a path such as unix:///run/containerd/containerd.sock`,
			'other', 'parse', s);
	}
	const rest = s.slice('unix:'.length);
	// unix:///abs and unix:/abs are absolute; unix://rel (crictl accepts it) is relative to cwd.
	const p = rest.startsWith('//') ? rest.slice(2) : rest;
	if (p === '') throw new CriError(`the endpoint ${s} names no socket path: write it as unix:///path/to/runtime.sock`, 'other', 'parse', s);
	return path.resolve(cwd, p);
}

/** The grpc-js target for a socket path (the same spelling crictl uses). */
export function grpcAddress(socketPath: string): string {
	return endpointUri(socketPath);
}

/** A node path under the host root: underHostRoot('/host', '/run/x.sock') → '/host/run/x.sock'. */
export function underHostRoot(hostRoot: string | undefined, nodePath: string): string {
	if (!hostRoot || hostRoot === '/') return nodePath;
	const root = path.resolve(hostRoot);
	const resolved = path.resolve('/', nodePath);
	// Already under the root (e.g. given twice): leave it.
	if (resolved === root || resolved.startsWith(`${root}/`)) return resolved;
	return path.join(root, resolved);
}

/** The well-known sockets as paths under the host root, in probe order. */
export function wellKnownPaths(hostRoot?: string): string[] {
	return wellKnownSockets.map(s => underHostRoot(hostRoot, s.path));
}

/**
 * Whether to read the node through `/host`: true when `/host/etc/crictl.yaml`
 * or a well-known socket exists under /host while the same does not exist at /.
 * That is the layout of a `kubectl debug node/NAME` pod.
 */
export function detectHostRoot(exists: (p: string) => boolean = existsSync, candidate = '/host'): string | undefined {
	const nodePaths = [defaultConfigPath, ...wellKnownSockets.map(s => s.path)];
	const found = nodePaths.some(p => exists(underHostRoot(candidate, p)) && !exists(p));
	return found ? candidate : undefined;
}

/**
 * When the configured endpoint is a dockershim path and nothing is there,
 * the explanation (several lines); else undefined. The CLI adds the live sockets it found.
 */
export function dockershimExplanation(socketPath: string, exists: (p: string) => boolean = existsSync, hostRoot?: string): string | undefined {
	const nodePath = hostRoot && socketPath.startsWith(`${path.resolve(hostRoot)}/`) ? socketPath.slice(path.resolve(hostRoot).length) : socketPath;
	if (!removedSockets.some(s => s.path === nodePath)) return undefined;
	if (exists(socketPath)) return undefined;
	return [
		`${endpointUri(nodePath)} is dockershim, which was removed in Kubernetes 1.24.`,
		'Docker Engine is now reached through cri-dockerd at unix:///var/run/cri-dockerd.sock.',
		'To make crictl and crisock-tui use it: crictl config --set runtime-endpoint=unix:///var/run/cri-dockerd.sock',
	].join('\n');
}
