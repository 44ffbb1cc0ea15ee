// Mint parameters: defaults and validation (changed only through governance).
import type { Params } from '../../proto/gen/aichain/mint/v1/types.js';
import { formatDec, isUnitFraction, parseDec } from '../../chain/types/dec.js';
import { mintErrors } from './errors.js';

export const defaultParams = (): Params => ({
  // No inflation unless genesis sets a rate (the dev genesis does): a chain without staking stays unchanged by blocks.
  inflationRate: '0.000000000000000000',
  blocksPerYear: 6_311_520n, // 5-second blocks
});

/** Validates and returns the params with the rate in its canonical 18-decimal spelling; the error names the field. */
export function validateParams(p: Params): Params {
  const bad = (why: string) => mintErrors.invalidParams(why);
  let rate: bigint;
  try {
    rate = parseDec(p.inflationRate);
  } catch {
    throw bad('inflation_rate must be a decimal in [0, 1]');
  }
  if (!isUnitFraction(rate)) throw bad('inflation_rate must be a decimal in [0, 1]');
  if (p.blocksPerYear < 1n || p.blocksPerYear > 1_000_000_000n) throw bad('blocks_per_year out of range (1..1e9)');
  return { ...p, inflationRate: formatDec(rate) };
}
