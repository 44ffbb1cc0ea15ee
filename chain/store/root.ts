// The root of a whole key/value set computed from scratch, with no database: the reference the incremental tree
// must agree with (tests), and a cheap check of a loaded state against its stored root.
import { compareBytes, sha256 } from './bytes.js';
import { innerHash, leafHash, ZERO32 } from './hash.js';
import { bitAt } from './nodes.js';

interface HashedLeaf {
  keyHash: Uint8Array;
  hash: Uint8Array;
}

/** PERF: O(n log n): three sha256 per entry, a sort, and one sha256 per inner node. */
export function computeRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const leaves: HashedLeaf[] = [];
  for (const [k, v] of entries) {
    const keyHash = sha256(k);
    leaves.push({ keyHash, hash: leafHash(keyHash, v) });
  }
  leaves.sort((a, b) => compareBytes(a.keyHash, b.keyHash));
  for (let i = 1; i < leaves.length; i++) {
    if (compareBytes(leaves[i - 1].keyHash, leaves[i].keyHash) === 0) throw new Error('computeRoot: duplicate key');
  }
  return subtree(leaves, 0, leaves.length, 0) ?? ZERO32;
}

function subtree(l: HashedLeaf[], lo: number, hi: number, depth: number): Uint8Array | undefined {
  if (hi === lo) return undefined;
  if (hi - lo === 1) return l[lo].hash;
  let mid = lo;
  while (mid < hi && !bitAt(l[mid].keyHash, depth)) mid++;
  return innerHash(subtree(l, lo, mid, depth + 1), subtree(l, mid, hi, depth + 1));
}
