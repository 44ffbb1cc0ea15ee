// IndexedMap<K, V>: a StateMap whose secondary indexes (KeySets) are kept in step on every set and delete. An index
// derives zero or one index key from each entry; the index key should contain the primary key (e.g. (validator,
// delegator) for a map keyed (delegator, validator)) so it is unique. Several maps may share one index KeySet (e.g.
// one unlock queue for two kinds of record) when their index keys cannot collide.
//
// Keeping an index in step needs the entry's previous value. Callers that just read it pass it as `prev` (null = known
// absent) to spare a second read, so gas stays what a hand-written keeper charged.
import { sameKey } from './keys.js';
import { KeySet } from './keyset.js';
import { StateMap } from './map.js';
import type { Entry } from '../types.js';
import type { PrefixOf, Range } from './range.js';
import type { StoreSource } from './source.js';

export interface Index<K, V, IK> {
  readonly set: KeySet<IK>;
  /** The entry's index key, or undefined when the entry is not in this index. */
  keyOf(k: K, v: V): IK | undefined;
}

export function index<K, V, IK>(set: KeySet<IK>, keyOf: (k: K, v: V) => IK | undefined): Index<K, V, IK> {
  return { set, keyOf };
}

export class IndexedMap<K, V> {
  constructor(
    readonly map: StateMap<K, V>,
    readonly indexes: readonly Index<K, V, any>[],
  ) {}

  get name(): string {
    return this.map.name;
  }
  get(src: StoreSource, k: K): V | undefined {
    return this.map.get(src, k);
  }
  mustGet(src: StoreSource, k: K, onMissing?: () => Error): V {
    return this.map.mustGet(src, k, onMissing);
  }
  has(src: StoreSource, k: K): boolean {
    return this.map.has(src, k);
  }
  entries(src: StoreSource, r?: Range<K>) {
    return this.map.entries(src, r);
  }
  keys(src: StoreSource, r?: Range<K>) {
    return this.map.keys(src, r);
  }
  values(src: StoreSource, r?: Range<K>) {
    return this.map.values(src, r);
  }
  /** Reading for paginate(): as StateMap.store / entry. */
  store(src: StoreSource, under?: PrefixOf<K> | K) {
    return this.map.store(src, under);
  }
  entry(e: Entry, under?: PrefixOf<K> | K) {
    return this.map.entry(e, under);
  }

  /** Stores `v` and moves its index entries. `prev`: the value stored now (null: none), if the caller has it. */
  set(src: StoreSource, k: K, v: V, prev?: V | null): void {
    const old = prev === undefined ? this.map.get(src, k) : (prev ?? undefined);
    for (const ix of this.indexes) {
      const before = old === undefined ? undefined : ix.keyOf(k, old);
      const after = ix.keyOf(k, v);
      if (before !== undefined && after !== undefined && sameKey(ix.set.key, before, after)) continue;
      if (before !== undefined) ix.set.delete(src, before);
      if (after !== undefined) ix.set.add(src, after);
    }
    this.map.set(src, k, v);
  }

  /** Deletes the entry and its index entries (nothing when absent). `prev` as in set. */
  delete(src: StoreSource, k: K, prev?: V | null): void {
    const old = prev === undefined ? this.map.get(src, k) : (prev ?? undefined);
    if (old === undefined) return;
    for (const ix of this.indexes) {
      const ik = ix.keyOf(k, old);
      if (ik !== undefined) ix.set.delete(src, ik);
    }
    this.map.delete(src, k);
  }
}
