// Standard cosmos.bank.v1beta1 queries, as CosmJS's bank extension calls them.
import {
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryParamsResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/query';
import type { QueryService } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import type { PageRequest } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { parseAddress } from '../../chain/types/address.js';
import { isValidDenom } from '../../chain/types/coins.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { paginate } from '../../chain/types/pagination.js';
import type { BankKeeper } from './keeper.js';

function requireDenom(denom: string): void {
  if (!isValidDenom(denom)) throw sdkErrors.invalidRequest(`invalid denom ${JSON.stringify(denom)}`);
}

function balancesPage(ctx: Context, k: BankKeeper, address: string, page?: PageRequest) {
  const addr = parseAddress(address),
    balances = k.state.balances;
  return paginate(balances.store(ctx, [addr]), page, (e) => {
    const [[, denom], amount] = balances.entry(e, [addr]);
    return { denom, amount: amount.toString() };
  });
}

export function bankQueries(k: BankKeeper): QueryService[] {
  return [
    {
      path: '/cosmos.bank.v1beta1.Query/Balance',
      handle(ctx, data) {
        const { address, denom } = QueryBalanceRequest.decode(data);
        requireDenom(denom);
        const amount = k.getBalance(ctx, parseAddress(address), denom);
        return QueryBalanceResponse.encode({ balance: { denom, amount: amount.toString() } }).finish();
      },
    },
    {
      path: '/cosmos.bank.v1beta1.Query/AllBalances',
      handle(ctx, data) {
        const { address, pagination } = QueryAllBalancesRequest.decode(data);
        const page = balancesPage(ctx, k, address, pagination);
        return QueryAllBalancesResponse.encode({ balances: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      // Nothing is locked or vesting yet, so spendable = all balances.
      path: '/cosmos.bank.v1beta1.Query/SpendableBalances',
      handle(ctx, data) {
        const { address, pagination } = QuerySpendableBalancesRequest.decode(data);
        const page = balancesPage(ctx, k, address, pagination);
        return QuerySpendableBalancesResponse.encode({ balances: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: '/cosmos.bank.v1beta1.Query/TotalSupply',
      handle(ctx, data) {
        const { pagination } = QueryTotalSupplyRequest.decode(data);
        const supply = k.state.supply;
        const page = paginate(supply.store(ctx), pagination, (e) => {
          const [denom, amount] = supply.entry(e);
          return { denom, amount: amount.toString() };
        });
        return QueryTotalSupplyResponse.encode({ supply: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: '/cosmos.bank.v1beta1.Query/SupplyOf',
      handle(ctx, data) {
        const { denom } = QuerySupplyOfRequest.decode(data);
        requireDenom(denom);
        return QuerySupplyOfResponse.encode({ amount: { denom, amount: k.getSupply(ctx, denom).toString() } }).finish();
      },
    },
    {
      path: '/cosmos.bank.v1beta1.Query/Params',
      handle(ctx) {
        return QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish();
      },
    },
    {
      path: '/cosmos.bank.v1beta1.Query/DenomMetadata',
      handle(ctx, data) {
        const { denom } = QueryDenomMetadataRequest.decode(data);
        const metadata = k.getMetadata(ctx, denom);
        if (!metadata)
          throw sdkErrors.keyNotFound(`rpc error: code = NotFound desc = client metadata for denom ${denom}`);
        return QueryDenomMetadataResponse.encode({ metadata }).finish();
      },
    },
    {
      path: '/cosmos.bank.v1beta1.Query/DenomsMetadata',
      handle(ctx, data) {
        const { pagination } = QueryDenomsMetadataRequest.decode(data);
        const metadata = k.state.metadata;
        const page = paginate(metadata.store(ctx), pagination, (e) => metadata.entry(e)[1]);
        return QueryDenomsMetadataResponse.encode({ metadatas: page.items, pagination: page.pagination }).finish();
      },
    },
  ];
}
