// Views over a KVStore: a prefixed view (each module sees only its own key space) and a gas-metered view.
import type { Entry, KVStore } from '../store/types.js';
import { concatBytes, prefixEnd } from '../store/bytes.js';
import type { GasMeter } from './gas.js';
import { kvGas } from './gas.js';

export class PrefixStore implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly prefix: Uint8Array,
  ) {}
  private k(key: Uint8Array): Uint8Array {
    return concatBytes(this.prefix, key);
  }
  get(key: Uint8Array) {
    return this.parent.get(this.k(key));
  }
  has(key: Uint8Array) {
    return this.parent.has(this.k(key));
  }
  set(key: Uint8Array, value: Uint8Array) {
    this.parent.set(this.k(key), value);
  }
  delete(key: Uint8Array) {
    this.parent.delete(this.k(key));
  }
  *iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): Iterable<Entry> {
    const s = start ? this.k(start) : this.prefix;
    const e = end ? this.k(end) : prefixEnd(this.prefix);
    const n = this.prefix.length;
    for (const [k, v] of this.parent.iterate(s, e, reverse)) yield [k.subarray(n), v];
  }
}

export class GasStore implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly gas: GasMeter,
  ) {}
  get(key: Uint8Array) {
    this.gas.consume(kvGas.readCostFlat, 'ReadFlat');
    const v = this.parent.get(key);
    this.gas.consume(kvGas.readCostPerByte * (key.length + (v?.length ?? 0)), 'ReadPerByte');
    return v;
  }
  has(key: Uint8Array) {
    this.gas.consume(kvGas.hasCost, 'Has');
    return this.parent.has(key);
  }
  set(key: Uint8Array, value: Uint8Array) {
    this.gas.consume(kvGas.writeCostFlat, 'WriteFlat');
    this.gas.consume(kvGas.writeCostPerByte * (key.length + value.length), 'WritePerByte');
    this.parent.set(key, value);
  }
  delete(key: Uint8Array) {
    this.gas.consume(kvGas.deleteCost, 'Delete');
    this.parent.delete(key);
  }
  *iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): Iterable<Entry> {
    for (const [k, v] of this.parent.iterate(start, end, reverse)) {
      this.gas.consume(kvGas.iterNextCostFlat, 'IterNextFlat');
      this.gas.consume(kvGas.readCostPerByte * (k.length + v.length), 'ValuePerByte');
      yield [k, v];
    }
  }
}
