// Everything the crash-triage view shows about one container, fetched once
// when it opens: status (state, exit code, reason, message, times, attempt),
// the last lines of the current log and of the previous attempt's log.
import {useEffect, useState} from 'react';
import type {CriClient} from '../wire/cri-client.js';
import type {LogLine} from '../wire/log-parse.js';
import {tailFirst} from '../wire/log-previous.js';
import type {Container, ContainerStatus} from '../model/cri-types.js';
import {locateCurrentLog, locatePreviousLog, type ResolvePath} from './use-logs.js';

export type LogExcerpt = {lines: LogLine[]; path: string; error?: string};

export type TriageData =
	| {phase: 'loading'}
	| {phase: 'error'; message: string}
	| {phase: 'ready'; status: ContainerStatus; current: LogExcerpt; previous: LogExcerpt | null};

/** Lines of each log shown. @default 20 */
export const triageTail = 20;

async function excerpt(locate: () => Promise<string[]>, previous: boolean): Promise<LogExcerpt> {
	try {
		const result = await tailFirst(await locate(), {lines: triageTail}, previous);
		return {lines: result.lines, path: result.path};
	} catch (error) {
		return {lines: [], path: '', error: error instanceof Error ? error.message : String(error)};
	}
}

export async function fetchTriage(
	client: Pick<CriClient, 'containerStatus'>, containerId: string, containers: readonly Container[], resolvePath: ResolvePath,
): Promise<TriageData> {
	try {
		const {status} = await client.containerStatus(containerId);
		if (!status) return {phase: 'error', message: `container ${containerId} is gone`};
		const listed = containers.find(c => c.id === containerId)
			?? {id: containerId, podSandboxId: '', metadata: status.metadata} as Container;
		const attempt = status.metadata?.attempt ?? 0;
		const [current, previous] = await Promise.all([
			excerpt(() => locateCurrentLog(client, containerId, resolvePath), false),
			attempt > 0 || containers.some(c => c.podSandboxId === listed.podSandboxId && c.metadata?.name === listed.metadata?.name && c.id !== containerId)
				? excerpt(() => locatePreviousLog(client, listed, containers, resolvePath), true)
				: Promise.resolve(null),
		]);
		return {phase: 'ready', status, current, previous};
	} catch (error) {
		return {phase: 'error', message: error instanceof Error ? error.message : String(error)};
	}
}

export function useTriage(client: CriClient | null, containerId: string, containers: readonly Container[], resolvePath: ResolvePath): TriageData {
	const [data, setData] = useState<TriageData>({phase: 'loading'});
	useEffect(() => {
		let cancelled = false;
		if (!client) {
			setData({phase: 'error', message: 'not connected to the runtime'});
			return;
		}

		void fetchTriage(client, containerId, containers, resolvePath).then(d => {
			if (!cancelled) setData(d);
		});
		return () => {
			cancelled = true;
		};
		// Fetched once per container: later refreshes must not reset what is being read.
	}, [client, containerId]);
	return data;
}
