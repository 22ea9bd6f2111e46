// A node reached over the system's OpenSSH: one master connection per node (ControlMaster), the
// node's CRI socket forwarded to a private local socket (OpenSSH's own unix-socket forwarding, so
// CRI crosses untouched), and what CRI does not carry — the node's files — read over the same
// master. The person's own ssh config and agent apply; nothing here asks for a password
// (BatchMode), so an unreachable node is a sentence within the timeout, never a prompt or a hang.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {wellKnownSockets} from './endpoint.js';
import {CriError} from './errors.js';
import {shellWord, type SshTarget} from './ssh-target.js';

export type SshOptions = {
	/** `--ssh-config FILE`: passed to ssh as -F. */
	configFile?: string;
	/** Connect and command deadline. @default 10000 */
	timeoutMs?: number;
	/** The ssh program. @default 'ssh' */
	sshCommand?: string;
};

export type RemoteResult = {code: number; stdout: Buffer; stderr: string};

export type SshNode = {
	readonly target: SshTarget;
	/** Local socket that reaches the node's CRI socket. */
	readonly localSocket: string;
	/** The CRI socket on the node. */
	readonly remoteSocket: string;
	/** Runs a shell command line on the node (the caller quotes every word with shellWord). */
	run(commandLine: string, options?: {timeoutMs?: number; maxBytes?: number}): Promise<RemoteResult>;
	/** Starts a command line on the node and streams its output (e.g. a log follower); kill() ends it. */
	spawn(commandLine: string): ChildProcess;
	/** Forwards a TCP port on the node's loopback to a new local socket; returns its path. */
	forwardTcp(port: number): Promise<string>;
	/** Resolves when the master connection ends (the node went away), with ssh's last words. */
	readonly lost: Promise<string>;
	close(): Promise<void>;
};

function sshBaseArgs(target: SshTarget, control: string, options: SshOptions): string[] {
	const seconds = Math.max(1, Math.ceil((options.timeoutMs ?? 10_000) / 1000));
	return [
		...(options.configFile ? ['-F', options.configFile] : []),
		'-o', 'BatchMode=yes',
		'-o', `ConnectTimeout=${seconds}`,
		'-o', 'ServerAliveInterval=5',
		'-o', 'ServerAliveCountMax=2',
		'-o', `ControlPath=${control}`,
		...(target.port ? ['-p', String(target.port)] : []),
		...(target.user ? ['-l', target.user] : []),
	];
}

type Collected = {code: number; stdout: Buffer; stderr: string; timedOut: boolean};

function collect(child: ChildProcess, timeoutMs: number, maxBytes = 16 << 20): Promise<Collected> {
	return new Promise(resolve => {
		const out: Buffer[] = [];
		let size = 0;
		let stderr = '';
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.stdout?.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) child.kill('SIGKILL');
			else out.push(chunk);
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			if (stderr.length < 4096) stderr += chunk.toString('utf8');
		});
		child.on('error', error => {
			stderr += error.message;
		});
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code: code ?? -1, stdout: Buffer.concat(out), stderr, timedOut});
		});
	});
}

/** ssh's last line on stderr, without the noise of warnings about known hosts. */
function sshWords(stderr: string): string {
	const lines = stderr.split(/\r?\n/).map(l => l.trim()).filter(l => l !== '' && !/^Warning: Permanently added/.test(l));
	return lines.at(-1) ?? 'ssh ended without a message';
}

/**
 * Opens the master connection to a node, finds its CRI socket (the given path, else the first
 * well-known socket that exists there) and forwards it. Throws a CriError naming the node.
 */
