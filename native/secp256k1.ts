// secp256k1 ECDSA verification for Cosmos tx signatures: libsecp256k1 (native) when it loads, @noble/curves otherwise.
// Both backends reject high-S and malformed input by returning false (the rules live in secp256k1-backends.mjs,
// shared with the verify-pool workers).
import { pickBackend, type Secp256k1Backend } from './secp256k1-backends.mjs';
import { silentLogger, type Logger } from '../chain/logger.js';

export type { Secp256k1Backend };

export interface Secp256k1Verifier {
  readonly backend: Secp256k1Backend;
  /** msgHash: 32-byte sha256 of the sign bytes; sig: 64-byte r‖s (low S); pubKey: 33-byte compressed. */
  verify(msgHash: Uint8Array, sig: Uint8Array, pubKey: Uint8Array): boolean;
}

/** Native if it loads (unless `prefer` is 'js'), else the pure-JS fallback; logs the choice. */
export function createVerifier(prefer: 'native' | 'js' = 'native', logger: Logger = silentLogger): Secp256k1Verifier {
  const picked = pickBackend(prefer);
  if (picked.loadError) {
    logger.warn('secp256k1: native libsecp256k1 failed to load, using the slower noble fallback', {
      error: picked.loadError,
    });
  } else {
    logger.info('secp256k1: verification backend', { backend: picked.backend });
  }
  return { backend: picked.backend, verify: picked.verify };
}
