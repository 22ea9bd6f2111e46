// IDs as crictl prints them: the first 13 characters (crictl's truncatedIDLen),
// image IDs without their `sha256:` prefix, so they match `crictl images`.

/** Characters crictl keeps of an ID in its tables. */
export const SHORT_ID_LENGTH = 13;

const digestPrefix = /^sha256:/;

/** `3f2a8b9c1d0e4…` → first 13 chars; a `sha256:` prefix is dropped first. */
export function shortId(id: string): string {
	return id.replace(digestPrefix, '').slice(0, SHORT_ID_LENGTH);
}

/** The whole ID, for actions and the detail view (never shortened). */
export function fullId(id: string): string {
	return id;
}

/** True for `sha256:<64 hex>` or a bare 64-hex ID (CRI-O's image IDs). */
export function isImageIdLike(ref: string): boolean {
	return /^(?:sha256:)?[a-f0-9]{64}$/.test(ref);
}
