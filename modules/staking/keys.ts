// The staking module's state: one byte per collection under the module's store prefix. Addresses and target ids
// (target.ts: a validator's operator, or 0x70 + a provider's operator) are length-prefixed (addressKey); times are
// big-endian seconds so the queues iterate in time order. The byte layout is the one the hand-written keeper used.
//
// Retired sub-bytes (never reused):
//   byte | was                                   | now
//   -----+---------------------------------------+--------------------------------------------
//   0x0d | signing info (cons -> SigningInfo)    | slashing 0x01 (modules/slashing/keys.ts)
//   0x0e | missed-block bits (cons, index)       | slashing 0x02
//   0x0f | slash records (target, id)            | slashing 0x03
//   0x10 | next slash id                         | slashing 0x04
import {
  Delegation,
  Params,
  Provider,
  Redelegation,
  UnbondingDelegation,
  Validator,
} from '../../proto/gen/aichain/staking/v1/types.js';
import {
  addressKey,
  bytesKey,
  bytesValue,
  protoValue,
  Schema,
  tupleKey,
  u64Key,
  u64Value,
} from '../../chain/store/collections/index.js';

export const KEY = {
  validator: 0x01, // 0x01 | lp(operator) -> aichain.staking.v1.Validator
  consensusKey: 0x02, // 0x02 | cons address(20) -> operator bytes
  delegation: 0x03, // 0x03 | lp(delegator) | lp(target) -> aichain.staking.v1.Delegation
  delegationByTarget: 0x04, // 0x04 | lp(target) | lp(delegator) -> empty
  unbonding: 0x05, // 0x05 | lp(delegator) | lp(target) -> aichain.staking.v1.UnbondingDelegation
  redelegation: 0x06, // 0x06 | lp(delegator) | lp(src) | lp(dst) -> aichain.staking.v1.Redelegation
  unbondingQueue: 0x07, // 0x07 | time(u64) | lp(delegator) | lp(target) -> empty
  redelegationQueue: 0x08, // 0x08 | time(u64) | lp(delegator) | lp(src) | lp(dst) -> empty
  lastPower: 0x09, // 0x09 | lp(operator) -> power (u64) as last sent to CometBFT
  params: 0x0a, // 0x0a -> aichain.staking.v1.Params
  unbondingByTarget: 0x0b, // 0x0b | lp(target) | lp(delegator) -> empty (slashing finds a target's entries)
  redelegationBySrc: 0x0c, // 0x0c | lp(src) | lp(delegator) | lp(dst) -> empty
  provider: 0x11, // 0x11 | lp(operator) -> aichain.staking.v1.Provider
} as const;

const pair = tupleKey(addressKey, addressKey);
const triple = tupleKey(addressKey, addressKey, addressKey);

export function stakingState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  return {
    params: s.item(KEY.params, 'params', protoValue(Params)),
    validators: s.map(KEY.validator, 'validators', addressKey, protoValue(Validator)),
    /** Consensus address -> operator; raw bytes so a malformed address from CometBFT is simply not found. */
    consensusKeys: s.map(KEY.consensusKey, 'consensus_keys', bytesKey, bytesValue),
    providers: s.map(KEY.provider, 'providers', addressKey, protoValue(Provider)),
    /** (delegator, target) -> delegation; delegationsByTarget is written beside it on every change. */
    delegations: s.map(KEY.delegation, 'delegations', pair, protoValue(Delegation)),
    delegationsByTarget: s.keySet(KEY.delegationByTarget, 'delegations_by_target', pair),
    unbondings: s.map(KEY.unbonding, 'unbondings', pair, protoValue(UnbondingDelegation)),
    unbondingsByTarget: s.keySet(KEY.unbondingByTarget, 'unbondings_by_target', pair),
    unbondingQueue: s.keySet(KEY.unbondingQueue, 'unbonding_queue', tupleKey(u64Key, addressKey, addressKey)),
    redelegations: s.map(KEY.redelegation, 'redelegations', triple, protoValue(Redelegation)),
    redelegationsBySrc: s.keySet(KEY.redelegationBySrc, 'redelegations_by_src', triple),
    redelegationQueue: s.keySet(
      KEY.redelegationQueue,
      'redelegation_queue',
      tupleKey(u64Key, addressKey, addressKey, addressKey),
    ),
    lastPowers: s.map(KEY.lastPower, 'last_powers', addressKey, u64Value),
  };
}

export type StakingState = ReturnType<typeof stakingState>;
