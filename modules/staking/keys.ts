// Key layout of the staking module's store (one-byte prefixes; a retired number is never reused). Addresses and
// target ids (target.ts: a validator's operator, or 0x70 + a provider's operator) are length-prefixed raw bytes; times are big-endian seconds so the queues iterate in time order.
import { concatBytes, lenPrefixed, u64 } from '../../chain/types/kv-views.js';

export const KEY = {
  validator: 0x01, // 0x01 | lp(operator) -> aichain.staking.v1.Validator
  consensusKey: 0x02, // 0x02 | cons address(20) -> operator bytes
  delegation: 0x03, // 0x03 | lp(delegator) | lp(validator) -> aichain.staking.v1.Delegation
  delegationByValidator: 0x04, // 0x04 | lp(validator) | lp(delegator) -> empty
  unbonding: 0x05, // 0x05 | lp(delegator) | lp(validator) -> aichain.staking.v1.UnbondingDelegation
  redelegation: 0x06, // 0x06 | lp(delegator) | lp(src) | lp(dst) -> aichain.staking.v1.Redelegation
  unbondingQueue: 0x07, // 0x07 | time(u64) | lp(delegator) | lp(validator) -> empty
  redelegationQueue: 0x08, // 0x08 | time(u64) | lp(delegator) | lp(src) | lp(dst) -> empty
  lastPower: 0x09, // 0x09 | lp(operator) -> power (u64) as last sent to CometBFT
  params: 0x0a, // 0x0a -> aichain.staking.v1.Params
  unbondingByValidator: 0x0b, // 0x0b | lp(validator) | lp(delegator) -> empty (slashing finds a validator's entries)
  redelegationBySrc: 0x0c, // 0x0c | lp(src) | lp(delegator) | lp(dst) -> empty
  signingInfo: 0x0d, // 0x0d | cons address(20) -> aichain.staking.v1.ValidatorSigningInfo
  missedBlock: 0x0e, // 0x0e | cons address(20) | index(u64) -> 0x01, present only for missed blocks
  slashRecord: 0x0f, // 0x0f | lp(validator) | id(u64) -> aichain.staking.v1.SlashRecord
  slashSeq: 0x10, // 0x10 -> the next slash id (u64)
  provider: 0x11, // 0x11 | lp(operator) -> aichain.staking.v1.Provider
} as const;

export const prefixOf = (k: number) => Uint8Array.of(k);
const lp = lenPrefixed;

export const validatorKey = (op: Uint8Array) => concatBytes(prefixOf(KEY.validator), lp(op));
export const consensusKeyKey = (consAddr: Uint8Array) => concatBytes(prefixOf(KEY.consensusKey), consAddr);
export const delegationKey = (del: Uint8Array, val: Uint8Array) => concatBytes(prefixOf(KEY.delegation), lp(del), lp(val));
export const delegatorPrefix = (del: Uint8Array) => concatBytes(prefixOf(KEY.delegation), lp(del));
export const delegationByValidatorKey = (val: Uint8Array, del: Uint8Array) =>
  concatBytes(prefixOf(KEY.delegationByValidator), lp(val), lp(del));
export const validatorDelegationsPrefix = (val: Uint8Array) => concatBytes(prefixOf(KEY.delegationByValidator), lp(val));
export const unbondingKey = (del: Uint8Array, val: Uint8Array) => concatBytes(prefixOf(KEY.unbonding), lp(del), lp(val));
export const unbondingDelegatorPrefix = (del: Uint8Array) => concatBytes(prefixOf(KEY.unbonding), lp(del));
export const redelegationKey = (del: Uint8Array, src: Uint8Array, dst: Uint8Array) =>
  concatBytes(prefixOf(KEY.redelegation), lp(del), lp(src), lp(dst));
export const redelegationDelegatorPrefix = (del: Uint8Array) => concatBytes(prefixOf(KEY.redelegation), lp(del));
export const unbondingQueueKey = (time: bigint, del: Uint8Array, val: Uint8Array) =>
  concatBytes(prefixOf(KEY.unbondingQueue), u64(time), lp(del), lp(val));
export const redelegationQueueKey = (time: bigint, del: Uint8Array, src: Uint8Array, dst: Uint8Array) =>
  concatBytes(prefixOf(KEY.redelegationQueue), u64(time), lp(del), lp(src), lp(dst));
/** Exclusive end of the queue entries due at or before `time`. */
export const queueDueEnd = (queue: number, time: bigint) => concatBytes(prefixOf(queue), u64(time + 1n));
export const lastPowerKey = (op: Uint8Array) => concatBytes(prefixOf(KEY.lastPower), lp(op));
export const paramsKey = prefixOf(KEY.params);
export const unbondingByValidatorKey = (val: Uint8Array, del: Uint8Array) =>
  concatBytes(prefixOf(KEY.unbondingByValidator), lp(val), lp(del));
export const unbondingByValidatorPrefix = (val: Uint8Array) => concatBytes(prefixOf(KEY.unbondingByValidator), lp(val));
export const redelegationBySrcKey = (src: Uint8Array, del: Uint8Array, dst: Uint8Array) =>
  concatBytes(prefixOf(KEY.redelegationBySrc), lp(src), lp(del), lp(dst));
export const redelegationBySrcPrefix = (src: Uint8Array) => concatBytes(prefixOf(KEY.redelegationBySrc), lp(src));
export const signingInfoKey = (cons: Uint8Array) => concatBytes(prefixOf(KEY.signingInfo), cons);
export const missedBlockPrefix = (cons: Uint8Array) => concatBytes(prefixOf(KEY.missedBlock), cons);
export const missedBlockKey = (cons: Uint8Array, index: bigint) => concatBytes(prefixOf(KEY.missedBlock), cons, u64(index));
export const slashRecordPrefix = (val: Uint8Array) => concatBytes(prefixOf(KEY.slashRecord), lp(val));
export const slashRecordKey = (val: Uint8Array, id: bigint) => concatBytes(prefixOf(KEY.slashRecord), lp(val), u64(id));
export const slashSeqKey = prefixOf(KEY.slashSeq);
export const providerKey = (op: Uint8Array) => concatBytes(prefixOf(KEY.provider), lp(op));

/** Splits a run of length-prefixed parts (after `skip` bytes). */
export function splitParts(k: Uint8Array, skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = skip;
  while (o < k.length) { const n = k[o]; out.push(k.slice(o + 1, o + 1 + n)); o += 1 + n; }
  return out;
}
