// Schema: a module's collections, declared against its store prefix, each under one byte of the module's keys.ts.
// Declaring two collections under one byte throws at start-up, so a key space is never shared by accident.
import { CollectionError } from './errors.js';
import { IndexedMap, type Index } from './indexed-map.js';
import { Item } from './item.js';
import type { KeyCodec } from './keys.js';
import { KeySet } from './keyset.js';
import { StateMap } from './map.js';
import { Sequence } from './sequence.js';
import type { ValueCodec } from './values.js';

export class Schema {
  private readonly used = new Map<number, string>();
  /** `storePrefix`: the module's byte from chain/app/store-prefixes.ts, as the keeper receives it. */
  constructor(readonly storePrefix: Uint8Array) {}

  private claim(byte: number, name: string): Uint8Array {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff)
      throw new CollectionError(`${name}: prefix ${byte} is not one byte`);
    const other = this.used.get(byte);
    if (other !== undefined) throw new CollectionError(`${name} and ${other} both use prefix 0x${byte.toString(16)}`);
    this.used.set(byte, name);
    return Uint8Array.of(byte);
  }

  item<V>(byte: number, name: string, value: ValueCodec<V>): Item<V> {
    return new Item(name, this.storePrefix, this.claim(byte, name), value);
  }
  sequence(byte: number, name: string): Sequence {
    return new Sequence(name, this.storePrefix, this.claim(byte, name));
  }
  map<K, V>(byte: number, name: string, key: KeyCodec<K>, value: ValueCodec<V>): StateMap<K, V> {
    return new StateMap(name, this.storePrefix, this.claim(byte, name), key, value);
  }
  keySet<K>(byte: number, name: string, key: KeyCodec<K>, marker?: Uint8Array): KeySet<K> {
    return new KeySet(name, this.storePrefix, this.claim(byte, name), key, marker);
  }
  indexedMap<K, V>(
    byte: number,
    name: string,
    key: KeyCodec<K>,
    value: ValueCodec<V>,
    indexes: readonly Index<K, V, any>[],
  ): IndexedMap<K, V> {
    return new IndexedMap(this.map(byte, name, key, value), indexes);
  }
}
