// `images [REPOSITORY[:TAG]]`: crictl images — sorted by first tag, one row per tag.
import {imageRows} from '../format/rows.js';
import {imageSize} from '../format/size.js';
import type {Image} from '../model/cri-types.js';
import {printedOtherwise, tableId} from './lists.js';
import {protoJson} from './protojson.js';
import {outputOption, type CommandSpec} from './spec.js';
import {renderTable} from './table.js';

/** crictl's imageByRef order. */
function byRef(a: Image, b: Image): number {
	const key = (x: Image, y: Image) => (x.repoTags.length > 0 && y.repoTags.length > 0 ? [x.repoTags[0], y.repoTags[0]]
		: x.repoDigests.length > 0 && y.repoDigests.length > 0 ? [x.repoDigests[0], y.repoDigests[0]] : [x.id, y.id]);
	const [p, q] = key(a, b);
	return p < q ? -1 : p > q ? 1 : 0;
}

/** The runtime's own filter, done here: a name matches a tag, a repository (any tag), a digest or an ID prefix. */
function matches(image: Image, ref: string): boolean {
	const withTag = ref.includes(':') && !ref.includes('@') ? ref : `${ref}:latest`;
	return image.repoTags.some(t => t === ref || t === withTag || t === `docker.io/library/${withTag}` || t === `docker.io/${withTag}`)
		|| image.repoDigests.some(d => d === ref)
		|| image.id.replace(/^sha256:/, '').startsWith(ref.replace(/^sha256:/, ''));
}

export const images: CommandSpec = {
	name: 'images',
	aliases: ['image', 'img'],
	usage: 'crisock-tui images [REPOSITORY[:TAG]] [-q] [--digests] [--pinned] [--no-trunc] [-o json|yaml|table]',
	summary: 'List images',
	args: [0, 1],
	options: {
		...outputOption,
		quiet: {type: 'boolean', short: 'q'},
		digests: {type: 'boolean'},
		pinned: {type: 'boolean'},
		'no-trunc': {type: 'boolean'},
	},
	async run({client, values, positionals, io}) {
		const {items, truncated} = await client.listImages();
		if (truncated) io.warn(`${truncated}\n`);
		const list = items.filter(i => positionals[0] === undefined || matches(i, positionals[0])).sort(byRef);

		if (printedOtherwise(images, values, io, () => protoJson('ListImagesResponse', {images: list}), list.map(i => i.id))) return 0;

		const noTrunc = values['no-trunc'] === true;
		const header = ['IMAGE', 'TAG', ...(values.digests ? ['DIGEST'] : []), 'IMAGE ID', 'SIZE', ...(values.pinned ? ['PINNED'] : [])];
		const rows = list.flatMap(image => {
			const digest = image.repoDigests[0]?.split('@')[1] ?? '<none>';
			return imageRows(image).map(row => [
				row.cells.image, row.cells.tag, ...(values.digests ? [tableId(digest, noTrunc, 'sha256:')] : []),
				tableId(image.id, noTrunc, 'sha256:'), imageSize(image.size), ...(values.pinned ? [String(Boolean(image.pinned))] : []),
			]);
		});
		io.write(renderTable([header, ...rows]));
		return 0;
	},
};
