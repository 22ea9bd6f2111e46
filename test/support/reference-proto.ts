// The one place tests find the upstream CRI runtime.v1 proto: $CRISOCK_CRI_PROTO if set, else
// ../shared/reference/cri-api-runtime-v1.proto beside the repository (where CI clones it). A
// missing reference fails the test that needs it, with where it was looked for; it is never
// skipped.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the reference is looked for. */
export const referenceProtoPath = process.env.CRISOCK_CRI_PROTO || path.resolve(repoRoot, '..', 'shared', 'reference', 'cri-api-runtime-v1.proto');

/** The reference's path; throws a sentence saying where it was looked for when it is not there. */
export function referenceProto(): string {
	if (!existsSync(referenceProtoPath)) {
		throw new Error(`the upstream CRI proto is not at ${referenceProtoPath}: put shared/reference/ beside the repository, or point CRISOCK_CRI_PROTO at cri-api-runtime-v1.proto`);
	}
	return referenceProtoPath;
}
