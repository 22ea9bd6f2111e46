// The data half of the logs view: find the file (ContainerStatus.logPath, or
// the previous attempt's), tail it, then follow it. Display (scroll, search,
// filters) is logs-view-state.ts.
import {useEffect, useState} from 'react';
import type {CriClient} from '../wire/cri-client.js';
import type {Container} from '../model/cri-types.js';
import type {LogLine} from '../wire/log-parse.js';
import {followLog, LogFileError} from '../wire/log-reader.js';
import {previousLogCandidates, tailFirst} from '../wire/log-previous.js';
import {followRemote, tailRemote, type NodeLogAccess} from './remote-logs.js';

export type LogsData = {
	phase: 'loading' | 'ready' | 'error';
	lines: LogLine[];
	/** The file being shown ('' until found). */
	path: string;
	/** Why there is nothing to show (phase 'error'). */
	error?: string;
	/** Something worth a line while the log still shows (rotation, a read problem while following). */
	notice?: string;
	/** Lines dropped from the start to stay within maxLines. */
	dropped: number;
	/** Lines read that were in no container-log format (CRI or Docker json-file), never shown. @default 0 */
	rejected?: number;
};

/** The notice for lines that were not shown because they are in no log format. */
export function rejectedNotice(count: number): string {
	return `${count} ${count === 1 ? 'line' : 'lines'} in no container-log format (CRI or Docker json-file) not shown`;
}

/** Maps a runtime's logPath to this machine (--host-root). */
export type ResolvePath = (logPath: string) => string;

/** Where the current log of a container is; rejects with a sentence when the runtime gives no path. */
export async function locateCurrentLog(client: Pick<CriClient, 'containerStatus'>, containerId: string, resolvePath: ResolvePath): Promise<string[]> {
	const {status} = await client.containerStatus(containerId);
	if (!status?.logPath) throw new LogFileError(`the runtime reports no log path for container ${containerId}`, 'not-found', '');
	return [resolvePath(status.logPath)];
}

/** Where the previous attempt's log may be (see log-previous.ts). */
export async function locatePreviousLog(
	client: Pick<CriClient, 'containerStatus'>, container: Container, all: readonly Container[], resolvePath: ResolvePath,
): Promise<string[]> {
	const {status} = await client.containerStatus(container.id);
	if (!status) throw new LogFileError(`container ${container.id} is gone`, 'not-found', '');
	return previousLogCandidates(client, container, status, [...all], resolvePath);
}

export type UseLogsOptions = {
	/** Finds the candidate paths, best first. Called once per mount/key. */
	locate: () => Promise<string[]>;
	/** Changes when a different log is meant (container ID + previous flag). */
	key: string;
	/** @default 200 */
	tail?: number;
	/** The previous attempt's log (`p`): nothing to follow, errors worded for it. @default false */
	previous?: boolean;
	sinceMs?: number;
	/** Most lines kept in memory. @default 10000 */
	maxLines?: number;
	/** @default 250 */
	pollMs?: number;
	/** The container is on another node: its files are read there (over ssh). @default this machine */
	remote?: NodeLogAccess;
};

const initial: LogsData = {phase: 'loading', lines: [], path: '', dropped: 0, rejected: 0};

export function useLogs(options: UseLogsOptions): LogsData {
	const {key, tail = 200, previous = false, sinceMs, maxLines = 10_000, pollMs} = options;
	const [data, setData] = useState<LogsData>(initial);
	const locate = options.locate;

	useEffect(() => {
		let cancelled = false;
		let stop: (() => void) | undefined;
		setData(initial);
		const filter = {sinceMs};
		(async () => {
			try {
				const paths = await locate();
				const {remote} = options;
				if (remote) {
					const got = await tailRemote(remote, paths, tail, filter);
					if (cancelled) return;
					setData({phase: 'ready', lines: got.lines, path: got.path, dropped: 0, rejected: got.rejected, notice: got.rejected > 0 ? rejectedNotice(got.rejected) : undefined});
					if (previous) return;
					const follower = followRemote(remote, got.path, {
						filter,
						onLines: lines => setData(d => {
							const all = d.lines.concat(lines);
							const over = Math.max(0, all.length - maxLines);
							return {...d, lines: over > 0 ? all.slice(over) : all, dropped: d.dropped + over};
						}),
						onError: error => setData(d => ({...d, notice: error.message})),
					});
					stop = follower.stop;
					if (cancelled) follower.stop();
					return;
				}

				const result = await tailFirst(paths, {lines: tail, filter}, previous);
				if (cancelled) return;
				setData({
					phase: 'ready', lines: result.lines, path: result.path, dropped: 0, rejected: result.rejected,
					notice: result.rejected > 0 ? rejectedNotice(result.rejected) : result.scanLimited ? 'only the last 16 MiB were searched for lines' : undefined,
				});
				if (previous) return;
				const follower = followLog(result.path, {
					offset: result.offset, ino: result.ino, filter, pollMs,
					onLines(lines) {
						setData(d => {
							const all = d.lines.concat(lines);
							const over = Math.max(0, all.length - maxLines);
							return {...d, lines: over > 0 ? all.slice(over) : all, dropped: d.dropped + over, notice: d.notice?.startsWith('log rotated') || (d.rejected ?? 0) > 0 ? d.notice : undefined};
						});
					},
					onError: error => setData(d => ({...d, notice: error.message})),
					onRejected: count => setData(d => ({...d, rejected: (d.rejected ?? 0) + count, notice: rejectedNotice((d.rejected ?? 0) + count)})),
					onRotate: how => setData(d => ({...d, notice: `log rotated (${how}); following the new file`})),
				});
				stop = follower.stop;
				if (cancelled) follower.stop();
			} catch (error) {
				if (!cancelled) setData({...initial, phase: 'error', error: error instanceof Error ? error.message : String(error)});
			}
		})();
		return () => {
			cancelled = true;
			stop?.();
		};
		// locate is keyed by `key`: a new function identity for the same log must not re-read it.
	}, [key, tail, previous, sinceMs, maxLines, pollMs]);

	return data;
}
