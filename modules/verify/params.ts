// Verification parameters: defaults and validation (changed only through governance).
import type { Params } from '../../proto/gen/aichain/verify/v1/types.js';
import { DEC_ONE, parseDec } from '../../chain/types/dec.js';
import { verifyErrors } from './errors.js';

/** 100 % sampling by default (the dev chain); a production genesis sets min_sample_bps lower. */
export const defaultParams = (): Params => ({
  maxVerificationsPerBlock: 16,
  maxVerifyFlopsPerBlock: 50_000_000n,
  maxExtensionBytes: 16_384n,
  maxOutputValues: 256,
  minSampleBps: 10_000,
  newProviderResults: 20n,
  faultCooldownBlocks: 1_000n,
  maxVerificationRetries: 3,
  faultWindowBlocks: 1_000n,
  maxFaults: 3,
  slashFractionWrongInference: '0.010000000000000000',
  faultJailSeconds: 600n,
  sketchSize: 32,
});

export function validateParams(p: Params): void {
  const bad = (why: string) => verifyErrors.invalidParams(why);
  if (p.maxVerificationsPerBlock < 1 || p.maxVerificationsPerBlock > 1_000)
    throw bad('max_verifications_per_block out of range (1..1000)');
  if (p.maxVerifyFlopsPerBlock < 1n) throw bad('max_verify_flops_per_block must be positive');
  if (p.maxExtensionBytes < 64n || p.maxExtensionBytes > 1_048_576n)
    throw bad('max_extension_bytes out of range (64..1048576)');
  if (p.maxOutputValues < 1 || p.maxOutputValues > 65_536) throw bad('max_output_values out of range (1..65536)');
  if (p.minSampleBps < 1 || p.minSampleBps > 10_000) throw bad('min_sample_bps out of range (1..10000)');
  if (p.maxVerificationRetries > 100) throw bad('max_verification_retries above 100');
  if (p.faultWindowBlocks < 1n || p.faultWindowBlocks > 1_000_000n)
    throw bad('fault_window_blocks out of range (1..1000000)');
  let f: bigint;
  try {
    f = parseDec(p.slashFractionWrongInference);
  } catch {
    throw bad('slash_fraction_wrong_inference is not a decimal');
  }
  if (f > DEC_ONE) throw bad('slash_fraction_wrong_inference above 1');
  if (p.faultJailSeconds > 10n * 365n * 86_400n) throw bad('fault_jail_seconds above ten years');
  if (p.sketchSize > p.maxOutputValues) throw bad('sketch_size above max_output_values');
}
