// CosmJS pieces for the slashing module: its params query as `aichainSlashing` on a CosmJS QueryClient. Its
// messages (MsgUnjail, MsgUnjailProvider) and the signing-info / slash-history queries keep their staking type URLs
// and paths, so they stay in modules/staking/client.ts.
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import { QueryClientImpl, type QueryParamsResponse } from '../../proto/gen/aichain/slashing/v1/query.js';
import type { GeneratedType } from '@cosmjs/proto-signing';
import { MsgUpdateParams as SlashingMsgUpdateParams } from '../../proto/gen/aichain/slashing/v1/tx.js';
import { registryEntry } from '../../proto/registry.js';

/** The slashing module's governance message (its unjail messages keep staking's type URLs and live in stakingTypes). */
export const slashingTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry('/aichain.slashing.v1.MsgUpdateParams', SlashingMsgUpdateParams),
];

export interface AichainSlashingExtension {
  readonly aichainSlashing: { readonly params: () => Promise<QueryParamsResponse> };
}

export function setupAichainSlashingExtension(base: QueryClient): AichainSlashingExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return { aichainSlashing: { params: () => q.Params({}) } };
}
