// aichain.staking.v1.Query: validators (by status), delegations by delegator or validator, unbonding and
// redelegation entries, params and the pool totals. Lists are paginated in key order.
import {
  QueryDelegationRequest, QueryDelegationResponse, QueryDelegationsResponse, QueryDelegatorDelegationsRequest,
  QueryParamsResponse, QueryPoolResponse, QueryRedelegationsRequest, QueryRedelegationsResponse,
  QueryUnbondingDelegationsRequest, QueryUnbondingDelegationsResponse, QueryValidatorDelegationsRequest,
  QueryValidatorRequest, QueryValidatorResponse, QueryValidatorsRequest, QueryValidatorsResponse,
  QuerySigningInfoRequest, QuerySigningInfoResponse, QuerySlashHistoryRequest, QuerySlashHistoryResponse,
  type DelegationResponse,
} from '../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus, Delegation, Redelegation, SlashRecord, UnbondingDelegation, Validator } from '../../proto/gen/aichain/staking/v1/types.js';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { parseAddress } from '../../chain/types/address.js';
import { PrefixStore } from '../../chain/types/kv-views.js';
import { paginate } from '../../chain/types/pagination.js';
import { BONDED_POOL, NOT_BONDED_POOL, parseValoper, type StakingKeeper } from './keeper.js';
import {
  delegationKey, delegatorPrefix, KEY, prefixOf, redelegationDelegatorPrefix, splitParts, unbondingDelegatorPrefix,
  slashRecordPrefix, validatorDelegationsPrefix,
} from './keys.js';
import { StakingSlashing } from './slashing.js';
import { consensusAddress } from './consensus-key.js';

const SERVICE = '/aichain.staking.v1.Query/';
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what}`);

export function stakingQueries(k: StakingKeeper): QueryService[] {
  const withBalance = (ctx: Context, d: Delegation): DelegationResponse =>
    ({ delegation: d, balance: { denom: k.getParams(ctx).bondDenom, amount: k.delegationBalance(ctx, d).toString() } });
  const slashing = new StakingSlashing(k);
  return [
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
        const prefix = validatorAddress ? slashRecordPrefix(parseValoper(validatorAddress)) : prefixOf(KEY.slashRecord);
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
        if (!Object.values(BondStatus).includes(status) || status === BondStatus.UNRECOGNIZED) throw sdkErrors.invalidRequest(`unknown status ${status}`);
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
        const d = k.getDelegation(ctx, parseAddress(delegatorAddress, undefined, 'delegator'), parseValoper(validatorAddress));
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
        const val = parseValoper(validatorAddress);
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
