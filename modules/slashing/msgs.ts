// The slashing messages. Their type URLs are the ones they had when slashing lived inside staking
// (/aichain.staking.v1.MsgUnjail, …MsgUnjailProvider), so every client and signed tx keeps working.
import {
  MsgUnjail,
  MsgUnjailProvider,
  MsgUnjailProviderResponse,
  MsgUnjailResponse,
} from '../../proto/gen/aichain/staking/v1/tx.js';
import { MsgUpdateParams, MsgUpdateParamsResponse } from '../../proto/gen/aichain/slashing/v1/tx.js';
import type { Params } from '../../proto/gen/aichain/slashing/v1/types.js';
import { updateParamsService } from '../../chain/types/authority.js';
import { validateParams } from './params.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import type { SlashingKeeper } from './keeper.js';

const TYPE = '/aichain.staking.v1.';

export function slashingMsgs(k: SlashingKeeper, authority: string): MsgService[] {
  const unjail = msgService<MsgUnjail>({
    typeUrl: `${TYPE}MsgUnjail`,
    responseTypeUrl: `${TYPE}MsgUnjailResponse`,
    codec: MsgUnjail,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
    },
    handle(ctx, m) {
      k.unjail(ctx, parseAddress(m.operator, undefined, 'operator'));
      return MsgUnjailResponse.encode({}).finish();
    },
  });
  const unjailProvider = msgService<MsgUnjailProvider>({
    typeUrl: `${TYPE}MsgUnjailProvider`,
    responseTypeUrl: `${TYPE}MsgUnjailProviderResponse`,
    codec: MsgUnjailProvider,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
    },
    handle(ctx, m) {
      k.unjailProvider(ctx, parseAddress(m.operator, undefined, 'operator'));
      return MsgUnjailProviderResponse.encode({}).finish();
    },
  });
  const updateParams = updateParamsService<Params>({
    pkg: 'aichain.slashing.v1',
    codec: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    authority,
    validate: (p) => validateParams(p),
    set: (ctx, p) => k.setParams(ctx, p),
  });
  return [unjail, unjailProvider, updateParams];
}
