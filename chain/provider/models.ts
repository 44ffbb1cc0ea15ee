// A model's record and bytes from the chain over abci_query, its bytes checked against the id (their sha256), so a
// node cannot hand us other bytes than the chain registered. Used by `aichain infer` and the provider daemon.
import type { QueryClient } from '@cosmjs/stargate';
import type { ModelsExtension } from '../../modules/models/client.js';
import type { Model } from '../../proto/gen/aichain/models/v1/types.js';
import { sha256Hex } from '../store/bytes.js';

export interface ChainModel {
  model: Model;
  bytes: Uint8Array;
}

export async function fetchModel(qc: QueryClient & ModelsExtension, id: string): Promise<ChainModel> {
  const { model, bytes } = await qc.models.model(id, true);
  const got = sha256Hex(bytes);
  if (got !== id) throw new Error(`the node returned model bytes hashing to ${got}, not ${id}`);
  if (!model) throw new Error(`the node returned no record for model ${id}`);
  return { model, bytes };
}
