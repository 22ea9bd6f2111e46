// A map by key of a list, made on its first use. usePaneModels offers every container by ID
// (events naming, a key's check of the selected row), yet at 10,000 containers each poll that
// changed one container built a 10,000-entry map that nothing read unless the events pane or such
// a key asked for it.

/** A ReadonlyMap of `list` by `keyOf` (a repeated key: the last item, as `new Map(entries)` does), built when first read. */
export class LazyMap<K, V> implements ReadonlyMap<K, V> {
	#map: Map<K, V> | undefined;

	constructor(
		private readonly list: readonly V[],
		private readonly keyOf: (item: V) => K,
	) {}

	get size(): number {
		return this.map().size;
	}

	get(key: K): V | undefined {
		return this.map().get(key);
	}

	has(key: K): boolean {
		return this.map().has(key);
	}

	forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
		for (const [key, value] of this.map()) fn.call(thisArg, value, key, this);
	}

	entries(): MapIterator<[K, V]> {
		return this.map().entries();
	}

	keys(): MapIterator<K> {
		return this.map().keys();
	}

	values(): MapIterator<V> {
		return this.map().values();
	}

	[Symbol.iterator](): MapIterator<[K, V]> {
		return this.map()[Symbol.iterator]();
	}

	private map(): Map<K, V> {
		if (!this.#map) {
			const map = new Map<K, V>();
			for (const item of this.list) map.set(this.keyOf(item), item);
			this.#map = map;
		}
		return this.#map;
	}
}
