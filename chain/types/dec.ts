// The one decimal kernel: 18-decimal fixed point on bigint, as the Cosmos SDK's LegacyDec. A Dec is a bigint scaled
// by DEC_ONE. Rounding is consensus behaviour, so every operation that can lose digits takes its rounding mode as an
// argument and each call site names it; there is no default.
import { sdkErrors } from './errors.js';

/** A decimal scaled by 10^18 (1.5 is 1_500_000_000_000_000_000n). */
export type Dec = bigint;

export const DEC_PRECISION = 18;
export const DEC_ONE: Dec = 10n ** 18n;
export const DEC_ZERO: Dec = 0n;

/**
 * floor: toward -∞; ceil: toward +∞; half-even: to nearest, ties to the even neighbour (the SDK's Dec.Mul/Quo);
 * half-away: to nearest, ties away from zero (the SDK's Dec.RoundInt for positive values).
 */
export type Rounding = 'floor' | 'ceil' | 'half-even' | 'half-away';

/** num / den rounded by `mode`. Division by zero is a logic error. PERF: two bigint divisions at most. */
export function divRound(num: bigint, den: bigint, mode: Rounding): bigint {
  if (den === 0n) throw sdkErrors.logic('decimal division by zero');
  const q = num / den,
    r = num % den; // q truncated toward zero
  if (r === 0n) return q;
  const negative = num < 0n !== den < 0n;
  const away = negative ? q - 1n : q + 1n; // the neighbour farther from zero
  switch (mode) {
    case 'floor':
      return negative ? away : q;
    case 'ceil':
      return negative ? q : away;
    case 'half-even':
    case 'half-away': {
      const twice = 2n * (r < 0n ? -r : r),
        d = den < 0n ? -den : den;
      if (twice < d) return q;
      if (twice > d) return away;
      return mode === 'half-away' || q % 2n !== 0n ? away : q;
    }
  }
}

export const decFromInt = (n: bigint): Dec => n * DEC_ONE;

/** The integer part of a decimal, rounded by `mode`. */
export const decToInt = (d: Dec, mode: Rounding): bigint => divRound(d, DEC_ONE, mode);

/** a × b. */
export const decMul = (a: Dec, b: Dec, mode: Rounding): Dec => divRound(a * b, DEC_ONE, mode);

/** a ÷ b. */
export const decQuo = (a: Dec, b: Dec, mode: Rounding): Dec => divRound(a * DEC_ONE, b, mode);

/** An integer times a decimal, as an integer (e.g. a fee from gas × price, tokens × a slash fraction). */
export const mulIntDec = (n: bigint, d: Dec, mode: Rounding): bigint => divRound(n * d, DEC_ONE, mode);

/** The decimal num / den of two integers (e.g. a share of a total). */
export const decFromRatio = (num: bigint, den: bigint, mode: Rounding): Dec => divRound(num * DEC_ONE, den, mode);

/**
 * base^exp by repeated squaring, each product rounded by `mode` (as the SDK's Dec.Power), so the result depends on
 * the mode but not on anything else. `exp` is a non-negative integer.
 */
export function decPow(base: Dec, exp: bigint, mode: Rounding): Dec {
  if (exp < 0n) throw sdkErrors.logic(`decimal power with negative exponent ${exp}`);
  let result = DEC_ONE,
    b = base,
    e = exp;
  while (e > 0n) {
    if (e & 1n) result = decMul(result, b, mode);
    e >>= 1n;
    if (e > 0n) b = decMul(b, b, mode);
  }
  return result;
}

/** 0 ≤ d ≤ 1 (rates, fractions, shares of a whole). */
export const isUnitFraction = (d: Dec): boolean => d >= 0n && d <= DEC_ONE;

// The string form used in protobuf and state: digits, a point, exactly 18 fraction digits ("0.025000000000000000"),
// as the SDK's LegacyDec.String. Parsing accepts 1-60 integer digits and 0-18 fraction digits, no sign: every
// decimal stored in state is non-negative, and rejecting a sign here keeps "-0.1" out of rates and fractions.
const DEC_RE = /^[0-9]{1,60}(\.[0-9]{1,18})?$/;

/** Parses a non-negative decimal string; anything else is sdk code 10 (invalid coins), as before the kernel. */
export function parseDec(s: string): Dec {
  if (!DEC_RE.test(s)) throw sdkErrors.invalidCoins(`invalid decimal ${JSON.stringify(s)}`);
  const [i, f = ''] = s.split('.');
  return BigInt(i) * DEC_ONE + BigInt(f.padEnd(DEC_PRECISION, '0'));
}

/** The canonical string: integer part, '.', 18 fraction digits; a negative value (logs only) gets a leading '-'. */
export function formatDec(d: Dec): string {
  if (d < 0n) return `-${formatDec(-d)}`;
  return `${d / DEC_ONE}.${(d % DEC_ONE).toString().padStart(DEC_PRECISION, '0')}`;
}
