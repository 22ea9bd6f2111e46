// A tiny pretend shell for ExecSync and the exec WebSocket: enough commands to show output, exit
// codes and the "not found" path, nothing more.

export type ExecResult = {stdout: string; stderr: string; exitCode: number};

const notFound = (cmd: string): ExecResult => ({
	stdout: '',
	stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
	exitCode: 127,
});

/** Runs `cmd` (argv) in the pretend container whose hostname is `hostname`. */
export function execSync(cmd: string[], hostname: string): ExecResult {
	const [program = '', ...args] = cmd;
	const base = program.split('/').pop() ?? program;
	switch (base) {
		case 'echo': return {stdout: `${args.join(' ')}\n`, stderr: '', exitCode: 0};
		case 'hostname': return {stdout: `${hostname}\n`, stderr: '', exitCode: 0};
		case 'true': return {stdout: '', stderr: '', exitCode: 0};
		case 'false': return {stdout: '', stderr: '', exitCode: 1};
		case 'date': return {stdout: `${new Date().toUTCString()}\n`, stderr: '', exitCode: 0};
		case 'env': return {stdout: `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${hostname}\nHOME=/root\n`, stderr: '', exitCode: 0};
		case 'ls': return {stdout: 'bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n', stderr: '', exitCode: 0};
		case 'cat':
			if (args[0] === '/etc/hostname') return {stdout: `${hostname}\n`, stderr: '', exitCode: 0};
			return {stdout: '', stderr: `cat: can't open '${args[0] ?? ''}': No such file or directory\n`, exitCode: 1};
		case 'sh':
		case 'bash':
			if (args[0] === '-c') return shellLine(args[1] ?? '', hostname);
			return {stdout: '', stderr: '', exitCode: 0};
		default: return notFound(program);
	}
}

/** One line of `sh -c`: `exit N`, or a simple command split on spaces (quotes stripped). */
export function shellLine(line: string, hostname: string): ExecResult {
	const text = line.trim();
	const exit = /^exit(?:\s+(\d+))?$/.exec(text);
	if (exit) return {stdout: '', stderr: '', exitCode: Number(exit[1] ?? 0) & 255};
	if (!text) return {stdout: '', stderr: '', exitCode: 0};
	const words = text.match(/'[^']*'|"[^"]*"|\S+/g)?.map(w => w.replace(/^['"]|['"]$/g, '')) ?? [];
	const result = execSync(words, hostname);
	// sh reports a missing program itself, with the same 127.
	return result.exitCode === 127 ? {stdout: '', stderr: `sh: ${words[0]}: not found\n`, exitCode: 127} : result;
}
