// The one bytes/hash helper module: sha256, hex, UTF-8, concatenation, byte order, big-endian u64. It lives at the
// bottom of chain/ (the store builds on it, and it imports nothing of the project), so chain/store, chain/types,
// chain/app, chain/node, native and modules can all import it without a cycle.
import * as crypto from 'node:crypto';

// crypto.hash (Node >= 20.12) is a one-shot digest without a Hash object; fall back to createHash elsewhere.
const oneShot = (crypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;

/** sha256 digest (32 bytes). PERF: ~0.5-1 µs for short inputs (one native call). */
export const sha256: (data: Uint8Array) => Uint8Array = oneShot
  ? (data) => oneShot('sha256', data, 'buffer')
  : (data) => crypto.createHash('sha256').update(data).digest();

/** sha256 as lower-case hex (model ids, content hashes). */
export const sha256Hex = (data: Uint8Array): string => toHex(sha256(data));

/** Lower-case hex. */
export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

/** Upper-case hex, as CometBFT prints hashes and addresses. */
export const toHexUpper = (b: Uint8Array): string => toHex(b).toUpperCase();

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** True for an even-length string of hex digits (either case; the empty string is zero bytes). */
export const isHex = (s: string): boolean => HEX_RE.test(s);

/** Hex (either case) -> bytes. Unlike Buffer.from(s, 'hex'), which stops silently at the first bad digit, it throws. */
export function fromHex(s: string): Uint8Array {
  if (!isHex(s))
    throw new RangeError(`not an even-length hex string: ${JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)}`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Byte-wise order (LevelDB's), shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** uint64 big-endian, so LevelDB order is numeric order. Outside [0, 2^64) throws rather than wrapping. */
export function u64(n: bigint): Uint8Array {
  if (n < 0n || n >= 1n << 64n) throw new RangeError(`u64 out of range: ${n}`);
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
}

export function readU64(b: Uint8Array, offset = 0): bigint {
  return new DataView(b.buffer, b.byteOffset + offset, 8).getBigUint64(0);
}

/** A length-prefixed component (for variable-length parts of keys, e.g. an address). */
export function lenPrefixed(b: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(b.length), b);
}

/** The smallest key greater than every key starting with `prefix` (undefined when there is none). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = prefix.slice();
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return undefined;
}
