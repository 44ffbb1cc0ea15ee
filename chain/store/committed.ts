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
import { assertKey, prefixed, prefixedBin, readU64, u64, toBin } from './bytes.js';

type DB = Level<Uint8Array, Uint8Array>;
type BatchOp = { type: 'put'; key: Uint8Array; value: Uint8Array } | { type: 'del'; key: Uint8Array };

export interface CommitStoreOptions {
  /** Versions kept for past reads and proofs; 0 keeps all. With k, committing v prunes versions below v - k + 1. */
  keepRecent?: number;
  /** Decoded tree nodes kept in memory (the top levels are read by every block). */
  nodeCacheSize?: number;
  /** Bytes of LevelDB block cache (default 64 MiB). */
  dbCacheSize?: number;
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
    if (!Number.isInteger(this.keepRecent) || this.keepRecent < 0) throw new RangeError('keepRecent must be an integer >= 0');
    this.tree = new MerkleTree({ getMany: (keys) => this.open_().getMany(keys) }, opts.nodeCacheSize ?? 200_000, Prefix.node);
  }

  /** Opens (or creates) the database at `path` and loads the latest committed state. Fails loudly if it cannot. */
  static async open(path: string, opts: CommitStoreOptions = {}): Promise<CommitStore> {
    const db: DB = new Level<Uint8Array, Uint8Array>(path, {
      keyEncoding: 'view', valueEncoding: 'view',
      // LevelDB's own block cache serves the tree nodes our cache misses; its write buffer absorbs a block's batch.
      cacheSize: opts.dbCacheSize ?? 64 * 1024 * 1024,
      writeBufferSize: 16 * 1024 * 1024,
    });
    await db.open();
    const s = new CommitStore(db, opts);
    try {
      await s.load();
    } catch (e) {
      await db.close();
      throw e;
    }
    return s;
  }

  /** The latest committed version (0 before the first commit). */
  get version(): bigint { return BigInt(this.latest); }
  /** The root hash (app hash) of the latest committed version; 32 zero bytes for the empty state. */
  get root(): Uint8Array { return rootHashOf(this.rootRef); }
  /** The lowest version still readable (0 when nothing was committed). */
  get earliestVersion(): bigint { return BigInt(this.earliest); }

  private open_(): DB {
    if (!this.db) throw new StoreError('CLOSED', 'the store is closed');
    return this.db;
  }

  private async load(): Promise<void> {
    const db = this.open_();
    const latest = await db.get(prefixed(Prefix.meta, MetaKey.latest));
    if (latest) {
      this.latest = readU64(latest, 0);
      const rec = await db.get(prefixed(Prefix.root, u64(this.latest)));
      if (!rec) throw new StoreError('CORRUPT', `root record of the latest version ${this.latest} is missing`);
      this.rootRef = decodeRoot(rec);
      const earliest = await db.get(prefixed(Prefix.meta, MetaKey.earliest));
      this.earliest = earliest ? readU64(earliest, 0) : 1;
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
    if (v <= this.latest) throw new StoreError('BAD_VERSION', `version ${version} is not above the committed ${this.latest}`);
    for (const k of changes.keys()) if (k.length === 0) assertKey(EMPTY);
    const batch = await this.tree.applyBatch(this.rootRef, v, prepareChanges(changes));
    return { version, root: batch.rootHash, baseVersion: BigInt(this.latest), changes, batch };
  }

  /**
   * Writes a staged version in ONE atomic batch: new tree nodes, stale index, flat state, root record, latest
   * version, and `extra` app metadata (key -> value, or null to delete; stored under the app's own prefix).
   * Then applies the changes to `state` and, with keepRecent, prunes old versions.
   * PERF: one LevelDB batch of ~(tree nodes written + stale + changed keys) operations.
   */
  async commit(staged: Staged, extra: Array<[Uint8Array, Uint8Array | null]> = []): Promise<void> {
    const db = this.open_();
    const b = staged.batch;
    if (staged.baseVersion !== BigInt(this.latest) || b.base !== this.rootRef) {
      throw new StoreError('STALE_STAGE', `staged on version ${staged.baseVersion}, but ${this.latest} is committed`);
    }
    const ver = u64(b.version);
    const ops: BatchOp[] = [];
    for (const [k, v] of b.puts) ops.push({ type: 'put', key: k, value: v }); // node keys carry Prefix.node
    for (const k of b.stale) ops.push({ type: 'put', key: prefixed(Prefix.stale, ver, k), value: EMPTY });
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
    if (this.latest === 0) ops.push({ type: 'put', key: prefixed(Prefix.meta, MetaKey.earliest), value: ver });
    await db.batch(ops);

    if (this.latest === 0) this.earliest = b.version;
    this.latest = b.version;
    this.rootRef = b.root;
    this.state.applyChanges(staged.changes);
    this.tree.committed(b);
    if (this.keepRecent > 0 && b.version - this.keepRecent + 1 > this.earliest) {
      await this.prune(BigInt(b.version - this.keepRecent + 1));
    }
  }

  /**
   * Drops versions below `keepFrom`: tree nodes stale since <= keepFrom (only older versions used them), their
   * index entries and the root records. One atomic batch; a kill mid-way leaves the previous pruning state.
   * PERF: one range scan of the stale index plus one delete per pruned node.
   */
  async prune(keepFrom: bigint): Promise<void> {
    const db = this.open_();
    const from = Math.min(toNumberVersion(keepFrom), this.latest);
    if (from <= this.earliest) return;
    const ops: BatchOp[] = [];
    // Scan from the last pruning point on: below it everything is deleted already (and LevelDB would have to step
    // over the tombstones).
    const it = db.keys({ gte: prefixed(Prefix.stale, u64(this.earliest)), lt: prefixed(Prefix.stale, u64(from + 1)) });
    try {
      while (true) {
        const chunk = await it.nextv(10_000);
        if (chunk.length === 0) break;
        for (const k of chunk) {
          ops.push({ type: 'del', key: k });
          ops.push({ type: 'del', key: k.subarray(9) }); // the node key, Prefix.node included
        }
      }
    } finally {
      await it.close();
    }
    for await (const k of db.keys({ gte: prefixed(Prefix.root, u64(this.earliest)), lt: prefixed(Prefix.root, u64(from)) })) {
      ops.push({ type: 'del', key: k });
    }
    ops.push({ type: 'put', key: prefixed(Prefix.meta, MetaKey.earliest), value: u64(from) });
    await db.batch(ops);
    this.earliest = from;
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
    return (await this.open_().get(prefixed(Prefix.root, u64(v)))) !== undefined;
  }

  private async rootAt(version: bigint): Promise<Child> {
    const v = toNumberVersion(version);
    if (v === this.latest) return this.rootRef;
    const rec = v >= this.earliest && v < this.latest ? await this.open_().get(prefixed(Prefix.root, u64(v))) : undefined;
    if (!rec) {
      throw new StoreError('VERSION_NOT_FOUND', `version ${version} is not kept (kept: ${this.earliest}..${this.latest})`,
        { version, earliest: this.earliest, latest: this.latest });
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
    return this.tree.get(await this.rootAt(version), key);
  }

  /** An ICS23 existence proof of `key` at a kept version, or undefined if the key is absent (see proof.ts). */
  async proveAt(version: bigint, key: Uint8Array): Promise<CommitmentProof | undefined> {
    assertKey(key);
    const root = await this.rootAt(version);
    return existenceProof(key, await this.tree.path(root, key));
  }

  /** Tree node cache counters (lookups, misses that read the database). */
  get treeStats(): { lookups: number; misses: number } { return this.tree.stats; }

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

