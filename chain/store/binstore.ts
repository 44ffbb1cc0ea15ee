// The store's internal fast path: the same operations as KVStore but on binary-string keys, so nested caches pass
// keys down without converting them at every layer. MemState and CacheKV implement it; any other KVStore is adapted.
import BTreeModule from 'sorted-btree';
import type { Entry, KVStore } from './types.js';
import { fromBin, toBin } from './binkey.js';

export type BinEntry = [key: string, value: Uint8Array];

export interface BinStore {
  getBin(key: string): Uint8Array | undefined;
  setBin(key: string, value: Uint8Array): void;
  deleteBin(key: string): void;
  /** Entries with start <= key < end, ascending, or descending when reverse. */
  iterateBin(start: string | undefined, end: string | undefined, reverse: boolean): Iterable<BinEntry>;
}

export function isBinStore(s: object): s is BinStore {
  return (
    typeof (s as Partial<BinStore>).getBin === 'function' && typeof (s as Partial<BinStore>).iterateBin === 'function'
  );
}

/** Wraps a plain KVStore (converting keys) so a CacheKV can sit on any store. */
export function asBinStore(s: KVStore): BinStore {
  if (isBinStore(s)) return s;
  return {
    getBin: (k) => s.get(fromBin(k)),
    setBin: (k, v) => s.set(fromBin(k), v),
    deleteBin: (k) => s.delete(fromBin(k)),
    *iterateBin(start, end, reverse) {
      const it = s.iterate(
        start === undefined ? undefined : fromBin(start),
        end === undefined ? undefined : fromBin(end),
        reverse,
      );
      for (const [k, v] of it) yield [toBin(k), v] as BinEntry;
    },
  };
}

export function toEntries(it: Iterable<BinEntry>): Iterable<Entry> {
  return {
    *[Symbol.iterator]() {
      for (const [k, v] of it) yield [fromBin(k), v] as Entry;
    },
  };
}

// sorted-btree is CommonJS with `exports.default = BTree`: depending on the loader the default import is the class or
// module.exports, so take whichever is the constructor.
const btreeExport = BTreeModule as unknown as BTreeCtor | { default: BTreeCtor };
type BTreeCtor = new <K, V>(
  entries?: [K, V][],
  compare?: (a: K, b: K) => number,
  maxNodeSize?: number,
) => SortedMap<K, V>;
export type SortedMap<K, V> = import('sorted-btree').default<K, V>;
export const BTree: BTreeCtor = typeof btreeExport === 'function' ? btreeExport : btreeExport.default;
