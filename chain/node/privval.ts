// The dev validator's ed25519 consensus key (CometBFT priv_validator_key.json: priv_key = base64(seed ‖ pubkey)).
import { ed25519 } from '@noble/curves/ed25519.js';
import { addressFromPubKey } from './validators.js';

export interface PrivValidatorKey {
  /** 32-byte ed25519 seed. */
  seed: Uint8Array;
  /** 32-byte ed25519 public key. */
  pubKey: Uint8Array;
}

export class PrivValidator {
  readonly address: Uint8Array;
  private constructor(
    private readonly seed: Uint8Array,
    readonly pubKey: Uint8Array,
  ) {
    this.address = addressFromPubKey(pubKey);
  }

  /** Checks the key pair: a seed that does not yield the given public key is a broken local setup. */
  static fromKey(key: PrivValidatorKey): PrivValidator {
    if (key.seed.length !== 32) throw new Error(`priv validator: seed must be 32 bytes, got ${key.seed.length}`);
    const derived = ed25519.getPublicKey(key.seed);
    if (key.pubKey.length !== 32 || Buffer.compare(Buffer.from(derived), Buffer.from(key.pubKey)) !== 0) {
      throw new Error('priv validator: the public key does not match the seed');
    }
    return new PrivValidator(Uint8Array.from(key.seed), Uint8Array.from(key.pubKey));
  }

  /** Parses priv_validator_key.json's priv_key.value (base64 of 64 bytes: seed ‖ pubkey). */
  static fromPrivKeyBase64(value: string): PrivValidator {
    const raw = Buffer.from(value, 'base64');
    if (raw.length !== 64) throw new Error(`priv validator: priv_key must be 64 bytes, got ${raw.length}`);
    return PrivValidator.fromKey({ seed: raw.subarray(0, 32), pubKey: raw.subarray(32) });
  }

  sign(message: Uint8Array): Uint8Array {
    return ed25519.sign(message, this.seed);
  }
}

export const verifyEd25519 = (sig: Uint8Array, message: Uint8Array, pubKey: Uint8Array): boolean => {
  try {
    return ed25519.verify(sig, message, pubKey, { zip215: true });
  } catch {
    return false;
  }
};
