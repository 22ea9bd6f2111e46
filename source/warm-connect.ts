// Connect before the first render: the channel's handshake and the first
// calls overlap ink's first frame. Version, Status and the three lists go out
// together; the dashboard's first connect() takes this client, and the
// poller's first calls (unfiltered, not verbose) take these answers, so the
// first live frame waits one round trip, not two. A failure reaches the
// poller exactly as a fresh call's would.
import type {CriClient} from './wire/cri-client.js';
import {CriError} from './wire/errors.js';

export type Connect = (runtime: string, image: string) => CriClient;

/** A call made now whose answer the first later call takes; an early call that failed (e.g. its deadline passed during the first render) is asked again. */
function early<T>(call: () => Promise<T>): () => Promise<T> {
	let first: Promise<T> | undefined = call();
	first.catch(() => undefined);
	return () => {
		if (!first) return call();
		const answer = first;
		first = undefined;
		return answer.catch(() => call());
	};
}

/** `connect`, whose first call for (runtime, image) answers the client already started here. */
export function warmConnect(connect: Connect, runtime: string, image: string, warmUp: boolean): Connect {
	let warm: CriClient | undefined;
	if (warmUp) {
		const client = connect(runtime, image);
		// The first render blocks the event loop; on a machine that busy (load 20 on 2 cores) the
		// deadline can fire before the waiting answer is read. A deadline here is asked once more,
		// with the loop free; any other failure reaches the poller as it is.
		const version = client.version().catch((error: unknown) => {
			if (error instanceof CriError && error.code === 'deadline') return client.version();
			throw error;
		});
		version.catch(() => undefined);
		const [status, pods, containers, images] = [early(() => client.status(false)), early(() => client.listPodSandbox()), early(() => client.listContainers()), early(() => client.listImages())];
		warm = {
			...client,
			version: () => version,
			status: verbose => (verbose ? client.status(verbose) : status()),
			listPodSandbox: filter => (filter ? client.listPodSandbox(filter) : pods()),
			listContainers: filter => (filter ? client.listContainers(filter) : containers()),
			listImages: () => images(),
		};
	}

	return (r, i) => {
		const client = warm;
		warm = undefined;
		if (client && r === runtime && i === image) return client;
		client?.close();
		return connect(r, i);
	};
}
