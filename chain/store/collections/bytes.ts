// The few byte operations collections need. Kept here (not imported from chain/types) so chain/store imports nothing
// outside itself.

export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** The smallest key greater than every key starting with `prefix`; undefined when there is none (all 0xff). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i] < 0xff) { const end = prefix.slice(0, i + 1); end[i]++; return end; }
  }
  return undefined;
}

/** Byte-wise (LevelDB) order. */
export const compare = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

/** A broken stored key or value: the state is corrupt, which must halt the node, never become a tx error. */
export class CollectionError extends Error {
  constructor(message: string) { super(`collections: ${message}`); this.name = 'CollectionError'; }
}
