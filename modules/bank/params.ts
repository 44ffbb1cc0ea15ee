// Bank params: the SDK's send switches (a default, and per-denom overrides), checked the same way in genesis and in
// governance's cosmos.bank.v1beta1.MsgUpdateParams.
import type { Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import { MsgUpdateParams, MsgUpdateParamsResponse } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import type { MsgService } from '../../chain/types/module.js';
import { updateParamsService } from '../../chain/types/authority.js';
import { isValidDenom } from '../../chain/types/coins.js';
import type { BankKeeper } from './keeper.js';
import { bankErrors } from './errors.js';

export const defaultBankParams = (): Params => ({ sendEnabled: [], defaultSendEnabled: true });

/** Each override names a valid denom once. */
export function validateBankParams(p: Params): void {
  const seen = new Set<string>();
  for (const s of p.sendEnabled) {
    if (!isValidDenom(s.denom))
      throw bankErrors.invalidParams(`send_enabled: invalid denom ${JSON.stringify(s.denom)}`);
    if (seen.has(s.denom)) throw bankErrors.invalidParams(`send_enabled: ${s.denom} listed twice`);
    seen.add(s.denom);
  }
}

export function bankParamsMsg(k: BankKeeper, authority: string): MsgService {
  return updateParamsService<Params>({
    pkg: 'cosmos.bank.v1beta1',
    codec: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    authority,
    validate: (p) => validateBankParams(p),
    set: (ctx, p) => k.setParams(ctx, p),
  });
}
