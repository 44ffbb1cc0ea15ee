// A versioned binary Merkle tree over all state (Jellyfish-style: sparse over sha256(key), lone leaves lifted up).
// The shape is canonical: node(S, d) = empty if S is empty, the leaf if |S| = 1, else inner(node(S0), node(S1))
// where S0/S1 split S by bit d of the key hash. So the root depends only on the key/value set.
// applyBatch runs in three phases so the database is read in a few large batches instead of node by node:
//   1. load: walk down level by level from the root along the changed paths, reading each level's inner nodes at
//      once (leaves are not read: their parent records their key hash, enough to update or delete them);
//   2. rebuild (synchronous): compute new nodes and hashes bottom-up, recording writes and replaced (stale) nodes;
//   3. relocate: read the few existing leaves that change depth (an insert split them, or their sibling subtree
//      vanished) and copy them to their new node key.
import type { ChangeSet } from './types.js';
import { fromBin, toBin } from './binkey.js';
import { bytesEqual, compareBytes, sha256, toHex } from './bytes.js';
import { StoreError } from './errors.js';
import { innerHash, leafHash, ZERO32 } from './hash.js';
import { NodeCache } from './nodecache.js';
import {
  bitAt,
  decodeNode,
  encodeInner,
  encodeLeaf,
  INNER,
  LEAF,
  MAX_DEPTH,
  nodeKey,
  slabAlloc,
  type Child,
  type InnerNode,
  type LeafNode,
  type Ref,
  type TreeNode,
} from './nodes.js';

/** Where the tree reads committed nodes from (a LevelDB prefix, in CommitStore). */
export interface NodeSource {
  getMany(keys: Uint8Array[]): Promise<Array<Uint8Array | undefined>>;
}

/** One change to apply, with its key hash. A batch is sorted by keyHash with unique keys. */
export interface LeafChange {
  keyHash: Uint8Array;
  key: Uint8Array;
  value: Uint8Array | null;
}

/** Hashes and sorts a change set. PERF: one sha256 per key, plus an O(n log n) sort. */
export function prepareChanges(changes: ChangeSet): LeafChange[] {
  const out: LeafChange[] = [];
  for (const [k, v] of changes) {
    const key = fromBin(k);
    out.push({ keyHash: sha256(key), key, value: v });
  }
  out.sort((a, b) => compareBytes(a.keyHash, b.keyHash));
  return out;
}

/** The result of applyBatch: the new root and everything commit must write. Nothing is written by the tree. */
export interface TreeBatch {
  version: number;
  base: Child;
  root: Child;
  rootHash: Uint8Array;
  /** node key (with the database prefix byte) -> encoded node */
  puts: Array<[Uint8Array, Uint8Array]>;
  /** node keys of nodes replaced at `version` (stale since `version`) */
  stale: Uint8Array[];
  /** decoded new nodes, cached once the batch is durable */
  nodes: Array<[Uint8Array, TreeNode]>;
}

/** The path from the root to where a key is or would be, for reads and proofs. */
export interface KeyPath {
  /** Sibling hashes from the root down (undefined = empty sibling), with the side the key took at each level. */
  siblings: Array<{ bit: number; hash: Uint8Array | undefined }>;
  leaf: LeafNode | undefined;
  leafHash: Uint8Array | undefined;
}

export function rootHashOf(root: Child): Uint8Array {
  return root ? root.hash : ZERO32;
}

// A leaf not yet given a position: a new or changed leaf (with its content), or an existing one changing depth
// (copied from its old node key once the batch is built). `keyHash` is also its path.
interface Loose {
  loose: true;
  hash: Uint8Array;
  keyHash: Uint8Array;
  leaf?: LeafNode;
  from?: Uint8Array;
}
type Sub = Child | Loose;

interface Visit {
  ref: Ref;
  depth: number;
  lo: number;
  hi: number;
  key: Uint8Array;
  node?: InnerNode;
  left?: Visit;
  right?: Visit;
}

function isLoose(s: Sub): s is Loose {
  return s !== null && (s as Loose).loose === true;
}

