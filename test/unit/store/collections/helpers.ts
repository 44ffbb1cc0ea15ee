// A StoreSource over a MemState, as the Context provides one (ctx.kv(prefix) is a PrefixStore over ctx.store).
import { MemState } from '../../../../chain/store/memstate.js';
import { PrefixStore } from '../../../../chain/types/kv-views.js';
import type { StoreSource } from '../../../../chain/store/collections/index.js';

export function memSource(): StoreSource & { state: MemState } {
  const state = new MemState();
  return { state, kv: (prefix: Uint8Array) => new PrefixStore(state, prefix) };
}

export const bytes = (...parts: Array<number | number[] | Uint8Array | string>): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'number' ? [p] : typeof p === 'string' ? [...Buffer.from(p)] : [...p])),
  );

export const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : 'undefined');
