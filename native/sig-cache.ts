// A bounded LRU set of signature checks that passed, so FinalizeBlock can skip re-verifying a tx already verified in
// CheckTx. Only positive results go in: a miss just means "verify again", so the cache can never change a result.
import { sha256 } from '@noble/hashes/sha2.js';

/** Key for a verified triple when the digest of the sign bytes is already at hand (secp256k1 signs sha256(signDoc)). */
export function sigCacheKeyFromHash(msgHash: Uint8Array, pubKey: Uint8Array, sig: Uint8Array): string {
  // Lengths go in too, so a byte can never slide from pubKey into sig and collide.
  return `${Buffer.from(msgHash).toString('latin1')}|${pubKey.length}|${Buffer.from(pubKey).toString('latin1')}|${Buffer.from(sig).toString('latin1')}`;
}

/** Key for (sha256(signBytes) ‖ pubKey ‖ sig). */
export function sigCacheKey(signBytes: Uint8Array, pubKey: Uint8Array, sig: Uint8Array): string {
  return sigCacheKeyFromHash(sha256(signBytes), pubKey, sig);
}

export class SigCache {
  // A Map iterates in insertion order: the first key is the least recently used.
  private readonly entries = new Map<string, true>();

  constructor(readonly capacity: number = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('SigCache capacity must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  /** True if this triple verified before; refreshes its recency. */
  has(key: string): boolean {
    if (!this.entries.delete(key)) return false;
    this.entries.set(key, true);
    return true;
  }

  /** Record a signature that verified. Never call this for a failed verification. */
  add(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, true);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
