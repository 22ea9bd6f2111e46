// A private OpenSSH server on 127.0.0.1 for the tests that reach a node over ssh: its own host
// key, its own client key and a client config (passed with --ssh-config / -F) that trusts only
// them. kill() ends the listener AND every connection it forked (each runs in a session of its
// own), which is what "the node went away" looks like to a client.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {waitFor} from './wait.js';

export type Sshd = {
	port: number;
	/** The ssh client config to pass with -F (identity, known hosts, no agent, no user config). */
	clientConfig: string;
	/** `ssh://root@127.0.0.1:PORT` plus the given socket path. */
	url(socketPath?: string): string;
	/** Ends the server and every session it started. */
	kill(): void;
	stop(): void;
};

const SSHD = '/usr/sbin/sshd';

async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise(resolve => server.close(resolve));
	return port;
}

function accepts(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('data', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Every process whose parent chain leads to pid (children first found, so kill order is safe). */
function descendants(pid: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// The command name may hold spaces and parentheses: the ppid follows the last ')'.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {}
	}
	const found: number[] = [];
	const walk = (p: number) => {
		for (const [child, parent] of parentOf) if (parent === p) {
			found.push(child);
			walk(child);
		}
	};
	walk(pid);
	return found;
}

export async function startSshd(): Promise<Sshd> {
	if (spawnSync(SSHD, ['-V']).error) throw new Error(`${SSHD} is missing: install Debian's openssh-server (.ci/run does)`);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-sshd-'));
	for (const key of ['host_key', 'client_key']) {
		const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, key)]);
		if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
	}
	writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
	mkdirSync('/run/sshd', {recursive: true, mode: 0o755}); // sshd's privilege-separation folder
	const port = await freePort();
	writeFileSync(path.join(dir, 'sshd_config'), [
		`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_key`, `PidFile ${dir}/sshd.pid`,
		`AuthorizedKeysFile ${dir}/authorized_keys`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no',
		'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'AllowTcpForwarding yes',
		'AllowStreamLocalForwarding yes', 'StreamLocalBindUnlink yes', 'MaxSessions 100', 'MaxStartups 100', 'LogLevel ERROR', '',
	].join('\n'));
	const clientConfig = path.join(dir, 'ssh_config');
	writeFileSync(clientConfig, [
		'Host *', `  IdentityFile ${dir}/client_key`, '  IdentitiesOnly yes', '  IdentityAgent none',
		`  UserKnownHostsFile ${dir}/known_hosts`, '  StrictHostKeyChecking accept-new', '  LogLevel ERROR', '',
	].join('\n'));

	let server: ChildProcess | undefined = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	server.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const kill = () => {
		if (!server?.pid) return;
		for (const pid of [server.pid, ...descendants(server.pid)]) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {}
		}
		server = undefined;
	};
	process.once('exit', kill);
	try {
		await waitFor(() => server?.exitCode === null && accepts(port), {timeoutMs: 20_000, what: () => `sshd on 127.0.0.1:${port} (${stderr.trim()})`});
	} catch (error) {
		kill();
		rmSync(dir, {recursive: true, force: true});
		throw error;
	}
	return {
		port,
		clientConfig,
		url: (socketPath = '') => `ssh://root@127.0.0.1:${port}${socketPath}`,
		kill,
		stop() {
			kill();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
