// The distribution messages: withdraw a delegation's rewards, withdraw a validator's or provider's commission.
import {
  MsgWithdrawCommission,
  MsgWithdrawCommissionResponse,
  MsgWithdrawRewards,
  MsgWithdrawRewardsResponse,
} from '../../proto/gen/aichain/distribution/v1/tx.js';
import { MsgUpdateParams, MsgUpdateParamsResponse } from '../../proto/gen/aichain/distribution/v1/tx.js';
import type { Params } from '../../proto/gen/aichain/distribution/v1/types.js';
import { requireAuthority, updateParamsService } from '../../chain/types/authority.js';
import { MsgCommunityPoolSpend, MsgCommunityPoolSpendResponse } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { validateParams } from './params.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import type { StakingKeeper } from './expected.js';
import { parseCoins, toCoins } from '../../chain/types/coins.js';
import type { DistributionKeeper } from './keeper.js';

const TYPE = '/aichain.distribution.v1.';

export function distributionMsgs(k: DistributionKeeper, staking: StakingKeeper, authority: string): MsgService[] {
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
  const updateParams = updateParamsService<Params>({
    pkg: 'aichain.distribution.v1',
    codec: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    authority,
    validate: (p) => validateParams(p),
    set: (ctx, p) => k.setParams(ctx, p),
  });
  return [withdrawRewards, withdrawCommission, updateParams, communityPoolSpend(k, authority)];
}

/** cosmos.distribution.v1beta1.MsgCommunityPoolSpend (the standard type): the gov authority pays out of the pool. */
function communityPoolSpend(k: DistributionKeeper, authority: string): MsgService {
  return msgService<MsgCommunityPoolSpend>({
    typeUrl: '/cosmos.distribution.v1beta1.MsgCommunityPoolSpend',
    responseTypeUrl: '/cosmos.distribution.v1beta1.MsgCommunityPoolSpendResponse',
    codec: MsgCommunityPoolSpend,
    signers: (m) => [m.authority],
    validateBasic(m) {
      requireAuthority(authority, m.authority);
      parseAddress(m.recipient, undefined, 'recipient');
      parseCoins(m.amount);
    },
    handle(ctx, m) {
      k.spendCommunityPool(ctx, parseAddress(m.recipient), parseCoins(m.amount));
      return MsgCommunityPoolSpendResponse.encode({}).finish();
    },
  });
}
