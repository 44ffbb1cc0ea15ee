// Reward params: defaults and validation (changed only through governance). The inflation params moved to
// modules/mint (fields 1–2 of aichain.distribution.v1.Params are reserved).
import type { Params } from '../../proto/gen/aichain/distribution/v1/types.js';
import { formatDec, isUnitFraction, parseDec, type Dec } from '../../chain/types/dec.js';
import { distributionErrors } from './errors.js';

export const defaultParams = (): Params => ({
  communityTax: '0.020000000000000000',
  // The share of post-tax block rewards for the active compute providers (by stake); the rest goes to validators.
  providerRewardShare: '0.200000000000000000',
});

/** A decimal string in [0, 1], or undefined when it is not one. */
export function fractionOf(s: string): Dec | undefined {
  let d: Dec;
  try {
    d = parseDec(s);
  } catch {
    return undefined;
  }
  return isUnitFraction(d) ? d : undefined;
}

/** Validates and returns the params with fractions in their canonical 18-decimal spelling. */
export function validateParams(p: Params): Params {
  const bad = (why: string) => distributionErrors.invalidParams(why);
  const tax = fractionOf(p.communityTax),
    share = fractionOf(p.providerRewardShare);
  if (tax === undefined) throw bad('community_tax must be a decimal in [0, 1]');
  if (share === undefined) throw bad('provider_reward_share must be a decimal in [0, 1]');
  return { ...p, communityTax: formatDec(tax), providerRewardShare: formatDec(share) };
}
