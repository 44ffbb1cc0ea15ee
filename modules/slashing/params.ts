// Slashing parameters: defaults and validation (changed only through governance).
import type { Params } from '../../proto/gen/aichain/slashing/v1/types.js';
import { isUnitFraction, parseDec, type Dec } from '../../chain/types/dec.js';
import { slashingErrors } from './errors.js';

export const defaultParams = (): Params => ({
  signedBlocksWindow: 100n,
  minSignedPerWindow: '0.500000000000000000',
  downtimeJailDuration: 600n, // 10 minutes
  slashFractionDoubleSign: '0.050000000000000000',
  slashFractionDowntime: '0.000100000000000000',
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

const TEN_YEARS = 10n * 365n * 86400n;

/** Throws slashing's invalid-params error naming the field. */
export function validateParams(p: Params): void {
  const bad = (why: string) => slashingErrors.invalidParams(why);
  if (p.signedBlocksWindow < 10n || p.signedBlocksWindow > 1_000_000n)
    throw bad('signed_blocks_window out of range (10..1000000)');
  if (p.downtimeJailDuration < 1n || p.downtimeJailDuration > TEN_YEARS)
    throw bad('downtime_jail_duration out of range (1 s..10 years)');
  for (const [name, v] of [
    ['min_signed_per_window', p.minSignedPerWindow],
    ['slash_fraction_double_sign', p.slashFractionDoubleSign],
    ['slash_fraction_downtime', p.slashFractionDowntime],
  ] as const) {
    if (fractionOf(v) === undefined) throw bad(`${name} must be a decimal in [0, 1]`);
  }
}
