// Tree nodes, their encoding, and node keys.
// A node is stored under its node key = [db prefix byte] ‖ version (u64 BE) ‖ depth (u16 BE) ‖ the first `depth`
// bits of its path (packed MSB first, trailing bits zero) — unique per version, never the hash, so a node recreated
// later with the same hash never collides with a stale copy that pruning will delete. The leading byte is the
// database prefix of tree nodes, so keys go to LevelDB without being copied again.
//   inner: 0x01 ‖ left child ‖ right child, each child = kind (0 empty, 1 inner, 2 leaf) ‖ hash 32 ‖ version u64 ‖
//          key hash 32 (leaf children only, else zeros): knowing a leaf child's key hash lets an update or delete of
//          that key skip reading the leaf.
//   leaf:  0x02 ‖ sha256(key) 32 ‖ key length u32 BE ‖ key ‖ value
import { readU64Num, writeU64Num } from './binkey.js';
import { StoreError } from './errors.js';

export const INNER = 1;
export const LEAF = 2;

/**
 * A pointer to a stored node: what it is, its hash, the version it was written at (to find its node key), and for
 * a leaf its key hash.
 */
export interface Ref {
  kind: typeof INNER | typeof LEAF;
  hash: Uint8Array;
  version: number;
  keyHash?: Uint8Array;
}
export type Child = Ref | null;

export interface InnerNode {
  kind: typeof INNER;
  left: Child;
  right: Child;
}
export interface LeafNode {
  kind: typeof LEAF;
  keyHash: Uint8Array;
  key: Uint8Array;
  value: Uint8Array;
  raw: Uint8Array;
}
export type TreeNode = InnerNode | LeafNode;

export const MAX_DEPTH = 256;

/** Bit `i` (MSB first) of a 32-byte path. */
export function bitAt(path: Uint8Array, i: number): number {
  return (path[i >> 3] >> (7 - (i & 7))) & 1;
}

/** PERF: one allocation of 11 + ceil(depth/8) bytes. */
export function nodeKey(prefix: number, version: number, depth: number, path: Uint8Array): Uint8Array {
  const nbytes = (depth + 7) >> 3;
  const out = new Uint8Array(11 + nbytes);
  out[0] = prefix;
  writeU64Num(out, 1, version);
  out[9] = depth >> 8;
  out[10] = depth & 0xff;
  for (let i = 0; i < nbytes; i++) out[11 + i] = path[i];
  const rem = depth & 7;
  if (rem) out[10 + nbytes] &= (0xff << (8 - rem)) & 0xff;
  return out;
}

/** The version inside a node key. */
export function nodeKeyVersion(key: Uint8Array): number {
  return readU64Num(key, 1);
}

/** A copy of `path` with bit `i` set to `bit`. */
export function withBit(path: Uint8Array, i: number, bit: number): Uint8Array {
  const out = path.slice();
  const mask = 1 << (7 - (i & 7));
  if (bit) out[i >> 3] |= mask;
  else out[i >> 3] &= ~mask & 0xff;
  return out;
}

const CHILD_LEN = 73;
const INNER_LEN = 1 + 2 * CHILD_LEN;

function writeChild(out: Uint8Array, off: number, c: Child): void {
  if (!c) return; // already zero
  out[off] = c.kind;
  out.set(c.hash, off + 1);
  writeU64Num(out, off + 33, c.version);
  if (c.keyHash) out.set(c.keyHash, off + 41);
}

function readChild(b: Uint8Array, off: number): Child {
  const kind = b[off];
  if (kind === 0) return null;
  if (kind === INNER) return { kind, hash: b.subarray(off + 1, off + 33), version: readU64Num(b, off + 33) };
  if (kind === LEAF) {
    return {
      kind,
      hash: b.subarray(off + 1, off + 33),
      version: readU64Num(b, off + 33),
      keyHash: b.subarray(off + 41, off + 73),
    };
  }
  throw new StoreError('CORRUPT', `bad child kind ${kind}`);
}

/** Allocates zeroed bytes; a batch passes a slab allocator so thousands of small nodes share a few buffers. */
export type Alloc = (n: number) => Uint8Array;
const plainAlloc: Alloc = (n) => new Uint8Array(n);

/** A bump allocator over 64 KiB zeroed chunks. PERF: avoids one ArrayBuffer (and its GC tracking) per node. */
export function slabAlloc(): Alloc {
  let chunk = new Uint8Array(0);
  let pos = 0;
  return (n) => {
    if (n > 4096) return new Uint8Array(n);
    if (pos + n > chunk.length) {
      chunk = new Uint8Array(65536);
      pos = 0;
    }
    return chunk.subarray(pos, (pos += n));
  };
}

export function encodeInner(left: Child, right: Child, alloc: Alloc = plainAlloc): Uint8Array {
  const out = alloc(INNER_LEN);
  out[0] = INNER;
  writeChild(out, 1, left);
  writeChild(out, 1 + CHILD_LEN, right);
  return out;
}

export function encodeLeaf(
  keyHash: Uint8Array,
  key: Uint8Array,
  value: Uint8Array,
  alloc: Alloc = plainAlloc,
): Uint8Array {
  const out = alloc(37 + key.length + value.length);
  out[0] = LEAF;
  out.set(keyHash, 1);
  const n = key.length;
  out[33] = n >>> 24;
  out[34] = (n >>> 16) & 0xff;
  out[35] = (n >>> 8) & 0xff;
  out[36] = n & 0xff;
  out.set(key, 37);
  out.set(value, 37 + n);
  return out;
}

export function decodeNode(b: Uint8Array): TreeNode {
  if (b[0] === INNER && b.length === INNER_LEN)
    return { kind: INNER, left: readChild(b, 1), right: readChild(b, 1 + CHILD_LEN) };
  if (b[0] === LEAF && b.length >= 37) {
    const n = ((b[33] << 24) >>> 0) + (b[34] << 16) + (b[35] << 8) + b[36];
    if (37 + n <= b.length) {
      return { kind: LEAF, keyHash: b.subarray(1, 33), key: b.subarray(37, 37 + n), value: b.subarray(37 + n), raw: b };
    }
  }
  throw new StoreError('CORRUPT', 'undecodable tree node');
}

/** A version's root record: the root child (kind 0 = empty tree). */
export function encodeRoot(root: Child): Uint8Array {
  const out = new Uint8Array(CHILD_LEN);
  writeChild(out, 0, root);
  return out;
}

export function decodeRoot(b: Uint8Array): Child {
  if (b.length !== CHILD_LEN) throw new StoreError('CORRUPT', 'bad root record');
  return readChild(b, 0);
}
