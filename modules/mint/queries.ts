// aichain.mint.v1.Query: the params and what the next block would mint.
import { QueryBlockProvisionResponse, QueryParamsResponse } from '../../proto/gen/aichain/mint/v1/query.js';
import type { QueryService } from '../../chain/types/module.js';
import type { MintKeeper } from './keeper.js';

const SERVICE = '/aichain.mint.v1.Query/';

export function mintQueries(k: MintKeeper): QueryService[] {
  return [
    { path: `${SERVICE}Params`, handle: (ctx) => QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish() },
    {
      path: `${SERVICE}BlockProvision`,
      handle(ctx) {
        const p = k.blockProvision(ctx);
        return QueryBlockProvisionResponse.encode({
          provision: { denom: p.denom, amount: p.amount.toString() },
        }).finish();
      },
    },
  ];
}
