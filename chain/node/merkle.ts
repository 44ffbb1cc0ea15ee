// RFC 6962 simple Merkle tree, as CometBFT's crypto/merkle HashFromByteSlices: leaf = sha256(0x00‖item),
// inner = sha256(0x01‖left‖right), split at the largest power of two below n, empty tree = sha256("").
import { concatBytes, sha256 } from '../store/bytes.js';

export { sha256 };

const leafHash = (leaf: Uint8Array) => sha256(concatBytes(Uint8Array.of(0), leaf));
const innerHash = (l: Uint8Array, r: Uint8Array) => sha256(concatBytes(Uint8Array.of(1), l, r));

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function merkleRoot(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return sha256(new Uint8Array(0));
  if (items.length === 1) return leafHash(items[0]);
  const k = splitPoint(items.length);
  return innerHash(merkleRoot(items.slice(0, k)), merkleRoot(items.slice(k)));
}
