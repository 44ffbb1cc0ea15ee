// A write cache over any KVStore: used once per block over the committed MemState and once per tx over the block's
// cache, so a failed tx is thrown away with discard() and a good one folded in with write().
// Dirty entries live in a hash map (null = deleted) for O(1) reads and writes; a sorted index of the dirty keys is
// brought up to date only when someone iterates, so the common tx (a few gets and sets, no iteration) pays nothing
// for ordering.
import type { ChangeSet, Entry, KVStore } from './types.js';
import { asBinStore, BTree, type BinEntry, type BinStore, type SortedMap, toEntries } from './binstore.js';
import { assertKey, compareBin, toBin } from './binkey.js';

export class CacheKV implements KVStore, BinStore {
  private readonly parent: BinStore;
  private readonly dirty = new Map<string, Uint8Array | null>();
  private readonly index: SortedMap<string, true> = new BTree<string, true>(undefined, compareBin);
  private unindexed: string[] = [];

  constructor(parent: KVStore) {
    this.parent = asBinStore(parent);
  }

  /** Number of dirty keys (writes and deletes). */
  get size(): number {
    return this.dirty.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getBin(toBin(key));
  }
  has(key: Uint8Array): boolean {
    return this.getBin(toBin(key)) !== undefined;
  }
  set(key: Uint8Array, value: Uint8Array): void {
    assertKey(key);
    this.setBin(toBin(key), value);
  }
  delete(key: Uint8Array): void {
    this.deleteBin(toBin(key));
  }

  iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): Iterable<Entry> {
    return toEntries(this.iterateBin(start && toBin(start), end && toBin(end), reverse));
  }

  /** PERF: one Map lookup, then the parent's lookup on a miss. */
  getBin(key: string): Uint8Array | undefined {
    const v = this.dirty.get(key);
    if (v !== undefined) return v === null ? undefined : v;
    return this.parent.getBin(key);
  }

  /** PERF: one Map write (the size check tells a new key without a second lookup). */
  setBin(key: string, value: Uint8Array): void {
    if (key.length === 0) assertKey(new Uint8Array(0));
    const n = this.dirty.size;
    this.dirty.set(key, value);
    if (this.dirty.size !== n) this.unindexed.push(key);
  }

  deleteBin(key: string): void {
    const n = this.dirty.size;
    this.dirty.set(key, null);
    if (this.dirty.size !== n) this.unindexed.push(key);
  }

  /**
   * Merges the parent's entries with the dirty ones: a dirty value wins, a dirty delete hides the key.
   * The dirty keys in range are snapshotted when iteration starts, so writing to this cache while iterating is safe
   * (a key deleted meanwhile is skipped; a key added meanwhile is not visited).
   * PERF: O(log d + dirty keys in range) to start, then O(1) per entry on top of the parent's iteration.
   */
  *iterateBin(start: string | undefined, end: string | undefined, reverse: boolean): Iterable<BinEntry> {
    const mine = this.dirtyKeysInRange(start, end, reverse);
    const it = this.parent.iterateBin(start, end, reverse)[Symbol.iterator]();
    let p = it.next();
    let i = 0;
    while (true) {
      const dk = i < mine.length ? mine[i] : undefined;
      if (p.done) {
        if (dk === undefined) return;
      } else if (dk === undefined || (reverse ? p.value[0] > dk : p.value[0] < dk)) {
        const e = p.value;
        p = it.next();
        yield e;
        continue;
      } else if (p.value[0] === dk) {
        p = it.next(); // shadowed by the dirty entry
      }
      i++;
      const v = this.dirty.get(dk!);
      if (v) yield [dk!, v];
    }
  }

  /** The dirty set: key -> value, or null for a delete. A copy; later writes do not change it. */
  changes(): ChangeSet {
    return new Map(this.dirty);
  }

  /** Flushes the dirty entries into the parent and empties this cache. */
  write(): void {
    const p = this.parent;
    for (const [k, v] of this.dirty) {
      if (v === null) p.deleteBin(k);
      else p.setBin(k, v);
    }
    this.discard();
  }

  /** Drops every dirty entry. */
  discard(): void {
    this.dirty.clear();
    this.index.clear();
    this.unindexed = [];
  }

  private dirtyKeysInRange(start: string | undefined, end: string | undefined, reverse: boolean): string[] {
    if (this.unindexed.length) {
      for (const k of this.unindexed) this.index.set(k, true);
      this.unindexed = [];
    }
    const out: string[] = [];
    if (this.index.size === 0) return out;
    if (!reverse) {
      for (const k of this.index.keys(start)) {
        if (end !== undefined && k >= end) break;
        out.push(k);
      }
    } else {
      for (const [k] of this.index.entriesReversed(end, undefined, end !== undefined)) {
        if (start !== undefined && k < start) break;
        out.push(k);
      }
    }
    return out;
  }
}
