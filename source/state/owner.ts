// Which endpoint an object on screen belongs to. With several endpoints at once,
// IDs can collide across nodes (two simulated nodes, a cloned VM), so every row,
// selection and action is keyed by endpoint + ID. The merged lists hold copies
// of each endpoint's objects, made once per changed object (the wire layer keeps
// unchanged objects), and a WeakMap says whose each copy is: the CRI types stay
// as they are and nothing is kept once an object leaves the lists.

const owners = new WeakMap<object, string>();

/** The endpoint key of a merged object; undefined on a one-endpoint screen. */
export function ownerOf(item: object): string | undefined {
	return owners.get(item);
}

/** Marks `item` as `owner`'s (a fresh object made for the screen, e.g. an image row). */
export function adopt<T extends object>(item: T, owner: string | undefined): T {
	if (owner !== undefined) owners.set(item, owner);
	return item;
}

/** A row's key: the ID alone with one endpoint (as before), endpoint + ID with several. */
export function ownedKey(owner: string | undefined, id: string): string {
	return owner === undefined ? id : `${owner}|${id}`;
}

/** The key of an object by its own ID. */
export const keyOfOwned = (item: {id: string}): string => ownedKey(ownerOf(item), item.id);

/**
 * Copies one endpoint's lists into owned objects, keeping the copies of
 * unchanged objects (and the same array for an unchanged list), so a refresh
 * of one endpoint does not re-render the others' rows.
 */
export function createTagger(owner: string) {
	const copies = new WeakMap<object, object>();
	const lists = new WeakMap<readonly object[], readonly object[]>();
	return function tag<T extends object>(list: readonly T[]): readonly T[] {
		const known = lists.get(list);
		if (known) return known as readonly T[];
		const out = list.map(item => {
			let copy = copies.get(item) as T | undefined;
			if (!copy) {
				copy = adopt({...item}, owner);
				copies.set(item, copy);
			}

			return copy;
		});
		lists.set(list, out);
		return out;
	};
}

/** The objects of one endpoint (all of them when `endpoint` is undefined: one endpoint on screen). */
export function ownedBy<T extends object>(list: readonly T[], endpoint: string | undefined): readonly T[] {
	return endpoint === undefined ? list : list.filter(item => ownerOf(item) === endpoint);
}

/** The lists of the endpoint that owns `target` (all of them on a one-endpoint screen). */
export function listsOf<L extends {containers: readonly object[]; pods?: readonly object[]; images?: readonly object[]}>(lists: L, endpoint: string | undefined): L {
	if (endpoint === undefined) return lists;
	return {
		...lists,
		containers: ownedBy(lists.containers, endpoint),
		...(lists.pods ? {pods: ownedBy(lists.pods, endpoint)} : {}),
		...(lists.images ? {images: ownedBy(lists.images, endpoint)} : {}),
	};
}
