// CommitStore: the committed, Merkle-authenticated state in one LevelDB.
// The latest state is also kept flat (in LevelDB and in memory as a MemState) so execution and queries read it
// synchronously; the tree gives the app hash, past versions and proofs. A block's changes are staged (new root,
// nothing written) during FinalizeBlock and committed in Commit as ONE atomic LevelDB batch, so a kill at any
// instant leaves the last committed version intact.
import { Level } from 'level';
import type { CommitmentProof } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import type { ChangeSet } from './types.js';
import { MemState } from './memstate.js';
import { MerkleTree, prepareChanges, rootHashOf, type TreeBatch } from './tree.js';
import { existenceProof } from './proof.js';
import { decodeRoot, encodeRoot, type Child } from './nodes.js';
import { Prefix, MetaKey } from './keys.js';
import { StoreError } from './errors.js';
import { computeRoot } from './root.js';
import { assertKey, prefixed, prefixedBin, readU64Num, u64Num, toBin } from './binkey.js';
import { bytesEqual } from './bytes.js';

type DB = Level<Uint8Array, Uint8Array>;
type BatchOp = { type: 'put'; key: Uint8Array; value: Uint8Array } | { type: 'del'; key: Uint8Array };

export interface CommitStoreOptions {
  /** Versions kept for past reads and proofs; 0 keeps all. With k, committing v prunes versions below v - k + 1. */
  keepRecent?: number;
  /** Recently used tree nodes kept in memory, besides the pinned top levels (default 200k). */
  nodeCacheSize?: number;
  /**
   * Tree levels 0..pinnedDepth stay in memory (the newest node per position: at most 2^(d+1) nodes). Default -1,
   * nothing pinned: at 1M keys pinning 17 levels cut the database reads but the bigger heap cost more in GC.
   */
  pinnedDepth?: number;
  /** Bytes of LevelDB block cache (default 64 MiB). */
  dbCacheSize?: number;
  /** Recompute the root from the loaded flat state and refuse to open on a mismatch (O(n): seconds at 1M keys). */
  verifyOnOpen?: boolean;
}

/** A block's changes with their new root, computed but not written. Commit it, or drop it. */
export interface Staged {
  readonly version: bigint;
  /** The app hash this version will have. */
  readonly root: Uint8Array;
  readonly baseVersion: bigint;
  readonly changes: ChangeSet;
  /** @internal */
  readonly batch: TreeBatch;
}

const EMPTY = new Uint8Array(0);

/** A version's stale record: the node keys it replaced, each as length byte ‖ node key. */
function encodeStale(keys: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const k of keys) n += 1 + k.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const k of keys) {
    out[off++] = k.length;
    out.set(k, off);
    off += k.length;
  }
  return out;
}

function decodeStale(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < b.length; ) {
    const n = b[off++];
    if (off + n > b.length) throw new StoreError('CORRUPT', 'bad stale record');
    out.push(b.subarray(off, (off += n)));
  }
  return out;
}
const NODE_LO = Uint8Array.from([Prefix.node]);
const NODE_HI = Uint8Array.from([Prefix.node + 1]);

function toNumberVersion(v: bigint): number {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new StoreError('BAD_VERSION', `version ${v} out of range`);
  return Number(v);
}

export class CommitStore {
  /** The latest committed state (what queries and CheckTx read; each block's CacheKV sits on it). */
  readonly state = new MemState();
  private db: DB | undefined;
  private readonly tree: MerkleTree;
  private readonly keepRecent: number;
  private rootRef: Child = null;
  private latest = 0;
  private earliest = 0;

  private constructor(db: DB, opts: CommitStoreOptions) {
    this.db = db;
    this.keepRecent = opts.keepRecent ?? 0;
    this.tree = new MerkleTree(
      { getMany: (keys) => this.open_().getMany(keys) },
      opts.nodeCacheSize ?? 200_000,
      Prefix.node,
      opts.pinnedDepth ?? -1,
    );
  }

  /** Opens (or creates) the database at `path` and loads the latest committed state. Fails loudly if it cannot. */
  static async open(path: string, opts: CommitStoreOptions = {}): Promise<CommitStore> {
    const keep = opts.keepRecent ?? 0;
    if (!Number.isInteger(keep) || keep < 0) throw new RangeError('keepRecent must be an integer >= 0');
    const db: DB = new Level<Uint8Array, Uint8Array>(path, {
      keyEncoding: 'view',
      valueEncoding: 'view',
      // LevelDB's own block cache serves the tree nodes our cache misses; its write buffer absorbs a block's batch.
      cacheSize: opts.dbCacheSize ?? 64 * 1024 * 1024,
      writeBufferSize: 16 * 1024 * 1024,
    });
    await db.open();
    const s = new CommitStore(db, opts);
    try {
      await s.load();
      if (opts.verifyOnOpen && !bytesEqual(computeRoot(s.state.iterate()), s.root)) {
        throw new StoreError('CORRUPT', `the flat state does not hash to the root of version ${s.latest}`);
      }
    } catch (e) {
      await db.close();
      throw e;
    }
    return s;
  }