/** First index in [lo, hi) whose key hash has bit `depth` set (the batch is sorted, so bit-0 entries come first). */
function splitIndex(ch: ReadonlyArray<{ keyHash: Uint8Array }>, lo: number, hi: number, depth: number): number {
  let a = lo,
    b = hi;
  while (a < b) {
    const m = (a + b) >> 1;
    if (bitAt(ch[m].keyHash, depth)) b = m;
    else a = m + 1;
  }
  return a;
}

export class MerkleTree {
  private readonly cache: NodeCache;
  /** Counters for diagnostics and benchmarks: node lookups, and those that went to the database. */
  readonly stats = { lookups: 0, misses: 0 };

  /**
   * `keyPrefix` is the first byte of every node key (the database prefix of tree nodes); the cache holds
   * `cacheSize` recent nodes plus the newest node at each position down to `pinDepth` (-1: none).
   */
  constructor(
    private readonly source: NodeSource,
    cacheSize = 200_000,
    private readonly keyPrefix = 0,
    pinDepth = -1,
  ) {
    this.cache = new NodeCache(cacheSize, pinDepth);
  }

  /**
   * Applies sorted changes to the tree rooted at `base`, creating nodes at `version`.
   * PERF: O(changed keys × depth) node visits and hashes; reads are one getMany per tree level (cache misses only).
   */
  async applyBatch(base: Child, version: number, changes: LeafChange[]): Promise<TreeBatch> {
    const b = new BatchBuilder(this.keyPrefix, version, changes);
    let rootVisit: Visit | undefined;
    if (base && base.kind === INNER && changes.length) {
      rootVisit = {
        ref: base,
        depth: 0,
        lo: 0,
        hi: changes.length,
        key: nodeKey(this.keyPrefix, base.version, 0, changes[0].keyHash),
      };
      await this.load(rootVisit, changes);
    }
    const root = b.place(b.rebuild(base, rootVisit, 0, 0, changes.length), 0);
    if (b.relocations.length) {
      const nodes = await this.readNodes(b.relocations.map((r) => r.from));
      b.relocations.forEach((r, i) => {
        const n = nodes[i];
        if (n.kind !== LEAF) throw new StoreError('CORRUPT', 'relocated node is not a leaf');
        b.puts.push([r.to, n.raw]);
        b.nodes.push([r.to, n]);
      });
    }
    return { version, base, root, rootHash: rootHashOf(root), puts: b.puts, stale: b.stale, nodes: b.nodes };
  }

  /** Call once a batch is durably written: its nodes join the cache (the next block reads the same top levels). */
  committed(batch: TreeBatch): void {
    for (const [k, n] of batch.nodes) this.cache.set(toBin(k), n);
  }

  /** Phase 1: read the inner nodes on the changed paths, one level (one getMany) at a time. */
  private async load(root: Visit, ch: LeafChange[]): Promise<void> {
    const prefix = this.keyPrefix;
    let frontier: Visit[] = [root];
    while (frontier.length) {
      const nodes = await this.readNodes(frontier.map((v) => v.key));
      const next: Visit[] = [];
      for (let i = 0; i < frontier.length; i++) {
        const v = frontier[i];
        const node = nodes[i];
        if (node.kind !== INNER) throw new StoreError('CORRUPT', 'expected an inner node');
        v.node = node;
        const d = v.depth + 1;
        if (d > MAX_DEPTH) throw new StoreError('CORRUPT', 'tree deeper than 256');
        const mid = splitIndex(ch, v.lo, v.hi, v.depth);
        const { left, right } = node;
        if (mid > v.lo && left && left.kind === INNER) {
          v.left = { ref: left, depth: d, lo: v.lo, hi: mid, key: nodeKey(prefix, left.version, d, ch[v.lo].keyHash) };
          next.push(v.left);
        }
        if (v.hi > mid && right && right.kind === INNER) {
          v.right = {
            ref: right,
            depth: d,
            lo: mid,
            hi: v.hi,
            key: nodeKey(prefix, right.version, d, ch[mid].keyHash),
          };
          next.push(v.right);
        }
      }
      frontier = next;
    }
  }

