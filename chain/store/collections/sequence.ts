// Sequence: a counter under one key, stored as u64 big-endian (account numbers, slash ids). Absent means 0.
import { Item } from './item.js';
import type { StoreSource } from './source.js';
import { u64Value } from './values.js';

export class Sequence {
  private readonly item: Item<bigint>;
  constructor(
    readonly name: string,
    storePrefix: Uint8Array,
    key: Uint8Array,
  ) {
    this.item = new Item(name, storePrefix, key, u64Value);
  }
  /** The next value, without taking it. */
  peek(src: StoreSource): bigint {
    return this.item.get(src) ?? 0n;
  }
  /** Takes the next value: returns it and stores it + 1. */
  next(src: StoreSource): bigint {
    const n = this.peek(src);
    this.item.set(src, n + 1n);
    return n;
  }
  set(src: StoreSource, n: bigint): void {
    this.item.set(src, n);
  }
}
