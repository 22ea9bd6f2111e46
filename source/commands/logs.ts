// `logs ID`: crictl logs — the container's CRI log file read directly (as crictl does), stdout
// lines to stdout and stderr lines to stderr, --tail, --since, -t, -p (previous attempt), -f.
import type {LogLine} from '../wire/log-parse.js';
import {sinceForms, sinceTimeMs, tailCount} from '../wire/log-options.js';
import {followLog, resolveLogPath, tailLog} from '../wire/log-reader.js';
import {previousLogCandidates, tailFirst} from '../wire/log-previous.js';
import {sanitize} from '../format/sanitize.js';
import {resolveIds} from './resolve-id.js';
import {UsageError, type CommandSpec} from './spec.js';

/** --since: a duration back from now (`10s`, `5m`) or an RFC 3339 time. */
function sinceMs(text: string | undefined, now: number): number | undefined {
	if (text === undefined) return undefined;
	const ms = sinceTimeMs(text, now);
	if (ms !== undefined) return ms;
	throw new UsageError(`crisock-tui logs: --since ${JSON.stringify(text)} is neither ${sinceForms.replace(' or ', ' nor ')}`);
}

function tailOf(text: string | undefined): number {
	if (text === undefined) return -1;
	const n = tailCount(text);
	if (n === undefined) throw new UsageError(`crisock-tui logs: --tail ${JSON.stringify(text)} is not a whole number`);
	return n;
}

export const logs: CommandSpec = {
	name: 'logs', usage: 'crisock-tui logs CONTAINER-ID [--tail N] [--since T] [-t] [-p] [-f]',
	summary: 'A container\'s log', args: [1, 1],
	options: {
		tail: {type: 'string'}, since: {type: 'string'}, timestamps: {type: 'boolean', short: 't'},
		previous: {type: 'boolean', short: 'p'}, follow: {type: 'boolean', short: 'f'},
	},
	async run({client, values, positionals, io, hostRoot, now}) {
		const tail = tailOf(values.tail as string | undefined);
		const filter = {sinceMs: sinceMs(values.since as string | undefined, now)};
		const [id] = await resolveIds(client, 'container', positionals);
		const r = await client.containerStatus(id);
		if (!r.status) throw new Error(`the runtime answered no status for container ${id}`);
		if (!r.status.logPath) throw new Error(`container ${id} has no log path: the runtime keeps no log for it`);
		const lines = tail < 0 ? Number.MAX_SAFE_INTEGER : tail;
		const options = {lines, filter, maxScanBytes: tail < 0 ? Number.MAX_SAFE_INTEGER : undefined};
		const resolve = (p: string) => resolveLogPath(p, hostRoot);
		const write = (batch: LogLine[]) => {
			for (const line of batch) {
				const prefix = values.timestamps && line.time ? `${line.time} ` : '';
				// Raw bytes for pipes (scripts want the data); on a terminal, nothing that steers it.
				const text = io.interactive ? sanitize(line.text, {max: 1 << 20}) : line.text;
				if (line.stream === 'stderr') io.warn(`${prefix}${text}\n`);
				else io.write(`${prefix}${text}\n`);
			}
		};

		if (values.previous) {
			const all = (await client.listContainers()).items;
			const current = all.find(c => c.id === id) ?? {id, podSandboxId: '', metadata: r.status.metadata} as never;
			const result = await tailFirst(await previousLogCandidates(client, current, r.status, all, resolve), options);
			write(result.lines);
			return 0;
		}

		const path = resolve(r.status.logPath);
		const result = await tailLog(path, options);
		write(result.lines);
		if (!values.follow) return 0;
		let failed: Error | undefined;
		const follower = followLog(path, {offset: result.offset, ino: result.ino, filter, onLines: write, onError: error => {
			failed = error;
		}});
		await io.untilInterrupted();
		follower.stop();
		if (failed) throw failed;
		return 0;
	},
};
