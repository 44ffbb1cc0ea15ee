// The distribution messages: withdraw a delegation's rewards, withdraw a validator's or provider's commission.
import {
  MsgWithdrawCommission,
  MsgWithdrawCommissionResponse,
  MsgWithdrawRewards,
  MsgWithdrawRewardsResponse,
} from '../../proto/gen/aichain/distribution/v1/tx.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import type { StakingKeeper } from './expected.js';
import { toCoins } from '../../chain/types/coins.js';
import type { DistributionKeeper } from './keeper.js';

const TYPE = '/aichain.distribution.v1.';

export function distributionMsgs(k: DistributionKeeper, staking: StakingKeeper): MsgService[] {
  const withdrawRewards = msgService<MsgWithdrawRewards>({
    typeUrl: `${TYPE}MsgWithdrawRewards`,
    responseTypeUrl: `${TYPE}MsgWithdrawRewardsResponse`,
    codec: MsgWithdrawRewards,
    signers: (m) => [m.delegatorAddress],
    validateBasic(m) {
      parseAddress(m.delegatorAddress, undefined, 'delegator address');
      staking.parseTarget(m.validatorAddress);
    },
    handle(ctx, m) {
      return MsgWithdrawRewardsResponse.encode({
        amount: toCoins(k.withdrawRewardsMsg(ctx, m.delegatorAddress, m.validatorAddress)),
      }).finish();
    },
  });
  const withdrawCommission = msgService<MsgWithdrawCommission>({
    typeUrl: `${TYPE}MsgWithdrawCommission`,
    responseTypeUrl: `${TYPE}MsgWithdrawCommissionResponse`,
    codec: MsgWithdrawCommission,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
    },
    handle(ctx, m) {
      return MsgWithdrawCommissionResponse.encode({
        amount: toCoins(k.withdrawCommission(ctx, m.operator, m.provider)),
      }).finish();
    },
  });
  return [withdrawRewards, withdrawCommission];
}
