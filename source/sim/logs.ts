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
		writeFileSync(target, '');
		if (target !== fullPath && !existsSync(fullPath)) symlinkSync(target, fullPath);
		const end = c.state === 'CONTAINER_EXITED' ? c.finishedAt : now;
		const count = rng.int(6, 14);
		const step = (end - c.startedAt) / BigInt(count + 1);
		const lines: Array<[bigint, Line]> = [];
		for (let i = 1; i <= count; i++) lines.push([c.startedAt + step * BigInt(i) + BigInt(rng.int(0, 999)), this.nextLine(c, state)]);
		if (c.hostile) lines.push(...hostileLines().map((l, i) => [end - BigInt(100 - i), l] as [bigint, Line]));
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

	private nextLine(c: SimContainer, state: LogState): Line {
		state.seq++;
		const phrase = state.rng.pick(logPhrases).replace('%n', String(state.seq));
		return {stream: phrase.includes('error') || phrase.includes('warn') ? 'stderr' : 'stdout', text: `${c.name}: ${phrase}`};
	}

	private write(state: LogState, lines: Array<[bigint, Line]>) {
		const chunks = lines.map(([ns, line]) => (this.spec.logs === 'docker-json' ? dockerJson(ns, line) : criLine(ns, line)));
		appendFileSync(state.target, Buffer.concat(chunks));
	}
}

function criLine(ns: bigint, line: Line): Buffer {
	return Buffer.concat([Buffer.from(`${rfc3339Nano(ns)} ${line.stream} ${line.partial ? 'P' : 'F'} `), Buffer.from(line.text), Buffer.from('\n')]);
}

function dockerJson(ns: bigint, line: Line): Buffer {
	// Docker's encoder turns invalid UTF-8 into U+FFFD, as toString does.
	const text = typeof line.text === 'string' ? line.text : line.text.toString('utf8');
	return Buffer.from(`${JSON.stringify({log: line.partial ? text : `${text}\n`, stream: line.stream, time: rfc3339Nano(ns)})}\n`);
}

function hostileLines(): Line[] {
	return [
		...hostileSamples.map(s => ({stream: 'stdout' as const, text: `${s.name}: ${s.text}`})),
		{stream: 'stderr', text: Buffer.concat([Buffer.from('invalid-utf8: '), invalidUtf8])},
	];
}
