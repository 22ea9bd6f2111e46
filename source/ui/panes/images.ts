// The images pane's spec: `crictl images --pinned` as a live table, one row per repo tag.
import {IMAGE_COLUMNS, type ImageColumnKey} from '../../format/columns.js';
import type {ImageRow} from '../../format/rows.js';
import {ownedKey, ownerOf} from '../../state/owner.js';
import type {ListSpec} from '../list-spec.js';

export const imagesSpec: ListSpec<ImageRow, ImageColumnKey, object> = {
	sortPane: 'images',
	columns: () => IMAGE_COLUMNS,
	// Image rows are made once per image list (use-pane-models.ts); the layout depends on the width alone.
	fit: 'width',
	row: r => r,
	key: r => ownedKey(ownerOf(r), r.key),
	noun: () => 'images',
};
