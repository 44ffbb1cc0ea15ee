// The verification messages: MsgUpdateParams only (the gov authority; the params checked as in genesis).
import { MsgUpdateParams, MsgUpdateParamsResponse } from '../../proto/gen/aichain/verify/v1/tx.js';
import type { Params } from '../../proto/gen/aichain/verify/v1/types.js';
import type { MsgService } from '../../chain/types/module.js';
import { updateParamsService } from '../../chain/types/authority.js';
import type { VerifyKeeper } from './keeper.js';
import { validateParams } from './params.js';

export function verifyMsgs(k: VerifyKeeper, authority: string): MsgService[] {
  return [
    updateParamsService<Params>({
      pkg: 'aichain.verify.v1',
      codec: MsgUpdateParams,
      response: MsgUpdateParamsResponse,
      authority,
      validate: (p) => validateParams(p),
      set: (ctx, p) => k.setParams(ctx, p),
    }),
  ];
}
