// `--node ssh://…` (repeatable) and `--nodes FILE`: the nodes reached over the
// system's OpenSSH, opened in parallel (one ssh master each, the node's CRI
// socket forwarded to a private local socket), each an endpoint of the screen.
// A node that cannot be reached is an endpoint that says why, never a hang (ssh
// runs in BatchMode with a connect timeout). Every master is closed on every
// way out (the caller's cleanups).
import {endpointUri} from './format/crictl.js';
import {uniqueNames} from './format/endpoint-name.js';
import type {EndpointPlan} from './choose-endpoint.js';
import {readConfigText} from './wire/config-file.js';
import {SettingsError} from './wire/config.js';
import {defaultLogRoots} from './wire/log-access.js';
import {dialThroughNode} from './wire/exec-dial.js';
import {followNodeLog, readNodeLog} from './wire/ssh-logs.js';
import type {SshNode} from './wire/ssh-node.js';
import {parseSshTarget, shortNodeName, type SshTarget} from './wire/ssh-target.js';

/** The most nodes one screen opens (one ssh master and one poller each). */
export const maxNodes = 256;

/**
 * The targets of a --nodes file: one ssh://… per line, `#` starts a comment. The file is
 * untrusted input (read bounded and with a deadline as the config file is); a bad line is a
 * sentence naming the file and the line.
 */
export async function readNodesFile(file: string): Promise<string[]> {
	let text: string | undefined;
	try {
		text = await readConfigText(file);
	} catch (error) {
		throw new SettingsError(`--nodes ${file}: ${(error as Error).message}`);
	}
	if (text === undefined) throw new SettingsError(`--nodes ${file} does not exist: write one ssh://[user@]host[:port][/socket] per line`);
	const out: string[] = [];
	for (const [i, raw] of text.split('\n').entries()) {
		const line = raw.replace(/#.*$/, '').trim();
		if (line === '') continue;
		if (/\s/.test(line)) throw new SettingsError(`--nodes ${file} line ${i + 1}: one ssh:// address per line`);
		out.push(line);
	}
	return out;
}

/** The targets, checked before anything is opened (a bad one ends the program with its sentence). */
export function parseNodeTargets(raw: readonly string[]): SshTarget[] {
	if (raw.length > maxNodes) throw new SettingsError(`${raw.length} nodes given; at most ${maxNodes} are opened at once`);
	return raw.map(r => parseSshTarget(r));
}

export type OpenNodesOptions = {
	/** --ssh-config: passed to ssh as -F. */
	sshConfig?: string;
	/** Connect deadline per node. */
	timeoutMs: number;
	/** Log folders on the nodes besides the kubelet's (--log-root). */
	logRoots: readonly string[];
	/** Where each opened master's close goes (run on every way out). */
	cleanups: Array<() => Promise<void>>;
};

/** What crictl needs to run there: `ssh [-F cfg] [-p N] [user@]host`. */
export function sshWords(target: SshTarget, sshConfig?: string): string[] {
	return ['ssh', ...(sshConfig ? ['-F', sshConfig] : []), ...(target.port ? ['-p', String(target.port)] : []), target.user ? `${target.user}@${target.host}` : target.host];
}

/** Opens every node at once; each becomes a plan (a failed one carries its sentence). */
export async function openNodes(targets: readonly SshTarget[], options: OpenNodesOptions): Promise<EndpointPlan[]> {
	const names = uniqueNames(targets.map(shortNodeName));
	const roots = [...defaultLogRoots, ...options.logRoots];
	// Loaded only when a node is asked for: it brings child_process (15 built-in modules, ~5 CPU-ms) to every start.
	const {openSshNode} = await import('./wire/ssh-node.js');
	const opened = await Promise.allSettled(targets.map(async target => {
		const node = await openSshNode(target, {configFile: options.sshConfig, timeoutMs: options.timeoutMs});
		options.cleanups.push(() => node.close());
		return node;
	}));
	return targets.map((target, i): EndpointPlan => {
		const result = opened[i]!;
		const origin = `over ssh ${target.raw}`;
		if (result.status === 'rejected') {
			const why = result.reason instanceof Error ? result.reason.message : String(result.reason);
			return {name: names[i], runtime: target.raw, image: target.raw, origin, simulated: false, explicit: false, failed: why};
		}

		const node: SshNode = result.value;
		return {
			name: names[i], runtime: node.localSocket, image: node.localSocket, origin, simulated: false, explicit: true,
			crictl: {endpoint: endpointUri(node.remoteSocket), via: sshWords(target, options.sshConfig)},
			lost: node.lost.then(words => `ssh to ${target.host} ended: ${words}`),
			dialExec: dialThroughNode(port => node.forwardTcp(port), target.host),
			logs: {
				read: async (nodePath, tailBytes) => readNodeLog(node, nodePath, roots, tailBytes),
				follow: (nodePath, handlers) => followNodeLog(node, nodePath, roots, handlers),
			},
		};
	});
}
