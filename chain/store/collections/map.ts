// StateMap<K, V> (Cosmos collections' Map): values under one prefix byte, keyed through a key codec, iterated in key
// byte order (numeric for u64 parts, then by component for tuples). Named StateMap so the JS Map stays usable.
import type { Entry, KVStore } from '../types.js';
import { concatBytes } from '../bytes.js';
import { CollectionError } from './errors.js';
import { decodeKey, type KeyCodec } from './keys.js';
import { byteBounds, encodeBound, type PrefixOf, type Range } from './range.js';
import type { StoreSource } from './source.js';
import type { ValueCodec } from './values.js';

export class StateMap<K, V> {
  /** Module prefix ‖ this map's byte: the key space every entry lives under. */
  private readonly space: Uint8Array;

  constructor(
    readonly name: string,
    storePrefix: Uint8Array,
    /** This map's prefix inside the module's space (its byte from the module's keys.ts). */
    readonly prefix: Uint8Array,
    readonly key: KeyCodec<K>,
    readonly value: ValueCodec<V>,
  ) {
    this.space = concatBytes(storePrefix, prefix);
  }

  /** The map's own key space (keys relative to the map), e.g. for pagination; `under` narrows it to a prefix. */
  store(src: StoreSource, under?: PrefixOf<K> | K): KVStore {
    return src.kv(under === undefined ? this.space : concatBytes(this.space, encodeBound(this.key, under)));
  }

  /** Decodes an entry read from `store(src, under)`. */
  entry(e: Entry, under?: PrefixOf<K> | K): [K, V] {
    const k = under === undefined ? e[0] : concatBytes(encodeBound(this.key, under), e[0]);
    return [decodeKey(this.key, k), this.value.decode(e[1])];
  }

  get(src: StoreSource, k: K): V | undefined {
    const b = src.kv(this.space).get(this.key.encode(k));
    return b === undefined ? undefined : this.value.decode(b);
  }

  /** The value, or a CollectionError (or `onMissing()`) when there is none. */
  mustGet(src: StoreSource, k: K, onMissing?: () => Error): V {
    const v = this.get(src, k);
    if (v === undefined) throw onMissing?.() ?? new CollectionError(`${this.name} has no entry ${this.key.show(k)}`);
    return v;
  }

  has(src: StoreSource, k: K): boolean {
    return src.kv(this.space).has(this.key.encode(k));
  }
  set(src: StoreSource, k: K, v: V): void {
    src.kv(this.space).set(this.key.encode(k), this.value.encode(v));
  }
  delete(src: StoreSource, k: K): void {
    src.kv(this.space).delete(this.key.encode(k));
  }

  /** Raw entries in the range (keys relative to the map). */
  private *raw(src: StoreSource, r?: Range<K>): Generator<Entry> {
    const { start, end, empty } = byteBounds(this.key, r);
    if (empty) return;
    yield* src.kv(this.space).iterate(start, end, r?.reverse ?? false);
  }

  *entries(src: StoreSource, r?: Range<K>): Generator<[K, V]> {
    for (const [k, v] of this.raw(src, r)) yield [decodeKey(this.key, k), this.value.decode(v)];
  }
  *keys(src: StoreSource, r?: Range<K>): Generator<K> {
    for (const [k] of this.raw(src, r)) yield decodeKey(this.key, k);
  }
  *values(src: StoreSource, r?: Range<K>): Generator<V> {
    for (const [, v] of this.raw(src, r)) yield this.value.decode(v);
  }
}
