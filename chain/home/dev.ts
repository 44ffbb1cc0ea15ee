// The public dev identity from DESIGN.md §1: the dev mnemonic, its funded accounts, and the dev validator's ed25519
// consensus key derived from the same mnemonic, so the committed dev genesis can name its validator.
// Public test material: never use any of this on a real network.
import { EnglishMnemonic, Slip10, Slip10Curve, Slip10RawIndex } from '@cosmjs/crypto';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { ed25519KeyFromSeed, type Ed25519Key } from './comet-keys.js';
import { HomeError } from './errors.js';

export const DEV_CHAIN_ID = 'aichain-dev-1';

export const DEV_MNEMONIC =
  'boss voyage spider hole way wagon town nothing mixture alert february gadget crack cancel sadness aerobic always '
  + 'wonder pave panda balance gadget struggle hospital';

/** Accounts 0–4 of DEV_MNEMONIC at m/44'/118'/0'/0/i, prefix `ai`; account 0 operates the dev validator. */
export const DEV_ADDRESSES: readonly string[] = Object.freeze([
  'ai1pq9pdy5yklnx9n0uqn02552sv9d73gk8qhpxmc',
  'ai1nflel60cx5fvha4ws4z2q0stwvsucm5wzk6yfp',
  'ai12a5csjlxjjcjwezesgzglj72wtyhpekw2fnlg9',
  'ai1g8z9rtleadyxlay3yzw6h2gwjguprj9gxwt73l',
  'ai1l0wj6pa82j2rskku60krf7d5dzdj7qr2fl5u84',
]);

/** SLIP-10 ed25519 path of the dev validator key; ed25519 allows only hardened steps. */
export const DEV_VALIDATOR_PATH = [44, 118, 0, 0, 0].map((i) => Slip10RawIndex.hardened(i));

/** BIP39 seed (PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic"), synchronously; validates the mnemonic. */
export function bip39SeedSync(mnemonic: string, password = ''): Uint8Array {
  let m: EnglishMnemonic;
  try {
    m = new EnglishMnemonic(mnemonic.trim().split(/\s+/).join(' '));
  } catch (err) {
    throw new HomeError('BAD_MNEMONIC', `invalid mnemonic: ${(err as Error).message}`);
  }
  const enc = (s: string) => new TextEncoder().encode(s.normalize('NFKD'));
  return pbkdf2(sha512, enc(m.toString()), enc('mnemonic' + password), { c: 2048, dkLen: 64 });
}

/** The 32-byte ed25519 seed of the validator key of `mnemonic` (SLIP-10 m/44'/118'/0'/0'/0'). */
export function deriveDevValidatorSeed(mnemonic: string): Uint8Array {
  return Slip10.derivePath(Slip10Curve.Ed25519, bip39SeedSync(mnemonic), DEV_VALIDATOR_PATH).privkey;
}

/** The dev validator's key (seed, pubkey, CometBFT address) from DEV_MNEMONIC. */
export function devValidatorKey(): Ed25519Key {
  return ed25519KeyFromSeed(deriveDevValidatorSeed(DEV_MNEMONIC));
}
