// The auth messages: governance only. cosmos.auth.v1beta1.MsgUpdateParams (the standard type) for the SDK's auth
// params, aichain.auth.v1.MsgUpdateFeeParams for the chain-wide fee rules; both checked as in genesis.
import type { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { MsgUpdateParams, MsgUpdateParamsResponse } from 'cosmjs-types/cosmos/auth/v1beta1/tx';
import { MsgUpdateFeeParams, MsgUpdateFeeParamsResponse } from '../../proto/gen/aichain/auth/v1/tx.js';
import type { FeeParams } from '../../proto/gen/aichain/auth/v1/params.js';
import type { MsgService } from '../../chain/types/module.js';
import { updateParamsService } from '../../chain/types/authority.js';
import type { AuthKeeper } from './keeper.js';
import { validateFeeParams, validateParams } from './params.js';

export function authMsgs(k: AuthKeeper, authority: string): MsgService[] {
  return [
    updateParamsService<Params>({
      pkg: 'cosmos.auth.v1beta1',
      codec: MsgUpdateParams,
      response: MsgUpdateParamsResponse,
      authority,
      validate: (p) => validateParams(p),
      set: (ctx, p) => k.setParams(ctx, p),
    }),
    updateParamsService<FeeParams>({
      pkg: 'aichain.auth.v1',
      name: 'MsgUpdateFeeParams',
      codec: MsgUpdateFeeParams,
      response: MsgUpdateFeeParamsResponse,
      authority,
      validate: (p) => validateFeeParams(p),
      set: (ctx, p) => k.setFeeParams(ctx, p),
    }),
  ];
}
