// aichain.staking.v1.Query: validators (by status), compute providers (by status, with their standing), delegations
// by delegator or target, unbonding and redelegation entries, params and the pool totals. Lists are paginated in key
// order. Where a validator address is taken, an aiprov1… address names a provider. SigningInfo and SlashHistory
// (same service) are served by modules/slashing.
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryDelegationsResponse,
  QueryDelegatorDelegationsRequest,
  QueryParamsResponse,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationsRequest,
  QueryUnbondingDelegationsResponse,
  QueryValidatorDelegationsRequest,
  QueryValidatorRequest,
  QueryValidatorResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryProvidersRequest,
  QueryProvidersResponse,
  type DelegationResponse,
} from '../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus, type Delegation } from '../../proto/gen/aichain/staking/v1/types.js';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { addressPrefix, parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';
import { paginate } from '../../chain/types/pagination.js';
import { BONDED_POOL, NOT_BONDED_POOL, type StakingKeeper } from './keeper.js';
import { parseValoper } from './validators.js';
import { parseTarget } from './target.js';

const SERVICE = '/aichain.staking.v1.Query/';
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what}`);

export function stakingQueries(k: StakingKeeper): QueryService[] {
  const s = k.state,
    providers = k.providers;
  const withBalance = (ctx: Context, d: Delegation): DelegationResponse => ({
    delegation: d,
    balance: { denom: k.getParams(ctx).bondDenom, amount: k.delegations.balance(ctx, d).toString() },
  });
  const checkStatus = (status: BondStatus) => {
    if (!Object.values(BondStatus).includes(status) || status === BondStatus.UNRECOGNIZED)
      throw sdkErrors.invalidRequest(`unknown status ${status}`);
  };
  return [
    {
      path: `${SERVICE}Provider`,
      handle(ctx, data) {
        const { providerAddress } = QueryProviderRequest.decode(data);
        const prefix = addressPrefix(providerAddress) === PROVIDER_PREFIX ? PROVIDER_PREFIX : undefined;
        const op = parseAddress(providerAddress, prefix, 'provider address');
        const p = k.providerRecords.get(ctx, op);
        if (!p) throw notFound(`provider ${providerAddress}`);
        const st = providers.standing(ctx, op)!;
        return QueryProviderResponse.encode({
          provider: p,
          standing: {
            collateral: st.collateral.toString(),
            stake: st.stake.toString(),
            active: st.active,
            claimLimit: st.claimLimit,
          },
        }).finish();
      },
    },
    {
      path: `${SERVICE}Providers`,
      handle(ctx, data) {
        const { status, pagination } = QueryProvidersRequest.decode(data);
        checkStatus(status);
        const page = paginate(s.providers.store(ctx), pagination, (e) => {
          const [, p] = s.providers.entry(e);
          return status === BondStatus.BOND_STATUS_UNSPECIFIED || p.status === status ? p : undefined;
        });
        return QueryProvidersResponse.encode({ providers: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Validator`,
      handle(ctx, data) {
        const { validatorAddress } = QueryValidatorRequest.decode(data);
        const v = k.validators.get(ctx, parseValoper(validatorAddress));
        if (!v) throw notFound(`validator ${validatorAddress}`);
        return QueryValidatorResponse.encode({ validator: v }).finish();
      },
    },
    {
      path: `${SERVICE}Validators`,
      handle(ctx, data) {
        const { status, pagination } = QueryValidatorsRequest.decode(data);
        checkStatus(status);
        const page = paginate(s.validators.store(ctx), pagination, (e) => {
          const [, v] = s.validators.entry(e);
          return status === BondStatus.BOND_STATUS_UNSPECIFIED || v.status === status ? v : undefined;
        });
        return QueryValidatorsResponse.encode({ validators: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Delegation`,
      handle(ctx, data) {
        const { delegatorAddress, validatorAddress } = QueryDelegationRequest.decode(data);
        const d = k.delegations.get(
          ctx,
          parseAddress(delegatorAddress, undefined, 'delegator'),
          parseTarget(validatorAddress),
        );
        if (!d) throw notFound(`delegation ${delegatorAddress} -> ${validatorAddress}`);
        return QueryDelegationResponse.encode({ delegationResponse: withBalance(ctx, d) }).finish();
      },
    },
    {
      path: `${SERVICE}DelegatorDelegations`,
      handle(ctx, data) {
        const { delegatorAddress, pagination } = QueryDelegatorDelegationsRequest.decode(data);
        const del = parseAddress(delegatorAddress, undefined, 'delegator');
        const page = paginate(s.delegations.store(ctx, [del]), pagination, (e) =>
          withBalance(ctx, s.delegations.entry(e, [del])[1]),
        );
        return QueryDelegationsResponse.encode({
          delegationResponses: page.items,
          pagination: page.pagination,
        }).finish();
      },
    },
    {
      path: `${SERVICE}ValidatorDelegations`,
      handle(ctx, data) {
        const { validatorAddress, pagination } = QueryValidatorDelegationsRequest.decode(data);
        const val = parseTarget(validatorAddress);
        const page = paginate(s.delegationsByTarget.map.store(ctx, [val]), pagination, (e) => {
          const [[, del]] = s.delegationsByTarget.map.entry(e, [val]);
          const d = k.delegations.get(ctx, del, val);
          return d ? withBalance(ctx, d) : undefined;
        });
        return QueryDelegationsResponse.encode({
          delegationResponses: page.items,
          pagination: page.pagination,
        }).finish();
      },
    },
    {
      path: `${SERVICE}UnbondingDelegations`,
      handle(ctx, data) {
        const { delegatorAddress, pagination } = QueryUnbondingDelegationsRequest.decode(data);
        const del = parseAddress(delegatorAddress, undefined, 'delegator');
        const page = paginate(s.unbondings.store(ctx, [del]), pagination, (e) => s.unbondings.entry(e, [del])[1]);
        return QueryUnbondingDelegationsResponse.encode({
          unbondingResponses: page.items,
          pagination: page.pagination,
        }).finish();
      },
    },
    {
      path: `${SERVICE}Redelegations`,
      handle(ctx, data) {
        const { delegatorAddress, pagination } = QueryRedelegationsRequest.decode(data);
        const del = parseAddress(delegatorAddress, undefined, 'delegator');
        const page = paginate(s.redelegations.store(ctx, [del]), pagination, (e) => s.redelegations.entry(e, [del])[1]);
        return QueryRedelegationsResponse.encode({ redelegations: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Params`,
      handle(ctx) {
        return QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish();
      },
    },
    {
      path: `${SERVICE}Pool`,
      handle(ctx) {
        return QueryPoolResponse.encode({
          pool: {
            bondedTokens: k.pools.balance(ctx, BONDED_POOL).toString(),
            notBondedTokens: k.pools.balance(ctx, NOT_BONDED_POOL).toString(),
          },
        }).finish();
      },
    },
  ];
}
