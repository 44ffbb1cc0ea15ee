// aichain.staking.v1.Query: validators (by status), compute providers (by status, with their standing), delegations
// by delegator or target, unbonding and redelegation entries, slash history, params and the pool totals. Lists are
// paginated in key order. Where a validator address is taken, an aiprov1… address names a provider.
import {
  QueryDelegationRequest, QueryDelegationResponse, QueryDelegationsResponse, QueryDelegatorDelegationsRequest,
  QueryParamsResponse, QueryPoolResponse, QueryRedelegationsRequest, QueryRedelegationsResponse,
  QueryUnbondingDelegationsRequest, QueryUnbondingDelegationsResponse, QueryValidatorDelegationsRequest,
  QueryValidatorRequest, QueryValidatorResponse, QueryValidatorsRequest, QueryValidatorsResponse,
  QuerySigningInfoRequest, QuerySigningInfoResponse, QuerySlashHistoryRequest, QuerySlashHistoryResponse,
  QueryProviderRequest, QueryProviderResponse, QueryProvidersRequest, QueryProvidersResponse,
  type DelegationResponse,
} from '../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus, Delegation, Provider, Redelegation, SlashRecord, UnbondingDelegation, Validator } from '../../proto/gen/aichain/staking/v1/types.js';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { addressPrefix, parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';
import { PrefixStore } from '../../chain/types/kv-views.js';
import { paginate } from '../../chain/types/pagination.js';
import { BONDED_POOL, NOT_BONDED_POOL, parseValoper, type StakingKeeper } from './keeper.js';
import {
  delegationKey, delegatorPrefix, KEY, prefixOf, redelegationDelegatorPrefix, splitParts, unbondingDelegatorPrefix,
  slashRecordPrefix, validatorDelegationsPrefix,
} from './keys.js';
import { StakingSlashing } from './slashing.js';
import { consensusAddress } from './consensus-key.js';
import { parseTarget } from './target.js';
import { Providers } from './providers.js';

