// Where the log of the previous attempt of a container lives (`p`, like
// `crictl logs -p`). crictl takes the file beside the current one named after
// attempt N-1 (the kubelet's `<dir>/<name>/<attempt>.log` pattern); when the
// exited previous container is still listed, its own logPath is a second
// place to look (runtimes that do not follow the pattern, or a file renamed).
import type {CriClient} from './cri-client.js';
import type {Container, ContainerStatus} from '../model/cri-types.js';
import {describeLogError, LogFileError, tailLog, type TailOptions, type TailResult} from './log-reader.js';

/** `/x/name/3.log` at attempt 3 → `/x/name/2.log`; undefined at attempt 0 or for other shapes. */
export function previousAttemptPath(logPath: string, attempt: number): string | undefined {
	if (attempt <= 0 || logPath === '') return undefined;
	const slash = logPath.lastIndexOf('/');
	const ext = logPath.lastIndexOf('.log');
	if (ext <= slash) return undefined;
	return `${logPath.slice(0, slash + 1)}${attempt - 1}${logPath.slice(ext)}`;
}

/** The container of the same pod and name with attempt N-1 (or the latest earlier attempt still listed). */
export function findPreviousContainer(current: Container, all: Container[]): Container | undefined {
	const name = current.metadata?.name;
	const attempt = current.metadata?.attempt ?? 0;
	if (name === undefined) return undefined;
	const earlier = all
		.filter(c => c.id !== current.id && c.podSandboxId === current.podSandboxId && c.metadata?.name === name
			&& (c.metadata?.attempt ?? 0) < attempt)
		.sort((a, b) => (b.metadata?.attempt ?? 0) - (a.metadata?.attempt ?? 0));
	return earlier[0];
}

/** Every place the previous attempt's log may be, best first, already resolved for this machine. */
export async function previousLogCandidates(
	client: Pick<CriClient, 'containerStatus'>,
	current: Container,
	status: ContainerStatus,
	all: Container[],
	resolvePath: (logPath: string) => string = p => p,
): Promise<string[]> {
	const paths: string[] = [];
	const byPattern = previousAttemptPath(status.logPath, status.metadata?.attempt ?? current.metadata?.attempt ?? 0);
	if (byPattern) paths.push(resolvePath(byPattern));
	const previous = findPreviousContainer(current, all);
	if (previous) {
		const logPath = await client.containerStatus(previous.id).then(r => r.status?.logPath ?? '', () => '');
		if (logPath && !paths.includes(resolvePath(logPath))) paths.push(resolvePath(logPath));
	}

	return paths;
}

/** Tails the first candidate that exists; the error names every place looked at. `previous` words the errors for `p`. */
export async function tailFirst(paths: string[], options: TailOptions, previous = true): Promise<TailResult & {path: string}> {
	if (paths.length === 0) {
		throw new LogFileError('no previous attempt: the container has not restarted (attempt 0) and no earlier instance is listed', 'not-found', '');
	}

	const missing: string[] = [];
	for (const path of paths) {
		try {
			return {...await tailLog(path, options), path};
		} catch (error) {
			const described = error instanceof LogFileError ? error : await describeLogError(error, path);
			if (described.code !== 'not-found' || (!previous && paths.length === 1)) throw described;
			missing.push(path);
		}
	}

	throw new LogFileError(`no log of the previous attempt: looked at ${missing.join(' and ')} (the runtime may have removed it)`, 'not-found', missing[0]);
}
