// The strings and objects the list decoders share between items and answers (list-decode.ts): at
// 10,000 containers the same few label keys, namespaces, pod IDs, images and names repeat, and one
// object each instead of a copy per container keeps ~1.5 MB of strings and ~20,000 objects out of
// the heap. Nothing changes a listed object in place (new answers and events make new ones), so
// sharing is safe.
import type {ImageSpec, StringMap} from '../model/cri-types.js';

/**
 * One string object for each repeated label key and value, pod ID, name, UID and namespace, image
 * reference and container name: 10,000 containers repeat the same few keys and namespaces, their
 * pods' IDs, a few hundred images (each spec's image too: ~1 MB of copies at 10,000) and their
 * pods' container names.
 * Bounded: cleared when it grows past 50,000 strings.
 */
const interned = new Map<string, string>();
export function intern(text: string): string {
	const known = interned.get(text);
	if (known !== undefined) return known;
	if (interned.size >= 50_000) {
		interned.clear();
		sharedSpecs.clear();
		sharedMetadata.clear();
	}
	interned.set(text, text);
	return text;
}

/**
 * The annotations of every listed container, pod and image spec while they are dropped: one
 * frozen empty map instead of two new ones per container (20,000 objects at 10,000 containers).
 */
export const noAnnotations = Object.freeze({}) as StringMap;

/**
 * The image specs and container metadata already made while annotations are dropped, by image /
 * name: containers of one image share one spec object, and of one name and attempt one metadata
 * object (at 10,000 containers ~20,000 objects fewer). Nothing changes a listed object in place
 * (new answers and events make new ones). Cleared with the interned strings.
 */
const sharedSpecs = new Map<string, ImageSpec[]>();
const sharedMetadata = new Map<string, Array<{name: string; attempt: number}>>();
/** Variants kept per image or name (each looked up by a scan): a runtime sending endless ones gets its own objects. */
const sharedPerKey = 8;

export function sharedSpec(spec: ImageSpec): ImageSpec {
	const same = sharedSpecs.get(spec.image);
	const known = same?.find(s => s.userSpecifiedImage === spec.userSpecifiedImage && s.runtimeHandler === spec.runtimeHandler && s.imageRef === spec.imageRef);
	if (known) return known;
	if (!same) sharedSpecs.set(spec.image, [spec]);
	else if (same.length < sharedPerKey) same.push(spec);
	return spec;
}

export function sharedMeta(metadata: {name: string; attempt: number}): {name: string; attempt: number} {
	const same = sharedMetadata.get(metadata.name);
	const known = same?.find(m => m.attempt === metadata.attempt);
	if (known) return known;
	if (!same) sharedMetadata.set(metadata.name, [metadata]);
	else if (same.length < sharedPerKey) same.push(metadata);
	return metadata;
}
