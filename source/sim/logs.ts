// Container log files as the runtimes write them, at logRoot/<pod log dir>/<container>/<attempt>.log:
// CRI format (`<RFC3339Nano> stdout|stderr P|F message`) on containerd and CRI-O; on cri-dockerd
// that path is a symlink to Docker's json-file log. Files are made lazily (on first ContainerStatus,
// or at start on small nodes) so a 10k-container node starts fast.
import {appendFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {FlavourSpec} from './flavours.js';
import {hostileSamples, invalidUtf8} from './hostile.js';
import type {SimContainer} from './model.js';
import {createRng, logPhrases, type Rng} from './seed-data.js';

type Line = {stream: 'stdout' | 'stderr'; text: string | Buffer; partial?: boolean};
type LogState = {path: string; target: string; rng: Rng; seq: number};

/** Go's time.RFC3339Nano in UTC: trailing zeros of the fraction are dropped (and the dot with them). */
export function rfc3339Nano(ns: bigint): string {
	const ms = ns / 1_000_000n;
	const base = new Date(Number(ms)).toISOString().slice(0, 19);
	const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
	return `${base}${fraction ? `.${fraction}` : ''}Z`;
}

/** CRI-O's log time: always nine fraction digits and `+00:00`. */
export function crioTime(ns: bigint): string {
	const base = new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 19);
	return `${base}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}+00:00`;
}

export class LogWriter {
	private readonly files = new Map<string, LogState>();

	constructor(private readonly logRoot: string, private readonly spec: FlavourSpec) {}

	isWritten(c: SimContainer): boolean {
		return this.files.has(c.id);
	}

	/** Creates the container's log (with the lines it would have printed so far) if not there yet. */
	ensure(c: SimContainer, fullPath: string, now: bigint) {
		if (this.files.has(c.id)) return;
		const rng = createRng(parseInt(c.id.slice(0, 8), 16));
		const target = this.spec.logs === 'docker-json' ? path.join(this.logRoot, '.docker', 'containers', c.id, `${c.id}-json.log`) : fullPath;
		const state: LogState = {path: fullPath, target, rng, seq: 0};
		this.files.set(c.id, state);
		mkdirSync(path.dirname(fullPath), {recursive: true});
		mkdirSync(path.dirname(target), {recursive: true});
		writeFileSync(target, '', {mode: this.spec.logMode});
		if (target !== fullPath && !existsSync(fullPath)) symlinkSync(target, fullPath);
		if (this.spec.podLogFile) this.podLog(c, fullPath.slice(0, -c.logPath.length - 1));
		const end = c.state === 'CONTAINER_EXITED' ? c.finishedAt : now;
		// A container not started yet has printed nothing.
		const count = c.startedAt === 0n ? 0 : rng.int(6, 14);
		const step = (end - c.startedAt) / BigInt(count + 1);
		const lines: Array<[bigint, Line]> = [];
		// The first line has what Docker's json-file escapes (<, >, &, a tab, U+2028).
		if (count > 0) lines.push([c.startedAt + 1000n, {stream: 'stdout', text: `${c.name}: starting <pid ${c.pid}> & ready\tlistening\u2028`}]);
		for (let i = 1; i <= count; i++) lines.push([c.startedAt + step * BigInt(i) + BigInt(rng.int(0, 999)), this.nextLine(c, state)]);
		if (c.hostile) lines.push(...hostileLines().map((l, i) => [end - BigInt(100 - i), l] as [bigint, Line]), [end - 50n, {stream: 'stdout', text: `long-20k: ${'M'.repeat(20 * 1024)}`}]);
		if (c.state === 'CONTAINER_EXITED' && c.exitCode !== 0) lines.push([end - 1000n, {stream: 'stderr', text: c.message || `fatal: exiting with code ${c.exitCode}`}]);
		this.write(state, lines);
	}

	/** A tick's worth of output for a running container that already has a log file. */
	tick(c: SimContainer, now: bigint) {
		const state = this.files.get(c.id);
		if (!state || c.state !== 'CONTAINER_RUNNING' || !existsSync(path.dirname(state.target))) return;
		if (state.rng.next() < 0.4) return;
		const lines: Array<[bigint, Line]> = [[now, this.nextLine(c, state)]];
		if (state.rng.next() < 0.1) {
			// A line longer than the runtime's buffer arrives as P (partial) pieces, then F.
			lines.push([now + 1000n, {stream: 'stdout', text: `{"event":"bulk","items":[${'1,'.repeat(40)}`, partial: true}]);
			lines.push([now + 2000n, {stream: 'stdout', text: '2,3]}'}]);
		}
		if (c.hostile) lines.push(...hostileLines().map((l, i) => [now + BigInt(3000 + i), l] as [bigint, Line]));
		this.write(state, lines);
	}

