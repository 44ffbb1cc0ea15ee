// The tree's hash functions. Leaf = sha256(0x00 ‖ sha256(key) ‖ sha256(value)); inner = sha256(0x01 ‖ left ‖ right)
// with an empty child as 32 zero bytes; empty tree = 32 zero bytes.
import { sha256 } from './bytes.js';

export const ZERO32: Uint8Array = new Uint8Array(32);

const leafBuf = new Uint8Array(65);
const innerBuf = new Uint8Array(65);
innerBuf[0] = 1;

/** Leaf hash from the key hash and the value. PERF: two sha256 calls. */
export function leafHash(keyHash: Uint8Array, value: Uint8Array): Uint8Array {
  leafBuf[0] = 0;
  leafBuf.set(keyHash, 1);
  leafBuf.set(sha256(value), 33);
  return sha256(leafBuf);
}

/** Inner hash of two children (undefined = empty). PERF: one sha256 of 65 bytes, no other allocation. */
export function innerHash(left: Uint8Array | undefined, right: Uint8Array | undefined): Uint8Array {
  innerBuf.set(left ?? ZERO32, 1);
  innerBuf.set(right ?? ZERO32, 33);
  return sha256(innerBuf);
}
