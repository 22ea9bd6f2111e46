// What the stop and remove questions say, and the crictl line of each: pure
// text, so the dialogs (whichever component shows them) say exactly what the
// action does on this runtime.
import type {Container, Image, PodSandbox} from '../model/cri-types.js';
import {crictlRm, crictlRmi, crictlRmp, crictlStop, crictlStopp, type CrictlTarget} from './crictl.js';
import {shortId} from './ids.js';
import {sanitize} from './sanitize.js';

/** What the question is about: kind and FULL ID (the row captured when it opened). */
export type ActionSubject = {kind: 'pod' | 'container' | 'image'; id: string; name: string};

/**
 * Grace period given to the runtime when stopping a container, seconds: the
 * kubelet's default is 30, crictl's 0; 10 lets an app flush without making
 * the person wait long.
 */
export const STOP_GRACE_SECONDS = 10;

/** Labels the kubelet puts on what it manages (crictl takes POD and NAMESPACE from them). */
export function kubeletManaged(labels: Readonly<Record<string, string>> | undefined): boolean {
	return Object.keys(labels ?? {}).some(key => key.startsWith('io.kubernetes.'));
}

/** `crictl stop --timeout 10 ID` / `crictl stopp ID`. */
export function stopCrictl(t: CrictlTarget, subject: ActionSubject): string {
	return subject.kind === 'pod' ? crictlStopp(t, subject.id) : crictlStop(t, subject.id, STOP_GRACE_SECONDS);
}

/** What happens after a stop, one sentence a line. */
export function stopNotes(subject: ActionSubject, labels: Readonly<Record<string, string>> | undefined): string[] {
	const managed = kubeletManaged(labels);
	if (subject.kind === 'pod') {
		return [
			'every container of the pod is stopped and its network torn down',
			...(managed ? ['the kubelet manages this pod (io.kubernetes.* labels): it will recreate the pod sandbox; delete the pod with kubectl to stop it for good'] : []),
		];
	}

	return [
		`the runtime sends the stop signal, then kills it after ${STOP_GRACE_SECONDS} s`,
		...(managed ? ['the kubelet manages this container (io.kubernetes.* labels): it will restart it as the pod\'s restartPolicy says'] : []),
	];
}

/** `crictl rm [-f] ID` / `crictl rmp ID` / `crictl rmi ID`. */
export function removeCrictl(t: CrictlTarget, subject: ActionSubject, containers: readonly Container[]): string {
	if (subject.kind === 'pod') return crictlRmp(t, subject.id);
	if (subject.kind === 'image') return crictlRmi(t, subject.id);
	const running = containers.find(c => c.id === subject.id)?.state === 'CONTAINER_RUNNING';
	return crictlRm(t, subject.id, {running});
}

/** Containers whose image is this image (by ID, ref or name). */
export function containersUsingImage(imageId: string, containers: readonly Container[]): Container[] {
	const bare = imageId.replace(/^sha256:/, '');
	return containers.filter(c => [c.imageRef, c.imageId, c.image?.image ?? ''].some(ref =>
		ref !== '' && (ref === imageId || ref.replace(/^(docker:\/\/)?sha256:/, '') === bare)));
}

const list = (items: readonly string[], max = 5) =>
	`${items.slice(0, max).join(', ')}${items.length > max ? `, … (${items.length} in all)` : ''}`;

/** What else goes with a remove, one sentence a line. */
export function removeNotes(
	subject: ActionSubject,
	data: {containers: readonly Container[]; pods?: readonly PodSandbox[]; images?: readonly Image[]},
): string[] {
	const {containers} = data;
	if (subject.kind === 'container') {
		const c = containers.find(x => x.id === subject.id);
		const running = c?.state === 'CONTAINER_RUNNING' ? ['it is running: the runtime stops it first (crictl rm -f)'] : [];
		return [...running, 'then its log file and its rotations are deleted, as crictl rm does (containerd and CRI-O keep them)'];
	}

	if (subject.kind === 'pod') {
		const n = containers.filter(c => c.podSandboxId === subject.id).length;
		return [`its ${n} container${n === 1 ? '' : 's'} go${n === 1 ? 'es' : ''} too; a running pod is stopped first; the runtime keeps or deletes their log files as it does (crictl rmp does not delete them)`];
	}

	const image = data.images?.find(i => i.id === subject.id);
	const tags = (image?.repoTags ?? []).map(t => sanitize(t));
	const notes = [tags.length === 0
		? 'the untagged image goes'
		: `the image goes with ${tags.length === 1 ? 'its tag' : `all ${tags.length} tags`}: ${list(tags)}`];
	const users = containersUsingImage(subject.id, containers);
	notes.push(users.length === 0
		? 'no container uses it'
		: `used by ${users.length} container${users.length === 1 ? '' : 's'}: ${list(users.map(c => `${sanitize(c.metadata?.name ?? '')} (${shortId(c.id)})`))} — the runtime may refuse while they exist`);
	return notes;
}
