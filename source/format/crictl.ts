// The crictl command line equivalent to what the tool shows or does, one
// builder per command, so the UI and the docs never spell them differently.
//
// Global flags come before the subcommand, as crictl needs them:
//   crictl -r unix:///run/crio/crio.sock images
// `-r ENDPOINT` is added only when crictl would not pick that endpoint by
// itself: crictl uses CONTAINER_RUNTIME_ENDPOINT, else /etc/crictl.yaml, else
// the first answering socket of CRICTL_DEFAULT_ENDPOINTS. The caller passes
// what crictl would use on this node as `crictlDefault` when it knows it (for
// example from the config file or its own probe); when it does not, only the
// first default (containerd's socket) is assumed, which is always right:
// if we are connected to it, it exists, and crictl tries it first.
// `-i IMAGE_ENDPOINT` is added only when the image endpoint differs from the
// runtime endpoint, and only for the commands that use the image service
// (images, inspecti, rmi). `crictl config` takes no global flags.
// IDs are shown as their first 13 characters, like crictl's tables; the
// runtimes resolve a unique prefix and refuse an ambiguous one.

import {shortId} from './ids.js';
import {sanitize} from './sanitize.js';

/** crictl's own endpoint list when nothing is configured, in the order it tries them. */
export const CRICTL_DEFAULT_ENDPOINTS: readonly string[] = [
	'unix:///run/containerd/containerd.sock',
	'unix:///run/crio/crio.sock',
	'unix:///var/run/cri-dockerd.sock',
];

export type CrictlTarget = {
	/** Runtime endpoint the tool is connected to, as the node sees it (e.g. `unix:///run/crio/crio.sock`). */
	endpoint?: string;
	/** Image endpoint, when it differs from the runtime endpoint. */
	imageEndpoint?: string;
	/**
	 * The runtime endpoint crictl would use on this node without `-r`.
	 * @default CRICTL_DEFAULT_ENDPOINTS[0]
	 */
	crictlDefault?: string;
	/**
	 * The runtime is on another node reached over ssh: the words that run a command there
	 * (`['ssh', '-p', '2222', 'root@n1']`); the crictl line is then that node's command.
	 */
	via?: readonly string[];
};

const IMAGE_COMMANDS = new Set(['images', 'inspecti', 'rmi', 'pull', 'imagefsinfo']);

/** `unix:///path` for a socket path, as crictl and the header write it: the one place `unix://` is put back. */
export function endpointUri(socketPath: string): string {
	return `unix://${socketPath}`;
}

