// What each object offers to the `/` filter (format/filter-query.ts). Made afresh at each look:
// a WeakMap of 10,000 made subjects measured slower than making them (its look-ups and its weight
// on every young-generation GC), so the filter memo (filter-memo.ts) is what spares the work.
import type {FilterSubject} from '../format/filter-query.js';
import {containerStateText, podStateText, POD_NAME_LABEL, POD_NAMESPACE_LABEL} from '../format/rows.js';
import type {Container, Image, PodSandbox} from '../model/cri-types.js';

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
