// ed25519 for CometBFT consensus keys: derive, sign (node:crypto, fast), verify with ZIP-215 rules (what CometBFT
// uses, via curve25519-voi's VerifyOptionsZIP_215), and CometBFT addresses.
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';

export class Ed25519Error extends Error {
  constructor(
    readonly code: 'BAD_SEED',
    message: string,
  ) {
    super(message);
    this.name = 'Ed25519Error';
  }
}

// PKCS#8 wrapping of a raw 32-byte ed25519 seed (RFC 8410), so node:crypto can use it.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function checkSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== 32)
    throw new Ed25519Error('BAD_SEED', 'ed25519 seed must be 32 bytes');
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  checkSeed(seed);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The 32-byte public key of a 32-byte seed. */
export function ed25519PubFromSeed(seed: Uint8Array): Uint8Array {
  checkSeed(seed);
  return ed25519.getPublicKey(seed);
}

/** 64-byte RFC 8032 signature (deterministic, so identical to noble's). */
export function ed25519Sign(seed: Uint8Array, msg: Uint8Array): Uint8Array {
  return new Uint8Array(nodeSign(null, msg, privateKeyObject(seed)));
}

/** ZIP-215 verification (cofactored, non-canonical point encodings accepted, S < L required); false on any bad input. */
export function ed25519Verify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  if (!(pub instanceof Uint8Array) || pub.length !== 32) return false;
  if (!(sig instanceof Uint8Array) || sig.length !== 64) return false;
  if (!(msg instanceof Uint8Array)) return false;
  try {
    return ed25519.verify(sig, msg, pub, { zip215: true });
  } catch {
    return false;
  }
}

/** CometBFT validator / node address: the first 20 bytes of sha256(pubkey) (one definition, in chain/types). */
export { consensusAddress as cometAddress } from '../chain/types/address.js';
