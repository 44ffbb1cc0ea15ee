// The latest committed flat state, in memory: an ordered map from key (as a binary string) to value. Queries,
// CheckTx and each block's CacheKV read it synchronously; only CommitStore.commit writes it (applyChanges).
// Values are stored as given, not copied: callers must not mutate a value after handing it over.
import type { ChangeSet, Entry, KVStore } from './types.js';
import { BTree, type BinEntry, type BinStore, type SortedMap, toEntries } from './binstore.js';
import { assertKey, compareBin, toBin } from './binkey.js';

export class MemState implements KVStore, BinStore {
  private readonly map: SortedMap<string, Uint8Array> = new BTree<string, Uint8Array>(undefined, compareBin);

  get size(): number {
    return this.map.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.map.get(toBin(key));
  }
  has(key: Uint8Array): boolean {
    return this.map.has(toBin(key));
  }
  set(key: Uint8Array, value: Uint8Array): void {
    assertKey(key);
    this.map.set(toBin(key), value);
  }
  delete(key: Uint8Array): void {
    this.map.delete(toBin(key));
  }

  iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): Iterable<Entry> {
    return toEntries(this.iterateBin(start && toBin(start), end && toBin(end), reverse));
  }

  getBin(key: string): Uint8Array | undefined {
    return this.map.get(key);
  }
  setBin(key: string, value: Uint8Array): void {
    if (key.length === 0) assertKey(new Uint8Array(0));
    this.map.set(key, value);
  }
  deleteBin(key: string): void {
    this.map.delete(key);
  }

  /** PERF: O(log n) to find the start, then O(1) amortized per entry. */
  *iterateBin(start: string | undefined, end: string | undefined, reverse: boolean): Iterable<BinEntry> {
    if (!reverse) {
      for (const e of this.map.entries(start)) {
        if (end !== undefined && e[0] >= end) return;
        yield e;
      }
    } else {
      // entriesReversed(end, _, true) starts at the greatest key < end.
      for (const e of this.map.entriesReversed(end, undefined, end !== undefined)) {
        if (start !== undefined && e[0] < start) return;
        yield e;
      }
    }
  }

  /** Applies a committed change set (null = delete). */
  applyChanges(changes: ChangeSet): void {
    for (const [k, v] of changes) {
      if (v === null) this.map.delete(k);
      else this.map.set(k, v);
    }
  }
}
