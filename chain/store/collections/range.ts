// Ranges over a collection's keys: an optional prefix (leading tuple components) and bounds, each a whole key or
// leading components. Bounds become byte bounds, so a range costs exactly the entries it yields.
import { compareBytes, prefixEnd } from '../bytes.js';
import { CollectionError } from './errors.js';
import type { KeyCodec } from './keys.js';
import type { Leading, TupleKeyCodec } from './tuple.js';

/** The leading components a tuple key can be ranged by; nothing for a single-component key. */
export type PrefixOf<K> = K extends unknown[] ? Leading<K> : never;

export interface Range<K> {
  /** Only keys that start with these leading components. */
  prefix?: PrefixOf<K>;
  /** Inclusive lower bound. */
  from?: K | PrefixOf<K>;
  /** Exclusive upper bound. */
  to?: K | PrefixOf<K>;
  /** Inclusive upper bound: every key that starts with it (e.g. `through: [time]` = all entries due by `time`). */
  through?: K | PrefixOf<K>;
  /** Descending order. */
  reverse?: boolean;
}

/** Encodes a whole key, or leading components of a tuple key. */
export function encodeBound<K>(codec: KeyCodec<K>, x: K | PrefixOf<K>): Uint8Array {
  const t = codec as unknown as Partial<TupleKeyCodec<unknown[]>>;
  if (t.arity !== undefined && Array.isArray(x) && x.length < t.arity) return t.encodePrefix!(x as never);
  return codec.encode(x as K);
}

const max = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  !a ? b : !b ? a : compareBytes(a, b) >= 0 ? a : b;
const min = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  !a ? b : !b ? a : compareBytes(a, b) <= 0 ? a : b;

/** Byte bounds [start, end) relative to the collection's own key space; undefined = open. */
export function byteBounds<K>(
  codec: KeyCodec<K>,
  r: Range<K> = {},
): { start?: Uint8Array; end?: Uint8Array; empty: boolean } {
  if (r.to !== undefined && r.through !== undefined)
    throw new CollectionError('a range takes `to` or `through`, not both');
  let start: Uint8Array | undefined, end: Uint8Array | undefined;
  if (r.prefix !== undefined) {
    start = encodeBound(codec, r.prefix);
    end = prefixEnd(start); // undefined for a prefix of all 0xff bytes: it runs to the end of the space
  }
  if (r.from !== undefined) start = max(start, encodeBound(codec, r.from));
  const upper =
    r.to !== undefined
      ? encodeBound(codec, r.to)
      : r.through !== undefined
        ? prefixEnd(encodeBound(codec, r.through))
        : undefined;
  if (upper) end = min(end, upper);
  return { start, end, empty: !!(start && end && compareBytes(start, end) >= 0) };
}
