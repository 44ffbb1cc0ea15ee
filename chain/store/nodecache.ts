// A cache of decoded tree nodes by node key, in two parts:
// - pinned: for every position (depth, path) down to `pinDepth`, the newest node seen there. Every block walks the
//   top of the tree, so these stay hot; holding them by position (not by recency) keeps them from being pushed out
//   by the deeper, rarely reused nodes. Bounded by 2^(pinDepth+1) entries.
// - young/old: two generations for everything else (deeper nodes, old versions): lookups hit `young` or promote
//   from `old`; when `young` fills it becomes `old` and the previous `old` is dropped. O(1), no linked list.
// Only committed nodes go in. Keys are node keys as binary strings: prefix ‖ version u64 ‖ depth u16 ‖ path.
import type { TreeNode } from './nodes.js';

interface Pinned {
  key: string;
  node: TreeNode;
}

export class NodeCache {
  private young = new Map<string, TreeNode>();
  private old = new Map<string, TreeNode>();
  private readonly pinned = new Map<string, Pinned>();
  private readonly half: number;

  constructor(
    capacity: number,
    private readonly pinDepth = -1,
  ) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  /** PERF: one or two Map lookups. */
  get(key: string): TreeNode | undefined {
    const n = this.young.get(key);
    if (n !== undefined) return n;
    if (depthOf(key) <= this.pinDepth) {
      const p = this.pinned.get(key.slice(9));
      if (p !== undefined && p.key === key) return p.node;
    }
    const o = this.old.get(key);
    if (o !== undefined) this.setRecent(key, o);
    return o;
  }

  set(key: string, node: TreeNode): void {
    if (depthOf(key) <= this.pinDepth) {
      const pos = key.slice(9);
      const p = this.pinned.get(pos);
      // Versions are big-endian, so string order of the version bytes is numeric order.
      if (p === undefined || p.key.slice(1, 9) <= key.slice(1, 9)) {
        this.pinned.set(pos, { key, node });
        return;
      }
    }
    this.setRecent(key, node);
  }

  private setRecent(key: string, node: TreeNode): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, node);
  }

  get size(): number {
    return this.young.size + this.old.size + this.pinned.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
    this.pinned.clear();
  }
}

function depthOf(key: string): number {
  return (key.charCodeAt(9) << 8) | key.charCodeAt(10);
}
