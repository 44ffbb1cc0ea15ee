// MsgSend and MsgMultiSend, with the standard Cosmos type URLs: validate, check, call the keeper.
import { MsgSend, MsgSendResponse, MsgMultiSend, MsgMultiSendResponse } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { addAmounts, parseCoins, type Amount } from '../../chain/types/coins.js';
import { parseAddress } from '../../chain/types/address.js';
import type { Context } from '../../chain/types/context.js';
import type { BankKeeper } from './keeper.js';
import { bankErrors } from './errors.js';

function checkSendable(ctx: Context, k: BankKeeper, amounts: Amount[]): void {
  k.requireKnownDenoms(ctx, amounts);
  for (const a of amounts)
    if (!k.isSendEnabled(ctx, a.denom)) throw bankErrors.sendDisabled(`${a.denom} transfers are disabled`);
}

export function bankMsgs(k: BankKeeper): MsgService[] {
  const send = msgService<MsgSend>({
    typeUrl: '/cosmos.bank.v1beta1.MsgSend',
    responseTypeUrl: '/cosmos.bank.v1beta1.MsgSendResponse',
    codec: MsgSend,
    signers: (m) => [m.fromAddress],
    validateBasic(m) {
      parseAddress(m.fromAddress, undefined, 'from address');
      parseAddress(m.toAddress, undefined, 'to address');
      parseCoins(m.amount);
    },
    handle(ctx, m) {
      const amounts = parseCoins(m.amount);
      checkSendable(ctx, k, amounts);
      const to = parseAddress(m.toAddress);
      if (k.isBlockedRecipient(ctx, to)) throw bankErrors.blockedRecipient(`${m.toAddress} is a module account`);
      k.sendCoins(ctx, parseAddress(m.fromAddress), to, amounts);
      return MsgSendResponse.encode({}).finish();
    },
  });

  const multiSend = msgService<MsgMultiSend>({
    typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend',
    responseTypeUrl: '/cosmos.bank.v1beta1.MsgMultiSendResponse',
    codec: MsgMultiSend,
    signers: (m) => m.inputs.map((i) => i.address),
    validateBasic(m) {
      if (m.inputs.length === 0) throw bankErrors.noInputs();
      if (m.inputs.length > 1) throw bankErrors.multipleSenders('exactly one input is allowed');
      if (m.outputs.length === 0) throw bankErrors.noOutputs();
      const ins = m.inputs.map((i) => {
        parseAddress(i.address, undefined, 'input address');
        return parseCoins(i.coins);
      });
      const outs = m.outputs.map((o) => {
        parseAddress(o.address, undefined, 'output address');
        return parseCoins(o.coins);
      });
      const a = addAmounts(...ins),
        b = addAmounts(...outs);
      if (a.length !== b.length || a.some((x, i) => x.denom !== b[i].denom || x.amount !== b[i].amount)) {
        throw bankErrors.inputOutputMismatch();
      }
    },
    handle(ctx, m) {
      const input = m.inputs[0];
      const from = parseAddress(input.address);
      const total = parseCoins(input.coins);
      checkSendable(ctx, k, total);
      const outputs = m.outputs.map((o) => ({
        to: parseAddress(o.address),
        coins: parseCoins(o.coins),
        address: o.address,
      }));
      for (const o of outputs)
        if (k.isBlockedRecipient(ctx, o.to)) throw bankErrors.blockedRecipient(`${o.address} is a module account`);
      k.subtractCoins(ctx, from, total);
      for (const o of outputs) {
        k.creditFromMultiSend(ctx, input.address, o.to, o.coins);
      }
      return MsgMultiSendResponse.encode({}).finish();
    },
  });

  return [send, multiSend];
}
