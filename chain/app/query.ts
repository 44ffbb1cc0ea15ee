// ABCI Query routing: gRPC-style paths to module query services, Simulate, and raw store reads with ICS23 proofs.
// Queries at a past height run the same synchronous handlers over a view that loads keys from the Merkle tree on
// demand: a miss aborts the run, the key is fetched, and the handler runs again (queries read a handful of keys).
import type { Entry, KVStore } from '../store/types.js';

/** Thrown by HistoricalView when a handler reads a key not yet loaded. */
export class NeedKey {
  constructor(readonly key: Uint8Array) {}
}
export class RangeAtPastHeight extends Error {}

export class HistoricalView implements KVStore {
  private readonly loaded = new Map<string, Uint8Array | null>();
  constructor(readonly version: bigint) {}
  private id(k: Uint8Array) {
    return Buffer.from(k).toString('latin1');
  }
  load(key: Uint8Array, value: Uint8Array | undefined) {
    this.loaded.set(this.id(key), value ?? null);
  }
  get(key: Uint8Array): Uint8Array | undefined {
    const v = this.loaded.get(this.id(key));
    if (v === undefined) throw new NeedKey(key);
    return v ?? undefined;
  }
  has(key: Uint8Array) {
    return this.get(key) !== undefined;
  }
  set(): void {
    throw new Error('historical state is read-only');
  }
  delete(): void {
    throw new Error('historical state is read-only');
  }
  iterate(): Iterable<Entry> {
    // The tree is keyed by hash, so it cannot list a key range at a past version.
    throw new RangeAtPastHeight('range queries are served at the latest height only');
  }
}

/** Runs `f` over a HistoricalView, loading every key it asks for with `fetch`, until it completes. */
export async function runAtVersion<T>(
  version: bigint,
  fetch: (key: Uint8Array) => Promise<Uint8Array | undefined>,
  f: (view: KVStore) => T,
  maxKeys = 10_000,
): Promise<T> {
  const view = new HistoricalView(version);
  for (let i = 0; i <= maxKeys; i++) {
    try {
      return f(view);
    } catch (e) {
      if (!(e instanceof NeedKey)) throw e;
      view.load(e.key, await fetch(e.key));
    }
  }
  throw new Error(`query read more than ${maxKeys} keys at a past height`);
}
