// CosmJS pieces for bank: the message types this chain accepts, their encode objects and guards. Queries are the
// standard ones (`setupBankExtension` from @cosmjs/stargate).
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { MsgMultiSend, MsgSend, MsgUpdateParams } from 'cosmjs-types/cosmos/bank/v1beta1/tx';

export const bankTypes: ReadonlyArray<[string, GeneratedType]> = [
  ['/cosmos.bank.v1beta1.MsgSend', MsgSend],
  ['/cosmos.bank.v1beta1.MsgMultiSend', MsgMultiSend],
  ['/cosmos.bank.v1beta1.MsgUpdateParams', MsgUpdateParams],
];

export interface MsgMultiSendEncodeObject extends EncodeObject {
  readonly typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend';
  readonly value: Partial<MsgMultiSend>;
}
export const isMsgMultiSendEncodeObject = (o: EncodeObject): o is MsgMultiSendEncodeObject =>
  o.typeUrl === '/cosmos.bank.v1beta1.MsgMultiSend';

export {
  setupBankExtension,
  type BankExtension,
  type MsgSendEncodeObject,
  isMsgSendEncodeObject,
} from '@cosmjs/stargate';
