// Words for one CRI call in the RPC trace: the request's key fields on one line, and the
// crictl command that makes the same call. Pure.
import {
	crictlCmd, crictlEvents, crictlExec, crictlImages, crictlInfo, crictlInspect, crictlInspecti, crictlInspectp,
	crictlPods, crictlPs, crictlRm, crictlRmi, crictlRmp, crictlStats, crictlStatsp, crictlStop, crictlStopp,
	crictlVersion, type CrictlTarget,
} from './crictl.js';
import {sanitize} from './sanitize.js';

type Request = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const at = (r: Request, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Request)[k] : undefined), r);

/** The request's set fields as `key=value` words, IDs shortened to 13 characters; `{}` for an empty request. */
export function requestSummary(request: object): string {
	const words: string[] = [];
	const walk = (value: unknown, path: string) => {
		if (value === undefined || value === null || value === '' || value === false) return;
		if (Array.isArray(value)) {
			if (value.length > 0) words.push(`${path}=${value.map(v => String(v)).join(' ')}`);
		} else if (Buffer.isBuffer(value)) {
			words.push(`${path}=${value.length}B`);
		} else if (typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
		} else {
			const text = String(value);
			words.push(`${path}=${/^(sha256:)?[a-f0-9]{64}$/.test(text) ? text.replace(/^sha256:/, '').slice(0, 13) : text}`);
		}
	};
	walk(request, '');
	return sanitize(words.length > 0 ? words.join(' ') : '{}', {max: 200});
}

/** The crictl command that makes the same call, or '' when crictl has none. */
export function crictlForCall(method: string, request: object, t: CrictlTarget): string {
	const r = request as Request;
	const containerId = str(r.containerId);
	const podId = str(r.podSandboxId);
	switch (method) {
		case 'Version': return crictlVersion(t);
		case 'Status': return crictlInfo(t);
		case 'ListContainers': case 'StreamContainers': {
			const running = at(r, 'filter', 'state', 'state') === 'CONTAINER_RUNNING';
			return crictlPs(t, {all: !running, podId: str(at(r, 'filter', 'podSandboxId')) || undefined});
		}
		case 'ListPodSandbox': case 'StreamPodSandboxes': return crictlPods(t);
		case 'ListImages': case 'StreamImages': return crictlImages(t);
		case 'ContainerStatus': return crictlInspect(t, containerId);
		case 'PodSandboxStatus': return crictlInspectp(t, podId);
		case 'ImageStatus': return crictlInspecti(t, str(at(r, 'image', 'image')));
		case 'ImageFsInfo': return crictlCmd(t, 'imagefsinfo');
		case 'ListContainerStats': case 'ContainerStats': return crictlStats(t);
		case 'ListPodSandboxStats': case 'PodSandboxStats': return crictlStatsp(t);
		case 'StopContainer': return crictlStop(t, containerId, Number(r.timeout ?? 0));
		case 'StopPodSandbox': return crictlStopp(t, podId);
		case 'RemoveContainer': return crictlRm(t, containerId);
		case 'RemovePodSandbox': return crictlRmp(t, podId);
		case 'RemoveImage': return crictlRmi(t, str(at(r, 'image', 'image')));
		case 'ExecSync': return crictlExec(t, containerId, Array.isArray(r.cmd) ? r.cmd.map(String) : []);
		case 'Exec': return crictlCmd(t, 'exec', '-it', containerId.slice(0, 13), ...(Array.isArray(r.cmd) ? r.cmd.map(String) : []));
		case 'GetContainerEvents': return crictlEvents(t);
		default: return '';
	}
}
