// CosmJS pieces for the distribution module: registry types and encode objects.
import type { EncodeObject, GeneratedType } from '@cosmjs/proto-signing';
import { MsgWithdrawCommission, MsgWithdrawRewards } from '../../proto/gen/aichain/distribution/v1/tx.js';
import { registryEntry } from '../../proto/registry.js';

const T = '/aichain.distribution.v1.';
export const distributionTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry(`${T}MsgWithdrawRewards`, MsgWithdrawRewards),
  registryEntry(`${T}MsgWithdrawCommission`, MsgWithdrawCommission),
];

export interface MsgWithdrawRewardsEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards';
  readonly value: Partial<MsgWithdrawRewards>;
}
export interface MsgWithdrawCommissionEncodeObject extends EncodeObject {
  readonly typeUrl: '/aichain.distribution.v1.MsgWithdrawCommission';
  readonly value: Partial<MsgWithdrawCommission>;
}
