// Reward params: defaults and validation (changed only through governance).
import type { Params } from '../../proto/gen/aichain/distribution/v1/types.js';
import { formatDec, parseDec } from '../../chain/types/coins.js';
import { distributionErrors } from './errors.js';
import { DEC_ONE } from './dec-coins.js';

export const defaultParams = (): Params => ({
  // No inflation unless genesis sets a rate (the dev genesis does): a chain without staking stays unchanged by blocks.
  inflationRate: '0.000000000000000000',
  blocksPerYear: 6_311_520n, // 5-second blocks
  communityTax: '0.020000000000000000',
  // The share of post-tax block rewards for the active compute providers (by stake); the rest goes to validators.
  providerRewardShare: '0.200000000000000000',
});

/** A decimal string in [0, 1], or undefined when it is not one. */
export function fractionOf(s: string): bigint | undefined {
  let d: bigint;
  try { d = parseDec(s); } catch { return undefined; }
  return d >= 0n && d <= DEC_ONE ? d : undefined;
}

/** Validates and returns the params with fractions in their canonical 18-decimal spelling. */
export function validateParams(p: Params): Params {
  const bad = (why: string) => distributionErrors.invalidParams(why);
  const inflation = fractionOf(p.inflationRate), tax = fractionOf(p.communityTax), share = fractionOf(p.providerRewardShare);
  if (inflation === undefined) throw bad('inflation_rate must be a decimal in [0, 1]');
  if (tax === undefined) throw bad('community_tax must be a decimal in [0, 1]');
  if (share === undefined) throw bad('provider_reward_share must be a decimal in [0, 1]');
  if (p.blocksPerYear < 1n || p.blocksPerYear > 1_000_000_000n) throw bad('blocks_per_year out of range (1..1e9)');
  return { ...p, inflationRate: formatDec(inflation), communityTax: formatDec(tax), providerRewardShare: formatDec(share) };
}
