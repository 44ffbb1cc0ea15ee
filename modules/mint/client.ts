// CosmJS pieces for the mint module: its governance message (MsgUpdateParams) and its queries as `aichainMint`.
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import {
  QueryClientImpl,
  type QueryBlockProvisionResponse,
  type QueryParamsResponse,
} from '../../proto/gen/aichain/mint/v1/query.js';
import type { GeneratedType } from '@cosmjs/proto-signing';
import { MsgUpdateParams as MintMsgUpdateParams } from '../../proto/gen/aichain/mint/v1/tx.js';
import { registryEntry } from '../../proto/registry.js';

/** The mint module's governance message. */
export const mintTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry('/aichain.mint.v1.MsgUpdateParams', MintMsgUpdateParams),
];

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
