// aichain.verify.v1.Query: a task's verification record, the queue (bounded by max_verifications_per_block), a
// validator's inference faults in the window, a provider's history and sampling rate, params.
import {
  QueryParamsResponse,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryQueueResponse,
  QueryRecordRequest,
  QueryRecordResponse,
  QueryValidatorFaultsRequest,
  QueryValidatorFaultsResponse,
} from '../../proto/gen/aichain/verify/v1/query.js';
import type { QueryService } from '../../chain/types/module.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { fromHex, isHex } from '../../chain/store/bytes.js';
import type { VerifyKeeper } from './keeper.js';
import { verifyErrors } from './errors.js';
import { sampleRate } from './sampling.js';

const SERVICE = '/aichain.verify.v1.Query/';

export function verifyQueries(k: VerifyKeeper): QueryService[] {
  return [
    {
      path: `${SERVICE}Record`,
      handle(ctx, data) {
        const { taskId } = QueryRecordRequest.decode(data);
        const record = k.getRecord(ctx, taskId);
        if (!record) throw verifyErrors.unknownTask(`task ${taskId}`);
        return QueryRecordResponse.encode({ record }).finish();
      },
    },
    { path: `${SERVICE}Queue`, handle: (ctx) => QueryQueueResponse.encode({ entries: k.queue(ctx) }).finish() },
    {
      path: `${SERVICE}ValidatorFaults`,
      handle(ctx, data) {
        const { validator } = QueryValidatorFaultsRequest.decode(data);
        if (validator.length !== 40 || !isHex(validator))
          throw sdkErrors.invalidRequest('validator: 40 hex characters');
        const faults = k.faults(ctx, fromHex(validator.toLowerCase()));
        return QueryValidatorFaultsResponse.encode({
          taskIds: faults.map((f) => f.taskId),
          heights: faults.map((f) => f.height),
        }).finish();
      },
    },
    {
      path: `${SERVICE}Provider`,
      handle(ctx, data) {
        const { provider } = QueryProviderRequest.decode(data);
        if (!provider) throw sdkErrors.invalidRequest('provider is empty');
        const record = k.providerRecord(ctx, provider);
        const rate = sampleRate(k.getParams(ctx), record, ctx.block.height + 1n);
        return QueryProviderResponse.encode({
          record: record ?? { verified: 0n, lastFaultHeight: 0n },
          sampleRateBps: Number(rate),
        }).finish();
      },
    },
    { path: `${SERVICE}Params`, handle: (ctx) => QueryParamsResponse.encode({ params: k.getParams(ctx) }).finish() },
  ];
}
