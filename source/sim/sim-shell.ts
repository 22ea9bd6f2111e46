// A small shell and the few programs a simulated container has, for Exec and ExecSync. It runs what
// `sh -c` is given: lists joined by `;`, `&&`, `||`, `exit N`, quotes, `$?`, and redirections of
// stdout/stderr (`>&2`, `2>&1`, `>/dev/null`, `2>/dev/null`), so probes like `command -v bash`
// answer truthfully for the image. What a program is depends on the image: bash images have bash
// and sh, busybox/alpine-like images only sh, distroless images no shell at all.
import type {ImageShell} from './seed-data.js';

/** `exited`: the script ran `exit` (an interactive shell ends there). */
export type ExecResult = {stdout: string; stderr: string; exitCode: number; exited?: boolean};
export type Machine = {hostname: string; shell: ImageShell};

const utilities = ['echo', 'printf', 'hostname', 'true', 'false', 'date', 'env', 'ls', 'cat', 'id', 'uname', 'sleep', 'pwd', 'whoami'];

/** Where `program` lives in the image, or undefined when it is not there. */
export function whereIs(program: string, machine: Machine): string | undefined {
	if (machine.shell === 'none') return undefined;
	const base = program.split('/').pop() ?? '';
	const dir = machine.shell === 'bash' ? '/usr/bin' : '/bin';
	const names = machine.shell === 'bash' ? ['bash', 'sh', ...utilities] : ['sh', 'ash', ...utilities];
	if (!names.includes(base)) return undefined;
	const path = base === 'sh' ? '/bin/sh' : `${dir}/${base}`;
	// An explicit path must be where the program is (or /bin for /usr/bin, merged on debian).
	if (program.includes('/') && program !== path && !(machine.shell === 'bash' && program === `/bin/${base}`)) return undefined;
	return path;
}