// Compare endpoints as crictl would reach them: a bare path is unix://, and
// /var/run is the same directory as /run on every current distribution.
export function sameEndpoint(a: string, b: string): boolean {
	const norm = (e: string) => {
		let s = e.trim();
		if (s.startsWith('/')) s = endpointUri(s);
		return s.replace(/^unix:\/\/\/var\/run\//, 'unix:///run/');
	};
	return norm(a) === norm(b);
}

const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(arg: string): string {
	if (safeWord.test(arg)) return arg;
	return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * `crictl [global flags] ARGS…`, each argument shell-quoted. Arguments with
 * control characters are shown with visible escapes (such a command would
 * not match anything; real runtimes' IDs are hex).
 */
export function crictlCmd(target: CrictlTarget, ...args: string[]): string {
	const words = ['crictl'];
	const sub = args[0] ?? '';
	if (sub !== 'config') {
		const auto = target.crictlDefault ?? CRICTL_DEFAULT_ENDPOINTS[0];
		if (target.endpoint && !sameEndpoint(target.endpoint, auto)) words.push('-r', target.endpoint);
		const runtime = target.endpoint ?? auto;
		if (IMAGE_COMMANDS.has(sub) && target.imageEndpoint && !sameEndpoint(target.imageEndpoint, runtime)) {
			words.push('-i', target.imageEndpoint);
		}
	}
	words.push(...args);
	const line = words.map(w => sanitize(shellQuote(w), {max: 1024})).join(' ');
	if (!target.via || target.via.length === 0) return line;
	// ssh joins its words into one line for the node's shell: a quoted word must survive twice.
	const remote = words.every(w => shellQuote(w) === w) ? line : sanitize(shellQuote(line), {max: 2048});
	return [...target.via.map(w => sanitize(shellQuote(w), {max: 256})), remote].join(' ');
}

// An image may be named by ID (shortened like crictl images) or by repo:tag (kept).
const imageArg = (ref: string) => (/^(?:sha256:)?[a-f0-9]{13,}$/.test(ref) ? shortId(ref) : ref);

/** `crictl pods`, with filter flags (`--name`, `--namespace`, `--state`, `--label`, see filter-query.ts). */
export const crictlPods = (t: CrictlTarget, options: {filters?: readonly string[]} = {}) =>
	crictlCmd(t, 'pods', ...(options.filters ?? []));

/** `crictl ps -a`, `crictl ps` (running only), `crictl ps -a --pod <id13>`, plus filter flags. */
export function crictlPs(t: CrictlTarget, options: {all?: boolean; podId?: string; filters?: readonly string[]} = {}): string {
	const {all = true, podId, filters = []} = options;
	const args = ['ps'];
	if (all) args.push('-a');
	if (podId) args.push('--pod', shortId(podId));
	return crictlCmd(t, ...args, ...filters);
}

/** `crictl images` (`--pinned` adds the PINNED column the tool shows). */
export const crictlImages = (t: CrictlTarget, options: {pinned?: boolean} = {}) =>
	options.pinned ? crictlCmd(t, 'images', '--pinned') : crictlCmd(t, 'images');

export const crictlInspectp = (t: CrictlTarget, podId: string) => crictlCmd(t, 'inspectp', shortId(podId));
export const crictlInspect = (t: CrictlTarget, containerId: string) => crictlCmd(t, 'inspect', shortId(containerId));
export const crictlInspecti = (t: CrictlTarget, image: string) => crictlCmd(t, 'inspecti', imageArg(image));
/** `crictl stop --timeout N ID`: N is the grace period really given to the runtime (crictl's own default is 0). */
export const crictlStop = (t: CrictlTarget, containerId: string, timeoutSeconds: number) =>
	crictlCmd(t, 'stop', '--timeout', String(timeoutSeconds), shortId(containerId));
export const crictlStopp = (t: CrictlTarget, podId: string) => crictlCmd(t, 'stopp', shortId(podId));
/** `crictl rm ID`; a running container needs `-f` (crictl refuses it otherwise; the runtime stops it first). */
export const crictlRm = (t: CrictlTarget, containerId: string, options: {running?: boolean} = {}) =>
	options.running ? crictlCmd(t, 'rm', '-f', shortId(containerId)) : crictlCmd(t, 'rm', shortId(containerId));
export const crictlRmp = (t: CrictlTarget, podId: string) => crictlCmd(t, 'rmp', shortId(podId));
export const crictlRmi = (t: CrictlTarget, image: string) => crictlCmd(t, 'rmi', imageArg(image));

/**
 * `crictl logs -f --tail 100 <id>` by default; `tail: -1` is crictl's "all";
 * `since` is crictl's --since value (`42m`, `2013-01-02T13:23:37`); `previous`
 * gives `crictl logs -p <id>` (the last exited attempt).
 */
export function crictlLogs(
	t: CrictlTarget,
	containerId: string,
	options: {follow?: boolean; tail?: number; since?: string; previous?: boolean} = {},
): string {
	const {follow = true, since, previous = false} = options;
	// crictl logs -p prints the whole previous log unless told otherwise.
	const tail = options.tail ?? (previous ? -1 : 100);
	const args = ['logs'];
	if (previous) args.push('-p');
	else if (follow) args.push('-f');
	if (tail >= 0) args.push('--tail', String(tail));
	if (since) args.push('--since', since);
	args.push(shortId(containerId));
	return crictlCmd(t, ...args);
}

/** `crictl exec -it <id> sh` */
export const crictlExecShell = (t: CrictlTarget, containerId: string, shell = 'sh') =>
	crictlCmd(t, 'exec', '-it', shortId(containerId), shell);

/** `crictl exec <id> CMD…` (one-shot, no terminal) */
export const crictlExec = (t: CrictlTarget, containerId: string, command: readonly string[]) =>
	crictlCmd(t, 'exec', shortId(containerId), ...command);

export const crictlStats = (t: CrictlTarget) => crictlCmd(t, 'stats');
export const crictlStatsp = (t: CrictlTarget) => crictlCmd(t, 'statsp');
/** `crictl events` (newer crictl only). */
export const crictlEvents = (t: CrictlTarget) => crictlCmd(t, 'events');
export const crictlVersion = (t: CrictlTarget) => crictlCmd(t, 'version');
export const crictlInfo = (t: CrictlTarget) => crictlCmd(t, 'info');

/** `crictl config --set runtime-endpoint=…`: makes `endpoint` crictl's default. */
export const crictlConfigSetEndpoint = (endpoint: string) =>
	crictlCmd({}, 'config', '--set', `runtime-endpoint=${endpoint}`);
