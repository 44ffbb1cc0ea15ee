// The slashing queries: its params (/aichain.slashing.v1.Query/Params), and a validator's signing info and the slash
// history at the gRPC paths they had inside staking (/aichain.staking.v1.Query/SigningInfo and /SlashHistory, same
// request and response messages), so clients and the CLI keep working unchanged.
import {
  QuerySigningInfoRequest,
  QuerySigningInfoResponse,
  QuerySlashHistoryRequest,
  QuerySlashHistoryResponse,
} from '../../proto/gen/aichain/staking/v1/query.js';
import { QueryParamsResponse } from '../../proto/gen/aichain/slashing/v1/query.js';
import type { QueryService } from '../../chain/types/module.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { consensusAddress, parseAddress, VALOPER_PREFIX } from '../../chain/types/address.js';
import { paginate } from '../../chain/types/pagination.js';
import type { SlashingKeeper } from './keeper.js';
import type { StakingKeeper } from './expected.js';

const SERVICE = '/aichain.staking.v1.Query/';
const notFound = (what: string) => sdkErrors.keyNotFound(`rpc error: code = NotFound desc = ${what}`);

export function slashingQueries(k: SlashingKeeper, staking: StakingKeeper): QueryService[] {
  return [
    {
      path: '/aichain.slashing.v1.Query/Params',
      handle: (ctx) => QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish(),
    },
    {
      path: `${SERVICE}SigningInfo`,
      handle(ctx, data) {
        const { validatorAddress } = QuerySigningInfoRequest.decode(data);
        const v = staking.getValidator(ctx, parseAddress(validatorAddress, VALOPER_PREFIX, 'validator address'));
        if (!v) throw notFound(`validator ${validatorAddress}`);
        const info = k.getSigningInfo(ctx, consensusAddress(v.consensusPubkey));
        if (!info) throw notFound(`signing info of ${validatorAddress}`);
        return QuerySigningInfoResponse.encode({ signingInfo: info }).finish();
      },
    },
    {
      path: `${SERVICE}SlashHistory`,
      handle(ctx, data) {
        const { validatorAddress, pagination } = QuerySlashHistoryRequest.decode(data);
        const records = k.state.slashRecords;
        const under = validatorAddress ? ([staking.targetId(validatorAddress)] as [Uint8Array]) : undefined;
        const page = paginate(records.store(ctx, under), pagination, (e) => records.entry(e, under)[1]);
        return QuerySlashHistoryResponse.encode({ slashes: page.items, pagination: page.pagination }).finish();
      },
    },
  ];
}