/** Runs argv as the container's init would exec it; the caller checked that the program exists. */
export function runProgram(argv: string[], machine: Machine, lastStatus = 0): ExecResult {
	const [program = '', ...args] = argv;
	const base = program.split('/').pop() ?? program;
	const ok = (stdout = ''): ExecResult => ({stdout, stderr: '', exitCode: 0});
	switch (base) {
		case 'echo': return args[0] === '-n' ? ok(args.slice(1).join(' ')) : ok(`${args.join(' ')}\n`);
		case 'printf': return ok((args[0] ?? '').replace(/%s/g, () => args[1] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
		case 'hostname': return ok(`${machine.hostname}\n`);
		case 'true': case ':': case 'cd': case 'export': return ok();
		case 'false': return {stdout: '', stderr: '', exitCode: 1};
		case 'pwd': return ok('/\n');
		case 'whoami': return ok('root\n');
		case 'id': return ok('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
		case 'uname': return ok(args.includes('-a') ? `Linux ${machine.hostname} 6.1.0-sim #1 SMP x86_64 GNU/Linux\n` : 'Linux\n');
		case 'date': return ok(`${new Date().toUTCString()}\n`);
		case 'sleep': return ok();
		case 'env': return ok(`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${machine.hostname}\nHOME=/root\n`);
		case 'ls': return ok('bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n');
		case 'cat':
			if (args[0] === '/etc/hostname') return ok(`${machine.hostname}\n`);
			return {stdout: '', stderr: `cat: can't open '${args[0] ?? ''}': No such file or directory\n`, exitCode: 1};
		case 'command': case 'type': case 'which': {
			const name = args.filter(a => !a.startsWith('-'))[0] ?? '';
			const where = builtins.has(name) && base !== 'which' ? name : whereIs(name, machine);
			return where ? ok(`${where}\n`) : {stdout: '', stderr: base === 'type' ? `${name}: not found\n` : '', exitCode: 1};
		}
		case 'sh': case 'bash': case 'ash':
			if (args[0] === '-c') return runScript(args[1] ?? '', machine, shellName(base));
			return ok();
		default: return {stdout: '', stderr: '', exitCode: lastStatus};
	}
}

const builtins = new Set(['echo', 'printf', 'true', 'false', 'exit', 'command', 'type', 'cd', 'export', 'pwd', ':']);
const shellName = (base: string) => (base === 'bash' ? 'bash' : 'sh');

type Token = {word: string} | {op: ';' | '&&' | '||' | '|'} | {redirect: string};

/** Splits a script into words, operators and redirections (quotes and backslashes as sh does). */
export function tokenize(script: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < script.length) {
		const rest = script.slice(i);
		const space = /^[ \t]+/.exec(rest);
		if (space) { i += space[0].length; continue; }
		const op = /^(&&|\|\||;|\n|\|)/.exec(rest);
		if (op) { tokens.push({op: op[0] === '\n' ? ';' : op[0] as ';'}); i += op[0].length; continue; }
		const redirect = /^(\d?>&\d|&>\s*\S+|\d?>>?\s*(?:[^\s;&|]+))/.exec(rest);
		if (redirect) { tokens.push({redirect: redirect[0].replace(/\s+/g, '')}); i += redirect[0].length; continue; }
		let word = '';
		while (i < script.length && !/[ \t\n;&|]/.test(script[i])) {
			const ch = script[i];
			if (ch === "'") {
				const end = script.indexOf("'", i + 1);
				word += script.slice(i + 1, end < 0 ? undefined : end);
				i = end < 0 ? script.length : end + 1;
			} else if (ch === '"') {
				let j = i + 1;
				for (; j < script.length && script[j] !== '"'; j++) word += script[j] === '\\' && j + 1 < script.length ? script[++j] : script[j];
				i = j + 1;
			} else if (ch === '\\' && i + 1 < script.length) {
				word += script[i + 1];
				i += 2;
			} else {
				word += ch;
				i++;
			}
		}
		tokens.push({word});
	}
	return tokens;
}

/** Runs a whole `sh -c` script. */
export function runScript(script: string, machine: Machine, name: 'sh' | 'bash' = 'sh'): ExecResult {
	const out: ExecResult = {stdout: '', stderr: '', exitCode: 0};
	let words: string[] = [];
	let redirects: string[] = [];
	let joiner: ';' | '&&' | '||' = ';';
	const tokens = [...tokenize(script), {op: ';' as const}];
	for (const token of tokens) {
		if ('word' in token) {
			words.push(token.word.replace(/\$\?/g, String(out.exitCode)));
			continue;
		}
		if ('redirect' in token) {
			redirects.push(token.redirect);
			continue;
		}
		if (token.op === '|') return {stdout: out.stdout, stderr: `${out.stderr}${name}: pipes are not simulated\n`, exitCode: 2};
		const skip = (joiner === '&&' && out.exitCode !== 0) || (joiner === '||' && out.exitCode === 0);
		if (words.length > 0 && !skip) {
			if (words[0] === 'exit') return {...out, exitCode: Number(words[1] ?? out.exitCode) & 255, exited: true};
			const result = runCommand(words, machine, name, out.exitCode);
			route(result, redirects, out);
			out.exitCode = result.exitCode;
		}
		words = [];
		redirects = [];
		joiner = token.op;
	}
	return out;
}

function runCommand(words: string[], machine: Machine, name: string, lastStatus: number): ExecResult {
	const [program] = words;
	if (builtins.has(program) || program === 'type' || whereIs(program, machine)) return runProgram(words, machine, lastStatus);
	return {stdout: '', stderr: name === 'bash' ? `bash: ${program}: command not found\n` : `sh: ${program}: not found\n`, exitCode: 127};
}

/** Where a command's stdout and stderr go after its redirections (left to right, as sh does). */
function route(result: ExecResult, redirects: string[], into: ExecResult) {
	let fd1: 'stdout' | 'stderr' | 'null' = 'stdout';
	let fd2: 'stdout' | 'stderr' | 'null' = 'stderr';
	for (const r of redirects) {
		if (r === '>&2' || r === '1>&2') fd1 = fd2;
		else if (r === '2>&1') fd2 = fd1;
		else if (/^&>/.test(r)) fd1 = fd2 = 'null';
		else if (/^2>>?/.test(r)) fd2 = 'null';
		else fd1 = 'null'; // > FILE: the pretend file system keeps nothing
	}
	if (fd1 !== 'null') into[fd1] += result.stdout;
	if (fd2 !== 'null') into[fd2] += result.stderr;
}
