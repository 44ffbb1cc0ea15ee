// CosmJS pieces for auth: the standard account queries come from @cosmjs/stargate; this adds aichain's fee params.
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  QueryFeeParamsRequest,
  QueryFeeParamsResponse,
  type FeeParams,
} from '../../proto/gen/aichain/auth/v1/params.js';

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
