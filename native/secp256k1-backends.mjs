// The secp256k1 verification backends, in plain JS so the verify-pool's worker threads can load them without tsx.
// One source of truth for the acceptance rules: 32-byte digest, 64-byte compact r‖s with low S, 33-byte compressed
// pubkey. Anything else is `false`, never an exception. Typed by secp256k1-backends.d.mts.
import { createRequire } from 'node:module';
import { secp256k1 as noble } from '@noble/curves/secp256k1.js';

const require = createRequire(import.meta.url);

/** Shape check shared by both backends, so they agree on malformed input byte for byte. */
export function wellFormed(msgHash, sig, pubKey) {
  return (
    msgHash instanceof Uint8Array
    && msgHash.length === 32
    && sig instanceof Uint8Array
    && sig.length === 64
    && pubKey instanceof Uint8Array
    && pubKey.length === 33
    && (pubKey[0] === 2 || pubKey[0] === 3)
  );
}

/** Pure-JS verify. prehash:false because msgHash is already sha256(signBytes); lowS:true rejects s > n/2. */
export function nobleVerify(msgHash, sig, pubKey) {
  if (!wellFormed(msgHash, sig, pubKey)) return false;
  try {
    return noble.verify(sig, msgHash, pubKey, { prehash: false, lowS: true, format: 'compact' });
  } catch {
    return false;
  }
}

/**
 * libsecp256k1 through the `secp256k1` package's prebuilt N-API addon. `secp256k1/bindings` throws when the native
 * addon cannot load (unlike the package root, which silently falls back to `elliptic`). secp256k1_ecdsa_verify only
 * accepts lower-S signatures (see its header), so no normalisation is done here.
 */
export function loadNativeVerify() {
  const lib = require('secp256k1/bindings');
  return function nativeVerify(msgHash, sig, pubKey) {
    if (!wellFormed(msgHash, sig, pubKey)) return false;
    try {
      return lib.ecdsaVerify(sig, msgHash, pubKey) === true;
    } catch {
      return false; // r or s ≥ n (signature parse) or pubkey not on the curve
    }
  };
}

/** The preferred backend if it loads, else noble; `loadError` says why native was not used. */
export function pickBackend(prefer = 'native') {
  if (prefer === 'native') {
    try {
      return { backend: 'libsecp256k1', verify: loadNativeVerify() };
    } catch (err) {
      return { backend: 'noble', verify: nobleVerify, loadError: String((err && err.message) || err) };
    }
  }
  return { backend: 'noble', verify: nobleVerify };
}
