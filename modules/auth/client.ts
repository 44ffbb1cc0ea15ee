// CosmJS pieces for auth: the standard account queries come from @cosmjs/stargate; this adds aichain's fee params
// and the governance messages.
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import type { GeneratedType } from '@cosmjs/proto-signing';
import { MsgUpdateParams } from 'cosmjs-types/cosmos/auth/v1beta1/tx';
import { MsgUpdateFeeParams } from '../../proto/gen/aichain/auth/v1/tx.js';
import { registryEntry } from '../../proto/registry.js';
import {
  QueryFeeParamsRequest,
  QueryFeeParamsResponse,
  type FeeParams,
} from '../../proto/gen/aichain/auth/v1/params.js';

/** The auth module's governance messages. */
export const authTypes: ReadonlyArray<[string, GeneratedType]> = [
  ['/cosmos.auth.v1beta1.MsgUpdateParams', MsgUpdateParams],
  registryEntry('/aichain.auth.v1.MsgUpdateFeeParams', MsgUpdateFeeParams),
];

export interface AichainAuthExtension {
  readonly aichainAuth: {
    /** The chain's fee rules: accepted fee denoms with their minimum gas prices, and the max tx size. */
    readonly feeParams: () => Promise<FeeParams>;
  };
}

export function setupAichainAuthExtension(base: QueryClient): AichainAuthExtension {
  const rpc = createProtobufRpcClient(base);
  return {
    aichainAuth: {
      feeParams: async () => {
        const data = await rpc.request('aichain.auth.v1.Query', 'FeeParams', QueryFeeParamsRequest.encode({}).finish());
        return QueryFeeParamsResponse.decode(data).params!;
      },
    },
  };
}

export { setupAuthExtension, type AuthExtension } from '@cosmjs/stargate';
