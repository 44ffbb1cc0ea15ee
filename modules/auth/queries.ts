// Standard cosmos.auth.v1beta1 queries (what CosmJS's auth extension calls) plus aichain's fee params.
import {
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryAccountInfoRequest,
  QueryAccountInfoResponse,
  Bech32PrefixResponse,
  QueryModuleAccountsResponse,
} from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { QueryFeeParamsResponse } from '../../proto/gen/aichain/auth/v1/params.js';
import type { QueryService } from '../../chain/types/module.js';
import { ACCOUNT_PREFIX, moduleAddress, parseAddress, toAddress } from '../../chain/types/address.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { paginate } from '../../chain/types/pagination.js';
import type { AuthKeeper } from './keeper.js';
import { baseAccount, encodeAccount } from './account.js';

// CosmJS treats this exact form as "account does not exist" and returns null.
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what} not found`);

export function authQueries(k: AuthKeeper): QueryService[] {
  return [
    {
      path: '/cosmos.auth.v1beta1.Query/Account',
      handle(ctx, data) {
        const { address } = QueryAccountRequest.decode(data);
        const acc = k.getAccount(ctx, parseAddress(address));
        if (!acc) throw notFound(`account ${address}`);
        return QueryAccountResponse.encode({ account: encodeAccount(acc) }).finish();
      },
    },
    {
      path: '/cosmos.auth.v1beta1.Query/Accounts',
      handle(ctx, data) {
        const { pagination } = QueryAccountsRequest.decode(data);
        const accounts = k.state.accounts;
        const page = paginate(accounts.store(ctx), pagination, (e) => encodeAccount(accounts.entry(e)[1]));
        return QueryAccountsResponse.encode({ accounts: page.items, pagination: page.pagination }).finish();
      },
    },
    {
      path: '/cosmos.auth.v1beta1.Query/AccountInfo',
      handle(ctx, data) {
        const { address } = QueryAccountInfoRequest.decode(data);
        const acc = k.getAccount(ctx, parseAddress(address));
        if (!acc) throw notFound(`account ${address}`);
        return QueryAccountInfoResponse.encode({ info: baseAccount(acc) }).finish();
      },
    },
    {
      path: '/cosmos.auth.v1beta1.Query/Params',
      handle(ctx, data) {
        QueryParamsRequest.decode(data);
        return QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish();
      },
    },
    {
      path: '/cosmos.auth.v1beta1.Query/ModuleAccounts',
      handle(ctx) {
        const accounts = [...k.accounts(ctx)].filter((a) => a.module).map(encodeAccount);
        return QueryModuleAccountsResponse.encode({ accounts }).finish();
      },
    },
    {
      path: '/cosmos.auth.v1beta1.Query/ModuleAccountByName',
      handle(ctx, data) {
        const { name } = QueryModuleAccountByNameRequest.decode(data);
        const acc = k.getAccount(ctx, moduleAddress(name));
        if (!acc?.module) throw notFound(`module account ${name}`);
        return QueryModuleAccountByNameResponse.encode({ account: encodeAccount(acc) }).finish();
      },
    },
    {
      path: '/cosmos.auth.v1beta1.Query/Bech32Prefix',
      handle() {
        return Bech32PrefixResponse.encode({ bech32Prefix: ACCOUNT_PREFIX }).finish();
      },
    },
    {
      path: '/aichain.auth.v1.Query/FeeParams',
      handle(ctx) {
        return QueryFeeParamsResponse.encode({ params: k.getFeeParams(ctx) }).finish();
      },
    },
  ];
}

export { toAddress };