const SERVICE = '/aichain.staking.v1.Query/';
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what}`);

export function stakingQueries(k: StakingKeeper, providers: Providers = new Providers(k)): QueryService[] {
  const withBalance = (ctx: Context, d: Delegation): DelegationResponse =>
    ({ delegation: d, balance: { denom: k.getParams(ctx).bondDenom, amount: k.delegationBalance(ctx, d).toString() } });
  const slashing = new StakingSlashing(k);
  const checkStatus = (status: BondStatus) => {
    if (!Object.values(BondStatus).includes(status) || status === BondStatus.UNRECOGNIZED) throw sdkErrors.invalidRequest(`unknown status ${status}`);
  };
  return [
    {
      path: `${SERVICE}Provider`,
      handle(ctx, data) {
        const { providerAddress } = QueryProviderRequest.decode(data);
        const prefix = addressPrefix(providerAddress) === PROVIDER_PREFIX ? PROVIDER_PREFIX : undefined;
        const op = parseAddress(providerAddress, prefix, 'provider address');
        const p = k.getProvider(ctx, op);
        if (!p) throw notFound(`provider ${providerAddress}`);
        const st = providers.standing(ctx, op)!;
        return QueryProviderResponse.encode({ provider: p, standing: {
          collateral: st.collateral.toString(), stake: st.stake.toString(), active: st.active, claimLimit: st.claimLimit,
        } }).finish();
      },
    },
    {
      path: `${SERVICE}Providers`,
      handle(ctx, data) {
        const { status, pagination } = QueryProvidersRequest.decode(data);
        checkStatus(status);
        const page = paginate(new PrefixStore(k.store(ctx), prefixOf(KEY.provider)), pagination, ([, b]) => {
          const p = Provider.decode(b);
          return status === BondStatus.BOND_STATUS_UNSPECIFIED || p.status === status ? p : undefined;
        });
        return QueryProvidersResponse.encode({ providers: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}SigningInfo`,
      handle(ctx, data) {
        const { validatorAddress } = QuerySigningInfoRequest.decode(data);
        const v = k.getValidator(ctx, parseValoper(validatorAddress));
        if (!v) throw notFound(`validator ${validatorAddress}`);
        const info = slashing.getSigningInfo(ctx, consensusAddress(v.consensusPubkey));
        if (!info) throw notFound(`signing info of ${validatorAddress}`);
        return QuerySigningInfoResponse.encode({ signingInfo: info }).finish();
      },
    },
    {
      path: `${SERVICE}SlashHistory`,
      handle(ctx, data) {
        const { validatorAddress, pagination } = QuerySlashHistoryRequest.decode(data);
        const prefix = validatorAddress ? slashRecordPrefix(parseTarget(validatorAddress)) : prefixOf(KEY.slashRecord);
        const page = paginate(new PrefixStore(k.store(ctx), prefix), pagination, ([, b]) => SlashRecord.decode(b));
        return QuerySlashHistoryResponse.encode({ slashes: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Validator`,
      handle(ctx, data) {
        const { validatorAddress } = QueryValidatorRequest.decode(data);
        const v = k.getValidator(ctx, parseValoper(validatorAddress));
        if (!v) throw notFound(`validator ${validatorAddress}`);
        return QueryValidatorResponse.encode({ validator: v }).finish();
      },
    },
    {
      path: `${SERVICE}Validators`,
      handle(ctx, data) {
        const { status, pagination } = QueryValidatorsRequest.decode(data);
        checkStatus(status);
        const page = paginate(new PrefixStore(k.store(ctx), prefixOf(KEY.validator)), pagination, ([, b]) => {
          const v = Validator.decode(b);
          return status === BondStatus.BOND_STATUS_UNSPECIFIED || v.status === status ? v : undefined;
        });
        return QueryValidatorsResponse.encode({ validators: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Delegation`,
      handle(ctx, data) {
        const { delegatorAddress, validatorAddress } = QueryDelegationRequest.decode(data);
        const d = k.getDelegation(ctx, parseAddress(delegatorAddress, undefined, 'delegator'), parseTarget(validatorAddress));
        if (!d) throw notFound(`delegation ${delegatorAddress} -> ${validatorAddress}`);
        return QueryDelegationResponse.encode({ delegationResponse: withBalance(ctx, d) }).finish();
      },
    },
    {
      path: `${SERVICE}DelegatorDelegations`,
      handle(ctx, data) {
        const { delegatorAddress, pagination } = QueryDelegatorDelegationsRequest.decode(data);
        const del = parseAddress(delegatorAddress, undefined, 'delegator');
        const page = paginate(new PrefixStore(k.store(ctx), delegatorPrefix(del)), pagination, ([, b]) => withBalance(ctx, Delegation.decode(b)));
        return QueryDelegationsResponse.encode({ delegationResponses: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}ValidatorDelegations`,
      handle(ctx, data) {
        const { validatorAddress, pagination } = QueryValidatorDelegationsRequest.decode(data);
        const val = parseTarget(validatorAddress);
        const page = paginate(new PrefixStore(k.store(ctx), validatorDelegationsPrefix(val)), pagination, ([key]) => {
          const [del] = splitParts(key, 0);
          const b = k.store(ctx).get(delegationKey(del, val));
          return b ? withBalance(ctx, Delegation.decode(b)) : undefined;
        });
        return QueryDelegationsResponse.encode({ delegationResponses: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}UnbondingDelegations`,
      handle(ctx, data) {
        const { delegatorAddress, pagination } = QueryUnbondingDelegationsRequest.decode(data);
        const del = parseAddress(delegatorAddress, undefined, 'delegator');
        const page = paginate(new PrefixStore(k.store(ctx), unbondingDelegatorPrefix(del)), pagination, ([, b]) => UnbondingDelegation.decode(b));
        return QueryUnbondingDelegationsResponse.encode({ unbondingResponses: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Redelegations`,
      handle(ctx, data) {
        const { delegatorAddress, pagination } = QueryRedelegationsRequest.decode(data);
        const del = parseAddress(delegatorAddress, undefined, 'delegator');
        const page = paginate(new PrefixStore(k.store(ctx), redelegationDelegatorPrefix(del)), pagination, ([, b]) => Redelegation.decode(b));
        return QueryRedelegationsResponse.encode({ redelegations: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: `${SERVICE}Params`,
      handle(ctx) { return QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish(); },
    },
    {
      path: `${SERVICE}Pool`,
      handle(ctx) {
        return QueryPoolResponse.encode({ pool: {
          bondedTokens: k.poolBalance(ctx, BONDED_POOL).toString(), notBondedTokens: k.poolBalance(ctx, NOT_BONDED_POOL).toString(),
        } }).finish();
      },
    },
  ];
}