  /** The latest committed version (0 before the first commit). */
  get version(): bigint {
    return BigInt(this.latest);
  }
  /** The root hash (app hash) of the latest committed version; 32 zero bytes for the empty state. */
  get root(): Uint8Array {
    return rootHashOf(this.rootRef);
  }
  /** The lowest version still readable (0 when nothing was committed). */
  get earliestVersion(): bigint {
    return BigInt(this.earliest);
  }

  private open_(): DB {
    if (!this.db) throw new StoreError('CLOSED', 'the store is closed');
    return this.db;
  }

  private async load(): Promise<void> {
    const db = this.open_();
    const latest = await db.get(prefixed(Prefix.meta, MetaKey.latest));
    if (latest) {
      this.latest = readU64Num(latest, 0);
      const rec = await db.get(prefixed(Prefix.root, u64Num(this.latest)));
      if (!rec) throw new StoreError('CORRUPT', `root record of the latest version ${this.latest} is missing`);
      this.rootRef = decodeRoot(rec);
      const earliest = await db.get(prefixed(Prefix.meta, MetaKey.earliest));
      this.earliest = earliest ? readU64Num(earliest, 0) : 1;
    }
    // Load the flat state in big chunks (nextv) rather than one await per entry.
    const it = db.iterator({ gt: Uint8Array.from([Prefix.flat]), lt: Uint8Array.from([Prefix.flat + 1]) });
    try {
      while (true) {
        const chunk = await it.nextv(10_000);
        if (chunk.length === 0) break;
        for (const [k, v] of chunk) this.state.setBin(toBin(k.subarray(1)), v);
      }
    } finally {
      await it.close();
    }
  }

  /**
   * Computes the root of the latest state plus `changes` as `version`, writing nothing, so FinalizeBlock can return
   * the app hash before Commit. Several stages may be computed; only one (on the current version) can commit.
   * PERF: O(changed keys × log n) node visits; node reads batched per tree level.
   */
  async stage(changes: ChangeSet, version: bigint): Promise<Staged> {
    this.open_();
    const v = toNumberVersion(version);
    if (v <= this.latest)
      throw new StoreError('BAD_VERSION', `version ${version} is not above the committed ${this.latest}`);
    for (const k of changes.keys()) if (k.length === 0) assertKey(EMPTY);
    const batch = await this.tree.applyBatch(this.rootRef, v, prepareChanges(changes));
    return { version, root: batch.rootHash, baseVersion: BigInt(this.latest), changes, batch };
  }

  /**
   * Writes a staged version in ONE atomic batch: new tree nodes, the version's stale-node record, flat state, root
   * record, latest version, `extra` app metadata (key -> value, or null to delete; stored under the app's own
   * prefix) and, with keepRecent, the pruning of the version that falls out of the window. Then applies the changes
   * to `state`.
   * PERF: one LevelDB batch of ~(tree nodes written + changed keys + nodes pruned) operations, plus one read of
   * the pruned version's stale record.
   */
  async commit(staged: Staged, extra: Array<[Uint8Array, Uint8Array | null]> = []): Promise<void> {
    const db = this.open_();
    const b = staged.batch;
    if (staged.baseVersion !== BigInt(this.latest) || b.base !== this.rootRef) {
      throw new StoreError('STALE_STAGE', `staged on version ${staged.baseVersion}, but ${this.latest} is committed`);
    }
    const ver = u64Num(b.version);
    const ops: BatchOp[] = [];
    for (const [k, v] of b.puts) ops.push({ type: 'put', key: k, value: v }); // node keys carry Prefix.node
    if (b.stale.length) ops.push({ type: 'put', key: prefixed(Prefix.stale, ver), value: encodeStale(b.stale) });
    for (const [k, v] of staged.changes) {
      const key = prefixedBin(Prefix.flat, k);
      ops.push(v === null ? { type: 'del', key } : { type: 'put', key, value: v });
    }
    for (const [k, v] of extra) {
      const key = prefixed(Prefix.appMeta, k);
      ops.push(v === null ? { type: 'del', key } : { type: 'put', key, value: v });
    }
    ops.push({ type: 'put', key: prefixed(Prefix.root, ver), value: encodeRoot(b.root) });
    ops.push({ type: 'put', key: prefixed(Prefix.meta, MetaKey.latest), value: ver });
    let earliest = this.latest === 0 ? b.version : this.earliest;
    if (this.latest === 0) ops.push({ type: 'put', key: prefixed(Prefix.meta, MetaKey.earliest), value: ver });
    if (this.keepRecent > 0 && b.version - this.keepRecent + 1 > earliest) {
      // Ops apply in order, so this version's own stale record (written above) is pruned too when keepRecent = 1.
      earliest = await this.pruneOps(earliest, b.version - this.keepRecent + 1, ops, b);
    }
    await db.batch(ops);

    this.earliest = earliest;
    this.latest = b.version;
    this.rootRef = b.root;
    this.state.applyChanges(staged.changes);
    this.tree.committed(b);
  }