  /** Cached or read in one getMany. A missing node of a kept version means a damaged database: fail loudly. */
  private async readNodes(keys: Uint8Array[]): Promise<TreeNode[]> {
    const out = new Array<TreeNode>(keys.length);
    const missKeys: Uint8Array[] = [];
    const missAt: number[] = [];
    const missBin: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const s = toBin(keys[i]);
      const n = this.cache.get(s);
      if (n) out[i] = n;
      else {
        missKeys.push(keys[i]);
        missAt.push(i);
        missBin.push(s);
      }
    }
    this.stats.lookups += keys.length;
    this.stats.misses += missKeys.length;
    if (missKeys.length) {
      const vals = await this.source.getMany(missKeys);
      for (let j = 0; j < missKeys.length; j++) {
        const raw = vals[j];
        if (!raw) throw new StoreError('MISSING_NODE', 'tree node not found', { nodeKey: toHex(missKeys[j]) });
        const n = decodeNode(raw);
        this.cache.set(missBin[j], n);
        out[missAt[j]] = n;
      }
    }
    return out;
  }

  /** Walks from `root` towards `key`. PERF: one (usually cached) node read per level. */
  async path(root: Child, key: Uint8Array): Promise<KeyPath> {
    const kh = sha256(key);
    const siblings: KeyPath['siblings'] = [];
    let ref = root;
    let depth = 0;
    while (ref) {
      if (ref.kind === LEAF && !bytesEqual(ref.keyHash!, kh)) break;
      const [node] = await this.readNodes([nodeKey(this.keyPrefix, ref.version, depth, kh)]);
      if (node.kind === LEAF) {
        return bytesEqual(node.keyHash, kh)
          ? { siblings, leaf: node, leafHash: ref.hash }
          : { siblings, leaf: undefined, leafHash: undefined };
      }
      const bit = bitAt(kh, depth);
      const sib = bit ? node.left : node.right;
      siblings.push({ bit, hash: sib?.hash });
      ref = bit ? node.right : node.left;
      depth++;
    }
    return { siblings, leaf: undefined, leafHash: undefined };
  }

  async get(root: Child, key: Uint8Array): Promise<Uint8Array | undefined> {
    return (await this.path(root, key)).leaf?.value;
  }
}

/** Phase 2 state: the synchronous rebuild of one batch. */
class BatchBuilder {
  readonly puts: Array<[Uint8Array, Uint8Array]> = [];
  readonly nodes: Array<[Uint8Array, TreeNode]> = [];
  readonly stale: Uint8Array[] = [];
  readonly relocations: Array<{ to: Uint8Array; from: Uint8Array }> = [];
  private readonly alloc = slabAlloc();

  constructor(
    private readonly prefix: number,
    private readonly version: number,
    private readonly ch: LeafChange[],
  ) {}

  /** PERF: O(changes in range × depth); returns `child` itself when nothing under it changed. */
  rebuild(child: Child, visit: Visit | undefined, depth: number, lo: number, hi: number): Sub {
    if (lo === hi) return child;
    if (child === null) return this.buildNew(depth, lo, hi);
    if (child.kind === LEAF) return this.mergeLeaf(child, depth, lo, hi);
    const node = visit!.node!;
    const mid = splitIndex(this.ch, lo, hi, depth);
    const l = this.rebuild(node.left, visit!.left, depth + 1, lo, mid);
    const r = this.rebuild(node.right, visit!.right, depth + 1, mid, hi);
    if (l === node.left && r === node.right) return child;
    this.stale.push(visit!.key);
    return this.combine(depth, l, r, this.ch[lo].keyHash);
  }

  /** Gives a sub-result its position at `depth`, writing it if it is a loose leaf. */
  place(s: Sub, depth: number): Child {
    if (!isLoose(s)) return s;
    const to = nodeKey(this.prefix, this.version, depth, s.keyHash);
    if (s.leaf) {
      this.puts.push([to, s.leaf.raw]);
      this.nodes.push([to, s.leaf]);
    } else this.relocations.push({ to, from: s.from! });
    return { kind: LEAF, hash: s.hash, version: this.version, keyHash: s.keyHash };
  }

