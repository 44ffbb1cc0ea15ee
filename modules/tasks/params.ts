// Task market parameters: defaults and validation (changed only through governance).
import type { Params } from '../../proto/gen/aichain/tasks/v1/types.js';
import { isValidDenom, parseAmount } from '../../chain/types/coins.js';
import { DEC_ONE, parseDec, type Dec } from '../../chain/types/dec.js';
import { tasksErrors } from './errors.js';

/**
 * Splits of a settled task's price: 80 % provider, 5 % verifying validators (the community pool until the
 * verification module lands), 5 % model owner, 5 % datasets; the community pool gets the rest and the dust.
 */
export const defaultParams = (): Params => ({
  acceptedFeeDenoms: ['uaic', 'uusdc'],
  maxInputBytes: 65_536n,
  minDeadlineBlocks: 2n,
  maxDeadlineBlocks: 100_000n,
  claimTimeoutBlocks: 20n,
  challengeWindowBlocks: 10n,
  providerShare: '0.800000000000000000',
  validatorsShare: '0.050000000000000000',
  modelRoyaltyShare: '0.050000000000000000',
  datasetRoyaltyShare: '0.050000000000000000',
  providerSlashFraction: '0.010000000000000000',
  challengerRewardShare: '0.500000000000000000',
  minChallengeBond: { denom: 'uaic', amount: '1000000' }, // 1 AIC
  maxRerunFlopsPerBlock: 1_000_000_000n,
  missWindowBlocks: 1_000n,
  maxMissesPerWindow: 5,
  missJailSeconds: 600n,
  maxBatch: 100,
});

export interface Shares {
  provider: Dec;
  validators: Dec;
  modelRoyalty: Dec;
  datasetRoyalty: Dec;
}

const fraction = (s: string, name: string): Dec => {
  let d: Dec;
  try {
    d = parseDec(s);
  } catch {
    throw tasksErrors.invalidParams(`${name} is not a decimal`);
  }
  if (d > DEC_ONE) throw tasksErrors.invalidParams(`${name} above 1`);
  return d;
};

export const sharesOf = (p: Params): Shares => ({
  provider: fraction(p.providerShare, 'provider_share'),
  validators: fraction(p.validatorsShare, 'validators_share'),
  modelRoyalty: fraction(p.modelRoyaltyShare, 'model_royalty_share'),
  datasetRoyalty: fraction(p.datasetRoyaltyShare, 'dataset_royalty_share'),
});

export function validateParams(p: Params): void {
  const bad = (why: string) => tasksErrors.invalidParams(why);
  if (p.acceptedFeeDenoms.length === 0) throw bad('accepted_fee_denoms is empty');
  const seen = new Set<string>();
  for (const d of p.acceptedFeeDenoms) {
    if (!isValidDenom(d)) throw bad(`accepted_fee_denoms: invalid denom ${JSON.stringify(d)}`);
    if (seen.has(d)) throw bad(`accepted_fee_denoms: ${d} listed twice`);
    seen.add(d);
  }
  if (p.maxInputBytes < 1n || p.maxInputBytes > 4n * 1024n * 1024n)
    throw bad('max_input_bytes out of range (1..4 MiB)');
  if (p.minDeadlineBlocks < 1n) throw bad('min_deadline_blocks must be at least 1');
  if (p.maxDeadlineBlocks < p.minDeadlineBlocks || p.maxDeadlineBlocks > 10_000_000n)
    throw bad('max_deadline_blocks out of range (min_deadline_blocks..10000000)');
  if (p.claimTimeoutBlocks < 1n || p.claimTimeoutBlocks > 1_000_000n)
    throw bad('claim_timeout_blocks out of range (1..1000000)');
  if (p.challengeWindowBlocks < 1n || p.challengeWindowBlocks > 1_000_000n)
    throw bad('challenge_window_blocks out of range (1..1000000)');
  const s = sharesOf(p);
  if (s.provider + s.validators + s.modelRoyalty + s.datasetRoyalty > DEC_ONE) throw bad('the fee shares sum above 1');
  const slash = fraction(p.providerSlashFraction, 'provider_slash_fraction');
  if (slash === 0n) throw bad('provider_slash_fraction must be positive');
  fraction(p.challengerRewardShare, 'challenger_reward_share');
  const bond = p.minChallengeBond;
  if (!bond || !isValidDenom(bond.denom)) throw bad('min_challenge_bond needs a valid denom');
  let amount: bigint;
  try {
    amount = parseAmount(bond.amount, 'min_challenge_bond');
  } catch {
    throw bad('min_challenge_bond amount is not a non-negative integer');
  }
  if (amount < 1n) throw bad('min_challenge_bond must be at least 1');
  if (p.maxRerunFlopsPerBlock < 1n) throw bad('max_rerun_flops_per_block must be positive');
  if (p.missWindowBlocks < 1n || p.missWindowBlocks > 1_000_000n)
    throw bad('miss_window_blocks out of range (1..1000000)');
  if (!Number.isInteger(p.maxMissesPerWindow) || p.maxMissesPerWindow > 1_000_000)
    throw bad('max_misses_per_window out of range');
  if (p.missJailSeconds > 10n * 365n * 86_400n) throw bad('miss_jail_seconds above ten years');
  if (!Number.isInteger(p.maxBatch) || p.maxBatch < 1 || p.maxBatch > 10_000)
    throw bad('max_batch out of range (1..10000)');
}
