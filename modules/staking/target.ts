// Staking targets: what a delegation can back. A target is a validator or a compute provider; both keep the same
// share book (tokens, delegator_shares), so one delegation / unbonding / redelegation / reward / slashing machinery
// serves both. Inside the store a target is named by its id: a validator by its 20-byte operator, a provider by the
// byte 0x70 ('p') then its operator, so the same account can run both without the two ever sharing a key.
import { addressPrefix, parseAddress, PROVIDER_PREFIX, toAddress, VALOPER_PREFIX } from '../../chain/types/address.js';
import { concatBytes } from '../../chain/store/bytes.js';
import { sdkErrors } from '../../chain/types/errors.js';

export const PROVIDER_TAG = 0x70;

export const providerId = (operator: Uint8Array) => concatBytes(Uint8Array.of(PROVIDER_TAG), operator);
/** Account lengths are 20 or 32 bytes, so a tagged id (21 or 33) is never a validator's. */
export const isProviderId = (id: Uint8Array) => (id.length === 21 || id.length === 33) && id[0] === PROVIDER_TAG;
/** The operator account bytes behind a target id. */
export const operatorOf = (id: Uint8Array) => (isProviderId(id) ? id.subarray(1) : id);

/** aivaloper1… for a validator, aiprov1… for a provider. */
export function targetAddress(id: Uint8Array): string {
  return isProviderId(id) ? toAddress(id.subarray(1), PROVIDER_PREFIX) : toAddress(id, VALOPER_PREFIX);
}

/** Parses aivaloper1… or aiprov1… into a target id. */
export function parseTarget(addr: string, what = 'validator or provider address'): Uint8Array {
  const prefix = addressPrefix(addr);
  if (prefix === PROVIDER_PREFIX) return providerId(parseAddress(addr, PROVIDER_PREFIX, what));
  // Not bech32 at all: parseAddress reports why.
  if (prefix === VALOPER_PREFIX || prefix === undefined) return parseAddress(addr, VALOPER_PREFIX, what);
  throw sdkErrors.invalidAddress(`invalid ${what} ${addr}: expected prefix ${VALOPER_PREFIX} or ${PROVIDER_PREFIX}`);
}
