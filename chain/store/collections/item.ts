// Item<V>: one value under one fixed key (params, a pool, a counter).
import { CollectionError } from './errors.js';
import type { StoreSource } from './source.js';
import type { ValueCodec } from './values.js';

export class Item<V> {
  constructor(
    readonly name: string,
    /** The module's store prefix (from chain/app/store-prefixes.ts). */
    private readonly storePrefix: Uint8Array,
    /** The key inside the module's space (its byte from the module's keys.ts). */
    readonly key: Uint8Array,
    readonly value: ValueCodec<V>,
  ) {}

  get(src: StoreSource): V | undefined {
    const b = src.kv(this.storePrefix).get(this.key);
    return b === undefined ? undefined : this.value.decode(b);
  }

  /** The value, or a CollectionError (or `onMissing()`) when it was never set. */
  mustGet(src: StoreSource, onMissing?: () => Error): V {
    const v = this.get(src);
    if (v === undefined) throw onMissing?.() ?? new CollectionError(`${this.name} is not set`);
    return v;
  }

  has(src: StoreSource): boolean {
    return src.kv(this.storePrefix).has(this.key);
  }
  set(src: StoreSource, v: V): void {
    src.kv(this.storePrefix).set(this.key, this.value.encode(v));
  }
  delete(src: StoreSource): void {
    src.kv(this.storePrefix).delete(this.key);
  }
}
