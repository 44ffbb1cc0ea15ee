// CosmJS pieces for the mint module (no messages): its queries as `aichainMint` on a CosmJS QueryClient.
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  QueryClientImpl,
  type QueryBlockProvisionResponse,
  type QueryParamsResponse,
} from '../../proto/gen/aichain/mint/v1/query.js';

export interface AichainMintExtension {
  readonly aichainMint: {
    readonly params: () => Promise<QueryParamsResponse>;
    readonly blockProvision: () => Promise<QueryBlockProvisionResponse>;
  };
}

export function setupAichainMintExtension(base: QueryClient): AichainMintExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return { aichainMint: { params: () => q.Params({}), blockProvision: () => q.BlockProvision({}) } };
}
