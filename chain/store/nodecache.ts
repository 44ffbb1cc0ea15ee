// A bounded cache of decoded tree nodes by node key. Two generations instead of a true LRU: lookups hit `young`
// or promote from `old`; when `young` fills, it becomes `old` and the previous `old` is dropped. Every node used in
// the last ~capacity/2 lookups stays, with O(1) work and no linked list. Only committed nodes go in.
import type { TreeNode } from './nodes.js';

export class NodeCache {
  private young = new Map<string, TreeNode>();
  private old = new Map<string, TreeNode>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: string): TreeNode | undefined {
    const n = this.young.get(key);
    if (n !== undefined) return n;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: string, node: TreeNode): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, node);
  }

  get size(): number { return this.young.size + this.old.size; }

  clear(): void { this.young.clear(); this.old.clear(); }
}
