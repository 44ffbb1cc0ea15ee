// Composite keys: components concatenated in order, so entries sort by the first component, then the second, ...
// Every component but the last must be self-delimiting; then the encoding of leading components is a byte prefix of
// exactly the keys that start with them, which is what prefix ranges iterate.
import { concatBytes } from '../bytes.js';
import { CollectionError } from './errors.js';
import type { KeyCodec } from './keys.js';

type Codecs<T extends unknown[]> = { [I in keyof T]: KeyCodec<T[I]> };

/** The proper leading parts of a tuple type: [A, B, C] -> [A] | [A, B]. */
export type Leading<T extends unknown[]> = T extends [...infer H, unknown]
  ? H extends []
    ? never
    : H | Leading<H>
  : never;

export interface TupleKeyCodec<T extends unknown[]> extends KeyCodec<T> {
  readonly arity: number;
  /** Bytes shared by every key that starts with these leading components. */
  encodePrefix(parts: Leading<T>): Uint8Array;
}

export function tupleKey<T extends unknown[]>(...codecs: Codecs<T>): TupleKeyCodec<T> {
  const cs = codecs as unknown as KeyCodec<unknown>[];
  if (cs.length < 2) throw new CollectionError('a tuple key needs at least two components');
  cs.slice(0, -1).forEach((c, i) => {
    if (!c.selfDelimiting)
      throw new CollectionError(`tuple component ${i} (${c.name}) is not self-delimiting and not last`);
  });
  const name = `(${cs.map((c) => c.name).join(', ')})`;
  const encodeParts = (parts: unknown[]) => concatBytes(...parts.map((p, i) => cs[i].encode(p)));
  return {
    name,
    arity: cs.length,
    selfDelimiting: cs[cs.length - 1].selfDelimiting,
    encode(k) {
      if (k.length !== cs.length) throw new CollectionError(`${name} key with ${k.length} components`);
      return encodeParts(k);
    },
    encodePrefix(parts) {
      const p = parts as unknown[];
      if (p.length === 0 || p.length >= cs.length)
        throw new CollectionError(`${name} prefix with ${p.length} components`);
      return encodeParts(p);
    },
    read(b, o) {
      const out: unknown[] = [];
      for (const c of cs) {
        const [v, next] = c.read(b, o);
        out.push(v);
        o = next;
      }
      return [out as T, o];
    },
    show: (k) => `(${k.map((v, i) => cs[i].show(v)).join(', ')})`,
  };
}
