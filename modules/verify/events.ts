// The verification module's events (type + string attributes, indexed).
import type { Context } from '../../chain/types/context.js';

export const EVENT = {
  queued: 'verification_queued',
  skipped: 'verification_skipped',
  settled: 'verification_settled',
  unverified: 'verification_unverified',
  retry: 'verification_retry',
  fault: 'validator_inference_fault',
  slashed: 'validator_inference_slashed',
} as const;

export const emit = (ctx: Context, type: string, attrs: Array<[string, string]>) => ctx.events.emit(type, attrs);
