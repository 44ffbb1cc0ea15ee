// CosmJS pieces for the distribution module: registry types and encode objects.
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { MsgWithdrawCommission, MsgWithdrawRewards } from '../../proto/gen/aichain/distribution/v1/tx.js';
import { registryEntry } from '../../proto/registry.js';
import { MsgUpdateParams as DistributionMsgUpdateParams } from '../../proto/gen/aichain/distribution/v1/tx.js';
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  QueryClientImpl,
  type QueryParamsResponse,
  type QueryValidatorOutstandingRewardsResponse,
  type QueryValidatorCommissionResponse,
  type QueryDelegationRewardsResponse,
  type QueryCommunityPoolResponse,
} from '../../proto/gen/aichain/distribution/v1/query.js';

const T = '/aichain.distribution.v1.';
export const distributionTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry(`${T}MsgWithdrawRewards`, MsgWithdrawRewards),
  registryEntry(`${T}MsgWithdrawCommission`, MsgWithdrawCommission),
  registryEntry(`${T}MsgUpdateParams`, DistributionMsgUpdateParams),
  ['/cosmos.distribution.v1beta1.MsgCommunityPoolSpend', MsgCommunityPoolSpend],
];

export interface MsgWithdrawRewardsEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards';
  readonly value: Partial<MsgWithdrawRewards>;
}
export interface MsgWithdrawCommissionEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.distribution.v1.MsgWithdrawCommission';
  readonly value: Partial<MsgWithdrawCommission>;
}

/** Reward queries, as `aichainDistribution` on a CosmJS QueryClient. */
export interface AichainDistributionExtension {
  readonly aichainDistribution: {
    readonly params: () => Promise<QueryParamsResponse>;
    readonly validatorOutstandingRewards: (
      validatorAddress: string,
    ) => Promise<QueryValidatorOutstandingRewardsResponse>;
    readonly validatorCommission: (validatorAddress: string) => Promise<QueryValidatorCommissionResponse>;
    readonly delegationRewards: (
      delegatorAddress: string,
      validatorAddress: string,
    ) => Promise<QueryDelegationRewardsResponse>;
    readonly communityPool: () => Promise<QueryCommunityPoolResponse>;
  };
}

export function setupAichainDistributionExtension(base: QueryClient): AichainDistributionExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    aichainDistribution: {
      params: () => q.Params({}),
      validatorOutstandingRewards: (validatorAddress) => q.ValidatorOutstandingRewards({ validatorAddress }),
      validatorCommission: (validatorAddress) => q.ValidatorCommission({ validatorAddress }),
      delegationRewards: (delegatorAddress, validatorAddress) =>
        q.DelegationRewards({ delegatorAddress, validatorAddress }),
      communityPool: () => q.CommunityPool({}),
    },
  };
}
