// KeySet<K>: keys with no value (queues, secondary indexes). Stored values are a fixed marker, empty by default.
import { StateMap } from './map.js';
import type { KeyCodec } from './keys.js';
import type { Range } from './range.js';
import type { StoreSource } from './source.js';
import type { ValueCodec } from './values.js';

function markerValue(marker: Uint8Array): ValueCodec<true> {
  return { name: 'marker', encode: () => marker, decode: () => true };
}

export class KeySet<K> {
  readonly map: StateMap<K, true>;
  constructor(
    name: string,
    storePrefix: Uint8Array,
    prefix: Uint8Array,
    readonly key: KeyCodec<K>,
    marker: Uint8Array = new Uint8Array(),
  ) {
    this.map = new StateMap(name, storePrefix, prefix, key, markerValue(marker));
  }
  get name(): string {
    return this.map.name;
  }
  has(src: StoreSource, k: K): boolean {
    return this.map.has(src, k);
  }
  add(src: StoreSource, k: K): void {
    this.map.set(src, k, true);
  }
  delete(src: StoreSource, k: K): void {
    this.map.delete(src, k);
  }
  keys(src: StoreSource, r?: Range<K>): Generator<K> {
    return this.map.keys(src, r);
  }
}
