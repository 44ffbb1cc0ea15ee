// aichain.distribution.v1.Query: params, a validator's or provider's outstanding rewards and commission, a delegation's pending
// rewards, the community pool.
import {
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryParamsResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from '../../proto/gen/aichain/distribution/v1/query.js';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { parseAddress } from '../../chain/types/address.js';
import type { StakingKeeper } from './expected.js';
import { toDecCoins } from './dec-coins.js';
import type { DistributionKeeper } from './keeper.js';

const SERVICE = '/aichain.distribution.v1.Query/';
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what}`);

export function distributionQueries(k: DistributionKeeper, staking: StakingKeeper): QueryService[] {
  const validator = (ctx: Context, addr: string) => {
    const val = staking.parseTarget(addr);
    if (!k.getCurrent(ctx, val)) throw notFound(`validator ${addr}`);
    return val;
  };
  return [
    { path: `${SERVICE}Params`, handle: (ctx) => QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish() },
    {
      path: `${SERVICE}ValidatorOutstandingRewards`,
      handle(ctx, data) {
        const val = validator(ctx, QueryValidatorOutstandingRewardsRequest.decode(data).validatorAddress);
        return QueryValidatorOutstandingRewardsResponse.encode({
          rewards: toDecCoins(k.outstanding(ctx, val)),
        }).finish();
      },
    },
    {
      path: `${SERVICE}ValidatorCommission`,
      handle(ctx, data) {
        const val = validator(ctx, QueryValidatorCommissionRequest.decode(data).validatorAddress);
        return QueryValidatorCommissionResponse.encode({ commission: toDecCoins(k.commission(ctx, val)) }).finish();
      },
    },
    {
      path: `${SERVICE}DelegationRewards`,
      handle(ctx, data) {
        const req = QueryDelegationRewardsRequest.decode(data);
        const val = validator(ctx, req.validatorAddress);
        const del = parseAddress(req.delegatorAddress, undefined, 'delegator address');
        if (!k.getStartingInfo(ctx, val, del))
          throw notFound(`delegation ${req.delegatorAddress} -> ${req.validatorAddress}`);
        return QueryDelegationRewardsResponse.encode({ rewards: toDecCoins(k.pendingRewards(ctx, del, val)) }).finish();
      },
    },
    {
      path: `${SERVICE}CommunityPool`,
      handle: (ctx) => QueryCommunityPoolResponse.encode({ pool: toDecCoins(k.communityPool(ctx)) }).finish(),
    },
  ];
}