export async function openSshNode(target: SshTarget, options: SshOptions = {}): Promise<SshNode> {
	const ssh = options.sshCommand ?? 'ssh';
	const timeoutMs = options.timeoutMs ?? 10_000;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-ssh-'));
	const control = path.join(dir, 'ctl');
	const base = sshBaseArgs(target, control, options);
	const fail = (why: string): never => {
		throw new CriError(`cannot reach node ${target.raw} over ssh: ${why}`, 'unavailable', 'ssh', target.raw);
	};

	const master = spawn(ssh, ['-M', '-N', '-o', 'ControlPersist=no', '-o', 'ExitOnForwardFailure=yes', ...base, '--', target.host], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let masterStderr = '';
	master.stderr?.on('data', (chunk: Buffer) => {
		if (masterStderr.length < 4096) masterStderr += chunk.toString('utf8');
	});
	const lost = new Promise<string>(resolve => {
		master.on('close', () => resolve(sshWords(masterStderr)));
		master.on('error', error => resolve(error.message));
	});

	let closed = false;
	const close = async (): Promise<void> => {
		if (closed) return;
		closed = true;
		if (master.exitCode === null && master.signalCode === null) {
			master.kill('SIGTERM');
			await Promise.race([lost, new Promise(r => setTimeout(r, 2000).unref())]);
			if (master.exitCode === null && master.signalCode === null) master.kill('SIGKILL');
		}
		rmSync(dir, {recursive: true, force: true});
	};

	const command = (args: string[], ms = timeoutMs, maxBytes?: number) =>
		collect(spawn(ssh, [...base, ...args], {stdio: ['ignore', 'pipe', 'pipe']}), ms, maxBytes);

	try {
		// Ready when the master answers `-O check`, failed when it exits first.
		const deadline = Date.now() + timeoutMs;
		let masterEnded = false;
		void lost.then(() => {
			masterEnded = true;
		});
		for (;;) {
			if (masterEnded) fail(sshWords(masterStderr));
			if ((await command(['-O', 'check', '--', target.host], 2000)).code === 0) break;
			if (Date.now() > deadline) fail(`no connection after ${timeoutMs} ms`);
			await new Promise(r => setTimeout(r, 50));
		}

		const run = async (commandLine: string, runOptions: {timeoutMs?: number; maxBytes?: number} = {}) => {
			const result = await command(['--', target.host, commandLine], runOptions.timeoutMs ?? timeoutMs, runOptions.maxBytes);
			if (result.timedOut) throw new CriError(`node ${target.raw} did not answer within ${runOptions.timeoutMs ?? timeoutMs} ms`, 'deadline', 'ssh', target.raw);
			return {code: result.code, stdout: result.stdout, stderr: result.stderr};
		};

		let remoteSocket = target.socketPath;
		if (remoteSocket === undefined) {
			const candidates = wellKnownSockets.map(s => shellWord(s.path)).join(' ');
			const found = await run(`for p in ${candidates}; do if [ -S "$p" ]; then echo "$p"; fi; done`);
			remoteSocket = found.stdout.toString('utf8').split('\n').find(p => wellKnownSockets.some(s => s.path === p))
				?? fail(`no runtime socket on the node (probed ${wellKnownSockets.map(s => s.path).join(', ')}); name one: ssh://${target.host}/path/to/cri.sock`);
		}
		const remote: string = remoteSocket;

		let forwards = 0;
		const forward = async (spec: string, local: string) => {
			const result = await command(['-O', 'forward', '-L', `${local}:${spec}`, '--', target.host]);
			if (result.code !== 0) fail(`forwarding ${spec} failed: ${sshWords(result.stderr)}`);
			return local;
		};
		const localSocket = await forward(remote, path.join(dir, 'cri.sock'));
		return {
			target,
			localSocket,
			remoteSocket: remote,
			run,
			spawn: commandLine => spawn(ssh, [...base, '--', target.host, commandLine], {stdio: ['ignore', 'pipe', 'pipe']}),
			forwardTcp: async port => forward(`127.0.0.1:${port}`, path.join(dir, `tcp-${port}-${++forwards}.sock`)),
			lost,
			close,
		};
	} catch (error) {
		await close();
		throw error;
	}
}
