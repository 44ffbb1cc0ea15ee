// The validator set as the node keeps it: ed25519 keys and powers, in CometBFT's order (power descending, then
// address ascending), changed by the app's ValidatorUpdates exactly as CometBFT applies them.
import type { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';

export interface Validator {
  /** First 20 bytes of sha256(pubKey). */
  address: Uint8Array;
  /** 32-byte ed25519 public key. */
  pubKey: Uint8Array;
  power: bigint;
}

import { consensusAddress as addressFromPubKey } from '../types/address.js';
import { compareBytes } from '../store/bytes.js';

export { addressFromPubKey, compareBytes };

export const sortValidators = (vals: readonly Validator[]): Validator[] =>
  [...vals].sort((x, y) => (x.power === y.power ? compareBytes(x.address, y.address) : x.power > y.power ? -1 : 1));

export const totalPower = (vals: readonly Validator[]): bigint => vals.reduce((s, v) => s + v.power, 0n);

/** Turns ABCI ValidatorUpdates into validators; only ed25519 keys are accepted (the genesis' pub_key_types). */
export function validatorFromUpdate(u: ValidatorUpdate): Validator {
  const pk = u.pubKey?.ed25519;
  if (!pk || pk.length !== 32) throw new Error('validator update: only 32-byte ed25519 public keys are supported');
  if (u.power < 0n) throw new Error(`validator update: negative power ${u.power}`);
  return { address: addressFromPubKey(pk), pubKey: pk, power: u.power };
}

/** Applies updates (power 0 removes) and returns the new sorted set; an empty result or removing an unknown
 * validator is an error, as in CometBFT's UpdateWithChangeSet. */
export function applyValidatorUpdates(set: readonly Validator[], updates: readonly ValidatorUpdate[]): Validator[] {
  const byAddr = new Map(set.map((v) => [Buffer.from(v.address).toString('hex'), v]));
  const seen = new Set<string>();
  for (const u of updates) {
    const v = validatorFromUpdate(u);
    const key = Buffer.from(v.address).toString('hex');
    if (seen.has(key)) throw new Error(`validator update: duplicate entry for ${key.toUpperCase()}`);
    seen.add(key);
    if (v.power === 0n) {
      if (!byAddr.delete(key))
        throw new Error(`validator update: cannot remove unknown validator ${key.toUpperCase()}`);
    } else byAddr.set(key, v);
  }
  if (byAddr.size === 0) throw new Error('validator update: the validator set would be empty');
  return sortValidators([...byAddr.values()]);
}

export const sameValidatorSet = (a: readonly Validator[], b: readonly Validator[]): boolean =>
  a.length === b.length && a.every((v, i) => compareBytes(v.pubKey, b[i].pubKey) === 0 && v.power === b[i].power);
