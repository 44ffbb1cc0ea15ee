// Views over a KVStore: a prefixed view (each module sees only its own key space) and a gas-metered view.
import type { Entry, KVStore } from '../store/types.js';
import type { GasMeter } from './gas.js';
import { kvGas } from './gas.js';

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** The smallest key greater than every key starting with `prefix` (undefined when there is none). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = prefix.slice();
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) { end[i]++; return end.subarray(0, i + 1); }
  }
  return undefined;
}

export class PrefixStore implements KVStore {
  constructor(private readonly parent: KVStore, private readonly prefix: Uint8Array) {}
  private k(key: Uint8Array): Uint8Array { return concatBytes(this.prefix, key); }
  get(key: Uint8Array) { return this.parent.get(this.k(key)); }
  has(key: Uint8Array) { return this.parent.has(this.k(key)); }
  set(key: Uint8Array, value: Uint8Array) { this.parent.set(this.k(key), value); }
  delete(key: Uint8Array) { this.parent.delete(this.k(key)); }
  *iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): Iterable<Entry> {
    const s = start ? this.k(start) : this.prefix;
    const e = end ? this.k(end) : prefixEnd(this.prefix);
    const n = this.prefix.length;
    for (const [k, v] of this.parent.iterate(s, e, reverse)) yield [k.subarray(n), v];
  }
}

export class GasStore implements KVStore {
  constructor(private readonly parent: KVStore, private readonly gas: GasMeter) {}
  get(key: Uint8Array) {
    this.gas.consume(kvGas.readCostFlat, 'ReadFlat');
    const v = this.parent.get(key);
    this.gas.consume(kvGas.readCostPerByte * (key.length + (v?.length ?? 0)), 'ReadPerByte');
    return v;
  }
  has(key: Uint8Array) { this.gas.consume(kvGas.hasCost, 'Has'); return this.parent.has(key); }
  set(key: Uint8Array, value: Uint8Array) {
    this.gas.consume(kvGas.writeCostFlat, 'WriteFlat');
    this.gas.consume(kvGas.writeCostPerByte * (key.length + value.length), 'WritePerByte');
    this.parent.set(key, value);
  }
  delete(key: Uint8Array) { this.gas.consume(kvGas.deleteCost, 'Delete'); this.parent.delete(key); }
  *iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): Iterable<Entry> {
    for (const [k, v] of this.parent.iterate(start, end, reverse)) {
      this.gas.consume(kvGas.iterNextCostFlat, 'IterNextFlat');
      this.gas.consume(kvGas.readCostPerByte * (k.length + v.length), 'ValuePerByte');
      yield [k, v];
    }
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

/** uint64 big-endian, so LevelDB order is numeric order. */
export function u64(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
}
export function readU64(b: Uint8Array, offset = 0): bigint {
  return new DataView(b.buffer, b.byteOffset + offset, 8).getBigUint64(0);
}

/** Byte-wise order (LevelDB's), shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}
/** A length-prefixed component (for variable-length parts of keys, e.g. an address). */
export function lenPrefixed(b: Uint8Array): Uint8Array { return concatBytes(Uint8Array.of(b.length), b); }