  /** The node at (depth, path) with children l and r, lifting a lone leaf instead of wrapping it. */
  private combine(depth: number, l: Sub, r: Sub, path: Uint8Array): Sub {
    if (l === null && r === null) return null;
    if (l === null && (isLoose(r) || r!.kind === LEAF)) return this.loosen(r!, depth + 1);
    if (r === null && (isLoose(l) || l!.kind === LEAF)) return this.loosen(l!, depth + 1);
    const left = this.place(l, depth + 1);
    const right = this.place(r, depth + 1);
    const key = nodeKey(this.prefix, this.version, depth, path);
    this.puts.push([key, encodeInner(left, right, this.alloc)]);
    this.nodes.push([key, { kind: INNER, left, right }]);
    return { kind: INNER, hash: innerHash(left?.hash, right?.hash), version: this.version };
  }

  /** A leaf that will change depth: a placed one leaves its old node key (now stale) and is copied later. */
  private loosen(s: Loose | Ref, depth: number): Loose {
    if (isLoose(s)) return s;
    const from = nodeKey(this.prefix, s.version, depth, s.keyHash!);
    this.stale.push(from);
    return { loose: true, hash: s.hash, keyHash: s.keyHash!, from };
  }

  private newLeaf(c: LeafChange, hash: Uint8Array): Loose {
    const value = c.value!;
    const leaf: LeafNode = {
      kind: LEAF,
      keyHash: c.keyHash,
      key: c.key,
      value,
      raw: encodeLeaf(c.keyHash, c.key, value, this.alloc),
    };
    return { loose: true, hash, keyHash: c.keyHash, leaf };
  }

  private buildNew(depth: number, lo: number, hi: number): Sub {
    const items: Loose[] = [];
    for (let i = lo; i < hi; i++) {
      const c = this.ch[i];
      if (c.value !== null) items.push(this.newLeaf(c, leafHash(c.keyHash, c.value)));
    }
    return this.build(depth, items, 0, items.length);
  }

  /**
   * Merges changes into a subtree that is one existing leaf, known only by its parent's record (hash, key hash):
   * no read unless the leaf survives beside new keys and must move down. Returns `child` if nothing changed.
   */
  private mergeLeaf(child: Ref, depth: number, lo: number, hi: number): Sub {
    const kh = child.keyHash!;
    let existing: Loose | undefined;
    const keep = () =>
      (existing ??= {
        loose: true,
        hash: child.hash,
        keyHash: kh,
        from: nodeKey(this.prefix, child.version, depth, kh),
      });
    const items: Loose[] = [];
    let placed = false;
    let changed = false;
    for (let i = lo; i < hi; i++) {
      const c = this.ch[i];
      const cmp = compareBytes(c.keyHash, kh);
      if (cmp > 0 && !placed) {
        items.push(keep());
        placed = true;
      }
      if (cmp === 0) {
        placed = true;
        if (c.value === null) {
          changed = true;
          continue;
        }
        const h = leafHash(c.keyHash, c.value);
        if (bytesEqual(h, child.hash))
          items.push(keep()); // same value
        else {
          changed = true;
          items.push(this.newLeaf(c, h));
        }
      } else if (c.value !== null) {
        changed = true;
        items.push(this.newLeaf(c, leafHash(c.keyHash, c.value)));
      }
    }
    if (!placed) items.push(keep());
    if (!changed) return child;
    this.stale.push(existing?.from ?? nodeKey(this.prefix, child.version, depth, kh));
    return this.build(depth, items, 0, items.length);
  }

  /** The canonical subtree of sorted loose leaves at `depth`. */
  private build(depth: number, items: Loose[], lo: number, hi: number): Sub {
    if (hi - lo === 0) return null;
    if (hi - lo === 1) return items[lo];
    if (depth >= MAX_DEPTH) throw new StoreError('CORRUPT', 'two keys with the same hash');
    let mid = lo;
    while (mid < hi && !bitAt(items[mid].keyHash, depth)) mid++;
    return this.combine(
      depth,
      this.build(depth + 1, items, lo, mid),
      this.build(depth + 1, items, mid, hi),
      items[lo].keyHash,
    );
  }
}
