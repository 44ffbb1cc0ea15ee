// The distribution module's state: one byte per collection under the module's store prefix (a retired number is
// never reused; none retired yet). Target ids (staking's: a validator's operator or a provider's tagged id) are
// length-prefixed; heights and periods big-endian u64 so they iterate in order. Byte layout as the hand-written
// keeper had it.
import {
  DecCoins,
  DelegatorStartingInfo,
  Params,
  ValidatorCurrentRewards,
  ValidatorHistoricalRewards,
  ValidatorSlashEvent,
} from '../../proto/gen/aichain/distribution/v1/types.js';
import { addressKey, protoValue, Schema, tupleKey, u64Key } from '../../chain/store/collections/index.js';

export const KEY = {
  params: 0x01, // 0x01 -> aichain.distribution.v1.Params
  communityPool: 0x02, // 0x02 -> DecCoins
  outstanding: 0x03, // 0x03 | lp(target) -> DecCoins (delegators' rewards + commission not yet withdrawn)
  commission: 0x04, // 0x04 | lp(target) -> DecCoins
  currentRewards: 0x05, // 0x05 | lp(target) -> ValidatorCurrentRewards
  historicalRewards: 0x06, // 0x06 | lp(target) | period(u64) -> ValidatorHistoricalRewards
  startingInfo: 0x07, // 0x07 | lp(target) | lp(delegator) -> DelegatorStartingInfo
  slashEvent: 0x08, // 0x08 | lp(target) | height(u64) | period(u64) -> ValidatorSlashEvent
} as const;

export function distributionState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  const decCoins = protoValue(DecCoins);
  return {
    params: s.item(KEY.params, 'params', protoValue(Params)),
    communityPool: s.item(KEY.communityPool, 'community_pool', decCoins),
    outstanding: s.map(KEY.outstanding, 'outstanding', addressKey, decCoins),
    commission: s.map(KEY.commission, 'commission', addressKey, decCoins),
    currentRewards: s.map(KEY.currentRewards, 'current_rewards', addressKey, protoValue(ValidatorCurrentRewards)),
    historicalRewards: s.map(
      KEY.historicalRewards,
      'historical_rewards',
      tupleKey(addressKey, u64Key),
      protoValue(ValidatorHistoricalRewards),
    ),
    startingInfos: s.map(
      KEY.startingInfo,
      'starting_infos',
      tupleKey(addressKey, addressKey),
      protoValue(DelegatorStartingInfo),
    ),
    slashEvents: s.map(
      KEY.slashEvent,
      'slash_events',
      tupleKey(addressKey, u64Key, u64Key),
      protoValue(ValidatorSlashEvent),
    ),
  };
}

export type DistributionState = ReturnType<typeof distributionState>;
