// Feeds the health view: the poller's lists and conditions, plus what they lack — the
// ContainerStatus of exited and unknown containers (exit code, reason; kept, they do not change)
// and ImageFsInfo (asked again at most every 10 s).
import {useEffect, useMemo, useRef, useState} from 'react';
import type {ContainerStatus, FilesystemUsage} from '../model/cri-types.js';
import {useNodeActions, useNodeState} from './contexts.js';
import {nodeHealth, type HealthItem} from './node-health.js';

/** Most status calls per refresh: a node with hundreds of exited containers must not stall. */
const maxStatusCalls = 40;

export function useHealth(): {items: HealthItem[]; note?: string} {
	const {data} = useNodeState();
	const actions = useNodeActions();
	const statuses = useRef(new Map<string, ContainerStatus>());
	const [version, setVersion] = useState(0);
	const [imageFs, setImageFs] = useState<{list: FilesystemUsage[]; at: number; error?: string}>({list: [], at: 0});

	useEffect(() => {
		const client = actions.client();
		if (!client) return;
		let cancelled = false;
		const wanted = data.containers
			.filter(c => (c.state === 'CONTAINER_EXITED' || c.state === 'CONTAINER_UNKNOWN') && !statuses.current.has(c.id))
			.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
			.slice(0, maxStatusCalls);
		void Promise.allSettled(wanted.map(async c => {
			const r = await client.containerStatus(c.id);
			if (r.status) statuses.current.set(c.id, r.status);
		})).then(() => {
			if (!cancelled && wanted.length > 0) setVersion(v => v + 1);
		});
		if (Date.now() - imageFs.at > 10_000) {
			client.imageFsInfo().then(
				r => !cancelled && setImageFs({list: r.imageFilesystems, at: Date.now()}),
				(error: Error) => !cancelled && setImageFs({list: [], at: Date.now(), error: error.message}),
			);
		}

		return () => {
			cancelled = true;
		};
		// Once per refresh of the lists (imageFs.at is read, not watched).
	}, [data.containers, actions]);

	const items = useMemo(() => nodeHealth({
		conditions: data.status?.status?.conditions ?? [],
		containers: data.containers,
		pods: data.pods,
		statuses: statuses.current,
		imageFilesystems: imageFs.list,
		now: data.lastRefresh ?? Date.now(),
	}), [data.status, data.containers, data.pods, data.lastRefresh, imageFs, version]);
	return {items, note: imageFs.error ? `ImageFsInfo: ${imageFs.error}` : undefined};
}
