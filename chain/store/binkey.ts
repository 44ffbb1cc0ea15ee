// The store's internal key helpers. Keys travel inside the store as latin1 "binary strings" (one char per byte), so
// JS string comparison (UTF-16 code units, all < 256 here) is exactly byte order. Versions are safe integers
// (numbers), written as u64 BE; general byte helpers (bigint u64, hex, sha256) are in bytes.ts.
import { StoreError } from './errors.js';

/** Key bytes -> binary string. PERF: ~50-150 ns for a typical 20-60 byte key. */
export function toBin(b: Uint8Array): string {
  if (b.length <= 256) return String.fromCharCode.apply(null, b as unknown as number[]);
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}

/** Binary string -> bytes (a Buffer, which is a Uint8Array). */
export function fromBin(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

/** Ascending byte order on binary strings. */
export function compareBin(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function assertKey(key: Uint8Array): void {
  if (key.length === 0) throw new StoreError('EMPTY_KEY', 'store keys must not be empty');
}

/** Big-endian uint64 of a safe integer, written at `off`. */
export function writeU64Num(out: Uint8Array, off: number, n: number): void {
  const hi = Math.floor(n / 0x1_0000_0000);
  const lo = n >>> 0;
  out[off] = hi >>> 24;
  out[off + 1] = (hi >>> 16) & 0xff;
  out[off + 2] = (hi >>> 8) & 0xff;
  out[off + 3] = hi & 0xff;
  out[off + 4] = lo >>> 24;
  out[off + 5] = (lo >>> 16) & 0xff;
  out[off + 6] = (lo >>> 8) & 0xff;
  out[off + 7] = lo & 0xff;
}

export function readU64Num(b: Uint8Array, off: number): number {
  const hi = ((b[off] << 24) >>> 0) + (b[off + 1] << 16) + (b[off + 2] << 8) + b[off + 3];
  const lo = ((b[off + 4] << 24) >>> 0) + (b[off + 5] << 16) + (b[off + 6] << 8) + b[off + 7];
  return hi * 0x1_0000_0000 + lo;
}

export function u64Num(n: number): Uint8Array {
  const b = new Uint8Array(8);
  writeU64Num(b, 0, n);
  return b;
}

/** prefix byte ‖ parts, in one allocation. */
export function prefixed(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  let len = 1;
  for (const p of parts) len += p.length;
  const out = Buffer.allocUnsafe(len);
  out[0] = prefix;
  let off = 1;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** prefix byte ‖ the bytes of a binary-string key. */
export function prefixedBin(prefix: number, s: string): Uint8Array {
  const out = Buffer.allocUnsafe(1 + s.length);
  out[0] = prefix;
  out.write(s, 1, 'latin1');
  return out;
}
