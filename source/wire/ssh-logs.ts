// Container logs of a node reached over ssh, read on the node with the same rules as local ones:
// the path the runtime named is resolved on the node (readlink -f: every symlink followed there,
// as cri-dockerd's absolute links must be), it must lie under a log root and be a regular file,
// and only then is it read. The path is hostile input: it reaches the node's shell only as one
// single-quoted word. What comes back is parsed as container-log lines by the caller.
import type {ChildProcess} from 'node:child_process';
import {shellWord} from './ssh-target.js';
import type {SshNode} from './ssh-node.js';

export type NodeLogRefusal = 'not-found' | 'outside' | 'not-file' | 'permission' | 'other';

export class NodeLogError extends Error {
	override name = 'NodeLogError';
	constructor(message: string, readonly code: NodeLogRefusal, readonly path: string) {
		super(message);
	}
}

/** The script that checks a node path and then runs `command "$p"` on it. */
export function checkedLogScript(nodePath: string, roots: readonly string[], command: string): string {
	const patterns = roots.map(r => `${shellWord(r)}/*`).join('|');
	return [
		`p=$(readlink -f -- ${shellWord(nodePath)}) || exit 3`,
		`case "$p" in ${patterns}) ;; *) printf '%s' "$p" >&2; exit 4;; esac`,
		'[ -f "$p" ] || exit 5',
		'[ -r "$p" ] || exit 6',
		`exec ${command} -- "$p"`,
	].join('\n');
}

function refusal(node: SshNode, nodePath: string, code: number, stderr: string): NodeLogError {
	const where = `${nodePath} on node ${node.target.host}`;
	switch (code) {
		case 3: return new NodeLogError(`the log file ${where} does not exist (the container may have been removed)`, 'not-found', nodePath);
		case 4: return new NodeLogError(`the log path ${where} leads outside the log folders (to ${stderr.slice(0, 200) || 'elsewhere'}); it is not shown`, 'outside', nodePath);
		case 5: return new NodeLogError(`the log path ${where} is not a regular file; it is not read`, 'not-file', nodePath);
		case 6: return new NodeLogError(`the log file ${where} cannot be read by the ssh user; connect as root or a user in the log files' group`, 'permission', nodePath);
		default: return new NodeLogError(`reading the log file ${where} failed: ${stderr.trim().split('\n').at(-1) ?? `exit ${code}`}`, 'other', nodePath);
	}
}

/** The last `tailBytes` of a container's log file on the node. */
export async function readNodeLog(node: SshNode, nodePath: string, roots: readonly string[], tailBytes: number): Promise<Buffer> {
	const result = await node.run(checkedLogScript(nodePath, roots, `tail -c ${Math.max(0, Math.floor(tailBytes))}`), {maxBytes: tailBytes + 65_536});
	if (result.code !== 0) throw refusal(node, nodePath, result.code, result.stderr);
	return result.stdout;
}

export type NodeLogFollower = {stop(): void};

/** New bytes of the log file as they are written, through rotation (tail -F on the node). */
export function followNodeLog(node: SshNode, nodePath: string, roots: readonly string[], handlers: {
	onData(chunk: Buffer): void;
	onEnd(error?: NodeLogError): void;
}): NodeLogFollower {
	const child: ChildProcess = node.spawn(checkedLogScript(nodePath, roots, 'tail -c 0 -F'));
	let stderr = '';
	let stopped = false;
	child.stdout?.on('data', (chunk: Buffer) => handlers.onData(chunk));
	child.stderr?.on('data', (chunk: Buffer) => {
		if (stderr.length < 4096) stderr += chunk.toString('utf8');
	});
	child.on('close', code => {
		if (!stopped) handlers.onEnd(code === 0 ? undefined : refusal(node, nodePath, code ?? -1, stderr));
	});
	return {
		stop() {
			stopped = true;
			child.kill('SIGTERM');
		},
	};
}