	/** RemoveContainer: cri-dockerd removes its symlink; CRI-O and containerd leave the file. */
	removed(c: SimContainer) {
		const state = this.files.get(c.id);
		this.files.delete(c.id);
		if (state && this.spec.removeDeletesLog) rmSync(state.path, {force: true});
	}

	/** CRI-O's pod log folder also holds `<sandboxID>.log` (the pod's own, mode 0600). */
	private podLog(c: SimContainer, podDir: string) {
		const file = path.join(podDir, `${c.podId}.log`);
		if (!existsSync(file)) writeFileSync(file, '', {mode: this.spec.logMode});
	}

	private nextLine(c: SimContainer, state: LogState): Line {
		state.seq++;
		const phrase = state.rng.pick(logPhrases).replace('%n', String(state.seq));
		return {stream: phrase.includes('error') || phrase.includes('warn') ? 'stderr' : 'stdout', text: `${c.name}: ${phrase}`};
	}

	private write(state: LogState, lines: Array<[bigint, Line]>) {
		const stamp = this.spec.logTime === 'crio' ? crioTime : rfc3339Nano;
		const chunks = lines.flatMap(([ns, line]) => (this.spec.logs === 'docker-json' ? [dockerJson(ns, line)] : splitCri(line).map(piece => criLine(stamp(ns), piece))));
		appendFileSync(state.target, Buffer.concat(chunks));
	}
}

/** containerd and CRI-O cut a line longer than 16 KiB into partial (P) pieces. */
function splitCri(line: Line): Line[] {
	const bytes = Buffer.from(line.text);
	if (bytes.length <= maxDockerEntry) return [line];
	const pieces: Line[] = [];
	for (let at = 0; at < bytes.length; at += maxDockerEntry) {
		const last = at + maxDockerEntry >= bytes.length;
		pieces.push({stream: line.stream, text: bytes.subarray(at, at + maxDockerEntry), partial: last ? line.partial : true});
	}
	return pieces;
}

function criLine(time: string, line: Line): Buffer {
	return Buffer.concat([Buffer.from(`${time} ${line.stream} ${line.partial ? 'P' : 'F'} `), Buffer.from(line.text), Buffer.from('\n')]);
}

/** Docker's json-file entry: its encoder turns invalid UTF-8 into U+FFFD (as toString does),
 * escapes `<`, `>`, `&`, control characters (tab too) and U+2028/2029 as \u escapes (\u003c …), and splits a
 * line longer than 16 KiB into several entries (all but the last without the newline). */
function dockerJson(ns: bigint, line: Line): Buffer {
	const text = typeof line.text === 'string' ? line.text : line.text.toString('utf8');
	const pieces: string[] = [];
	let rest = text;
	while (Buffer.byteLength(rest) > maxDockerEntry) {
		const cut = Buffer.from(rest).subarray(0, maxDockerEntry).toString('utf8').replace(/\uFFFD$/, '');
		pieces.push(cut);
		rest = rest.slice(cut.length);
	}
	pieces.push(line.partial ? rest : `${rest}\n`);
	const time = rfc3339Nano(ns);
	return Buffer.from(pieces.map(log => `{"log":${dockerString(log)},"stream":"${line.stream}","time":"${time}"}\n`).join(''));
}

const maxDockerEntry = 16 * 1024;

function dockerString(text: string): string {
	let out = '"';
	for (const ch of text) {
		const n = ch.codePointAt(0)!;
		if (ch === '"' || ch === '\\') out += `\\${ch}`;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (n < 0x20 || ch === '<' || ch === '>' || ch === '&' || n === 0x2028 || n === 0x2029) out += `\\u${n.toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return `${out}"`;
}

function hostileLines(): Line[] {
	return [
		...hostileSamples.map(s => ({stream: 'stdout' as const, text: `${s.name}: ${s.text}`})),
		{stream: 'stderr', text: Buffer.concat([Buffer.from('invalid-utf8: '), invalidUtf8])},
	];
}