  /**
   * Drops versions below `keepFrom`: tree nodes stale since <= keepFrom (only older versions used them), their
   * stale records and the root records. One atomic batch; a kill mid-way leaves the previous pruning state.
   */
  async prune(keepFrom: bigint): Promise<void> {
    const db = this.open_();
    const from = Math.min(toNumberVersion(keepFrom), this.latest);
    if (from <= this.earliest) return;
    const ops: BatchOp[] = [];
    this.earliest = await this.pruneOps(this.earliest, from, ops);
    await db.batch(ops);
  }

  /**
   * Appends the deletes that prune versions [earliest, from) to `ops`; `pending` is a batch being committed in
   * the same write (its stale nodes are not in the database yet). Returns the new earliest version.
   * PERF: one range read of the stale records (one per version) plus one delete per pruned node.
   */
  private async pruneOps(earliest: number, from: number, ops: BatchOp[], pending?: TreeBatch): Promise<number> {
    const db = this.open_();
    // Start at the last pruning point: everything below is deleted already (LevelDB would step over tombstones).
    const range = { gte: prefixed(Prefix.stale, u64Num(earliest)), lt: prefixed(Prefix.stale, u64Num(from + 1)) };
    for await (const [k, v] of db.iterator(range)) {
      for (const nk of decodeStale(v)) ops.push({ type: 'del', key: nk });
      ops.push({ type: 'del', key: k });
    }
    if (pending && pending.version <= from) {
      for (const nk of pending.stale) ops.push({ type: 'del', key: nk });
      ops.push({ type: 'del', key: prefixed(Prefix.stale, u64Num(pending.version)) });
    }
    for await (const k of db.keys({
      gte: prefixed(Prefix.root, u64Num(earliest)),
      lt: prefixed(Prefix.root, u64Num(from)),
    })) {
      ops.push({ type: 'del', key: k });
    }
    ops.push({ type: 'put', key: prefixed(Prefix.meta, MetaKey.earliest), value: u64Num(from) });
    return from;
  }

  /** App metadata written through commit's `extra`. */
  async getMeta(key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.open_().get(prefixed(Prefix.appMeta, key));
  }

  /** True when `version` can be read (committed and not pruned). */
  async hasVersion(version: bigint): Promise<boolean> {
    const v = toNumberVersion(version);
    if (v === this.latest) return true;
    if (v < this.earliest || v > this.latest) return false;
    return (await this.open_().get(prefixed(Prefix.root, u64Num(v)))) !== undefined;
  }

  private async rootAt(version: bigint): Promise<Child> {
    const v = toNumberVersion(version);
    if (v === this.latest) return this.rootRef;
    const rec =
      v >= this.earliest && v < this.latest ? await this.open_().get(prefixed(Prefix.root, u64Num(v))) : undefined;
    if (!rec) {
      throw new StoreError(
        'VERSION_NOT_FOUND',
        `version ${version} is not kept (kept: ${this.earliest}..${this.latest})`,
        { version, earliest: this.earliest, latest: this.latest },
      );
    }
    return decodeRoot(rec);
  }

  /** The root hash of a kept version. */
  async rootAtVersion(version: bigint): Promise<Uint8Array> {
    return rootHashOf(await this.rootAt(version));
  }

  /** The value of `key` at a kept version (the latest is served from memory). */
  async getAt(version: bigint, key: Uint8Array): Promise<Uint8Array | undefined> {
    assertKey(key);
    if (toNumberVersion(version) === this.latest) return this.state.get(key);
    const root = await this.rootAt(version);
    return this.prunedMeanwhile(version, () => this.tree.get(root, key));
  }

  /** An ICS23 existence proof of `key` at a kept version, or undefined if the key is absent (see proof.ts). */
  async proveAt(version: bigint, key: Uint8Array): Promise<CommitmentProof | undefined> {
    assertKey(key);
    const root = await this.rootAt(version);
    return existenceProof(key, await this.prunedMeanwhile(version, () => this.tree.path(root, key)));
  }

  /** A read racing a commit that prunes its version loses nodes midway: report that as the version being gone. */
  private async prunedMeanwhile<T>(version: bigint, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof StoreError && e.code === 'MISSING_NODE' && version < BigInt(this.earliest)) {
        throw new StoreError('VERSION_NOT_FOUND', `version ${version} was pruned during the read`, { version });
      }
      throw e;
    }
  }

  /** Tree node cache counters (lookups, misses that read the database). */
  get treeStats(): { lookups: number; misses: number } {
    return this.tree.stats;
  }

  /** Number of stored tree nodes (a full scan: for tests and diagnostics). */
  async countNodes(): Promise<number> {
    let n = 0;
    for await (const _ of this.open_().keys({ gte: NODE_LO, lt: NODE_HI })) n++;
    return n;
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db) await db.close();
  }
}
