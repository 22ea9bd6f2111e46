// What each object offers to the `/` filter (format/filter-query.ts), made once per object:
// the wire layer keeps unchanged objects, so a filter keystroke at 10,000 containers is one
// string search per object, not six lower-cased copies of its fields.
import {subjectText, type FilterSubject} from '../format/filter-query.js';
import {containerStateText, podStateText, POD_NAME_LABEL, POD_NAMESPACE_LABEL} from '../format/rows.js';
import type {Container, Image, PodSandbox} from '../model/cri-types.js';
import {ownedKey, ownerOf} from './owner.js';

/** What a pod offers to the `/` filter (format/filter-query.ts). */
export function podSubject(pod: PodSandbox): FilterSubject {
	const name = (pod.metadata?.name ?? '').toLowerCase();
	return {
		id: pod.id.toLowerCase(),
		name,
		namespace: (pod.metadata?.namespace ?? '').toLowerCase(),
		pod: name,
		state: `${podStateText(pod.state)} ${pod.state}`.toLowerCase(),
		image: '',
		labels: pod.labels,
	};
}

/** What a container offers: POD and NAMESPACE as crictl takes them (kubelet labels, else the pod). */
export function containerSubject(c: Container, pod?: PodSandbox): FilterSubject {
	const labels = c.labels ?? {};
	return {
		id: c.id.toLowerCase(),
		name: (c.metadata?.name ?? '').toLowerCase(),
		namespace: (labels[POD_NAMESPACE_LABEL] ?? pod?.metadata?.namespace ?? '').toLowerCase(),
		pod: (labels[POD_NAME_LABEL] ?? pod?.metadata?.name ?? '').toLowerCase(),
		state: `${containerStateText(c.state)} ${c.state}`.toLowerCase(),
		image: `${c.image?.image ?? ''} ${c.imageRef}`.toLowerCase(),
		labels,
	};
}

/** What an image offers: its tags as name and image, digests as image, no labels. */
export function imageSubject(image: Image): FilterSubject {
	const tags = image.repoTags.join(' ').toLowerCase();
	return {
		id: image.id.toLowerCase(),
		name: tags,
		namespace: '',
		pod: '',
		state: image.pinned ? 'pinned' : '',
		image: `${tags} ${image.repoDigests.join(' ')}`.toLowerCase(),
	};
}

const podSubjects = new WeakMap<PodSandbox, FilterSubject>();
const imageSubjects = new WeakMap<Image, FilterSubject>();
/** A container's subject and the pod it was made with (undefined when the kubelet's labels name both). */
const containerSubjects = new WeakMap<Container, {pod: PodSandbox | undefined; subject: FilterSubject}>();

const searchable = (subject: FilterSubject): FilterSubject => ({...subject, all: subjectText(subject)});

export function cachedPodSubject(pod: PodSandbox): FilterSubject {
	let subject = podSubjects.get(pod);
	if (!subject) podSubjects.set(pod, subject = searchable(podSubject(pod)));
	return subject;
}

export function cachedImageSubject(image: Image): FilterSubject {
	let subject = imageSubjects.get(image);
	if (!subject) imageSubjects.set(image, subject = searchable(imageSubject(image)));
	return subject;
}

export function cachedContainerSubject(c: Container, podsById: ReadonlyMap<string, PodSandbox> | undefined): FilterSubject {
	const labels = c.labels;
	// containerSubject reads the pod only where a kubelet label is missing.
	const pod = labels?.[POD_NAME_LABEL] == null || labels[POD_NAMESPACE_LABEL] == null ? podsById?.get(ownedKey(ownerOf(c), c.podSandboxId)) : undefined;
	const known = containerSubjects.get(c);
	if (known && known.pod === pod) return known.subject;
	const subject = searchable(containerSubject(c, pod));
	containerSubjects.set(c, {pod, subject});
	return subject;
}

