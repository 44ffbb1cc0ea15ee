// CosmJS pieces for verification in consensus: governance's MsgUpdateParams and the query extension (no user
// messages: the module's input is the validators' vote extensions).
import { createProtobufRpcClient, type QueryClient } from '@cosmjs/stargate';
import type { GeneratedType } from '@cosmjs/proto-signing';
import { MsgUpdateParams as VerifyMsgUpdateParams } from '../../proto/gen/aichain/verify/v1/tx.js';
import { registryEntry } from '../../proto/registry.js';
import { QueryClientImpl, type QueryValidatorFaultsResponse } from '../../proto/gen/aichain/verify/v1/query.js';
import type {
  Params,
  ProviderRecord,
  QueueEntry,
  Record as VerificationRecord,
} from '../../proto/gen/aichain/verify/v1/types.js';

/** The verification module's governance message. */
export const verifyTypes: ReadonlyArray<[string, GeneratedType]> = [
  registryEntry('/aichain.verify.v1.MsgUpdateParams', VerifyMsgUpdateParams),
];

export interface VerifyExtension {
  readonly verify: {
    /** A verified task's outcome: verdict, consensus output, each validator's report. Rejects when there is none. */
    readonly record: (taskId: bigint) => Promise<VerificationRecord>;
    /** The results the validators run at the next height, in task id order. */
    readonly queue: () => Promise<QueueEntry[]>;
    /** A validator's inference faults inside the window (consensus address, 40 hex characters). */
    readonly validatorFaults: (validator: string) => Promise<QueryValidatorFaultsResponse>;
    /** A provider's verification history and the rate its next result is sampled at. */
    readonly provider: (provider: string) => Promise<{ record: ProviderRecord; sampleRateBps: number }>;
    readonly params: () => Promise<Params>;
  };
}

export function setupVerifyExtension(base: QueryClient): VerifyExtension {
  const q = new QueryClientImpl(createProtobufRpcClient(base));
  return {
    verify: {
      record: async (taskId) => (await q.Record({ taskId })).record!,
      queue: async () => (await q.Queue({})).entries,
      validatorFaults: (validator) => q.ValidatorFaults({ validator }),
      provider: async (provider) => {
        const r = await q.Provider({ provider });
        return { record: r.record ?? { verified: 0n, lastFaultHeight: 0n }, sampleRateBps: r.sampleRateBps };
      },
      params: async () => (await q.Params({})).params!,
    },
  };
}

export type {
  Params as VerifyParams,
  ProviderRecord,
  QueueEntry,
  Record as VerificationRecord,
  ValidatorReport,
} from '../../proto/gen/aichain/verify/v1/types.js';
