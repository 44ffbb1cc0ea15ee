// Comparison rules between two canonical vectors (a provider's output and the consensus output), per model.
// Pure bigint arithmetic: the same answer on every node.
//
// Which engine, which rule. Canonical outputs come from the consensus engine (WebAssembly): the same bits on every
// CPU, so validators agree exactly and `exact` is safe between them. A provider on the native engine differs from
// the canonical result in the last float32 bits (FMA vs non-FMA kernels, different reduction orders: DESIGN §6), so
// its models need `tolerance` or `argmax` (engine-policy.ts refuses native for `exact`).
//
// Tolerances are in canonical units (2^-scaleBits). A float32 value x has an ulp of 2^(floor(log2|x|) − 23); two
// computations differing by k ulps differ by k · 2^(floor(log2|x|) − 23 + scaleBits) units — a number that grows
// with the output's magnitude and does not depend on scaleBits once it is ≥ 1 unit (float32UlpUnits below). Then
// rounding to integers adds at most 1 unit. So a tolerance is "a few units plus a few ulps at the largest output":
//   - probabilities (|x| ≤ 1) at scale 16: an ulp is at most 2^-23 · 2^16 < 1 unit, so 2–4 units suffice;
//   - an output near 7,000 (2^12 ≤ x < 2^13) at scale 16: one ulp is 2^(12 − 23 + 16) = 32 units;
//   - the regressor (petal width ≤ 2.5 cm) at scale 16: 64 units ≈ 0.001 cm, far above ulps, far below an error.
// Rounding never removes the difference: a value whose two computations differ by d lands on different integers
// with probability ≈ |d| · 2^scaleBits (DESIGN §6), so `exact` between engines would fail often at any scale.

export type CompareRule =
  | { kind: 'exact' }
  /** max |a − b| ≤ tolerance, in canonical units (2^-scaleBits of the float). */
  | { kind: 'tolerance'; tolerance: bigint }
  /**
   * Same index of the largest value; ties go to the lowest index. With `rowLength`, the vector is taken as rows of
   * that length (e.g. [batch, classes]) and every row must agree.
   */
  | { kind: 'argmax'; rowLength?: number };

export type CompareResult = { match: true } | { match: false; reason: string };

const no = (reason: string): CompareResult => ({ match: false, reason });
const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * One float32 ulp, in canonical units, at a canonical magnitude m (= |x| · 2^scaleBits): 2^(bitLength(m) − 24),
 * at least 1. The scale cancels out: ulp(x) · 2^s = 2^(floor(log2 x) − 23 + s) = 2^(floor(log2 m) − 23).
 */
export function float32UlpUnits(m: bigint): bigint {
  const bits = abs(m).toString(2).length;
  return m === 0n || bits <= 24 ? 1n : 1n << BigInt(bits - 24);
}

/** The largest |a[i] − b[i]|; -1n when the lengths differ. */
export function maxAbsDiff(a: readonly bigint[], b: readonly bigint[]): bigint {
  if (a.length !== b.length) return -1n;
  let m = 0n;
  for (let i = 0; i < a.length; i++) {
    const d = abs(a[i] - b[i]);
    if (d > m) m = d;
  }
  return m;
}

/** Index of the largest value in v[start, end), lowest index on ties; -1 for an empty range. */
export function argmax(v: readonly bigint[], start = 0, end = v.length): number {
  let best = -1;
  for (let i = start; i < end; i++) if (best < 0 || v[i] > v[best]) best = i;
  return best < 0 ? -1 : best - start;
}

export function compare(rule: CompareRule, a: readonly bigint[], b: readonly bigint[]): CompareResult {
  if (a.length !== b.length) return no(`length ${a.length} ≠ ${b.length}`);
  switch (rule.kind) {
    case 'exact': {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return no(`element ${i}: ${a[i]} ≠ ${b[i]}`);
      return { match: true };
    }
    case 'tolerance': {
      if (rule.tolerance < 0n) return no('negative tolerance');
      for (let i = 0; i < a.length; i++) {
        const d = abs(a[i] - b[i]);
        if (d > rule.tolerance) return no(`element ${i}: |${a[i]} − ${b[i]}| = ${d} > ${rule.tolerance}`);
      }
      return { match: true };
    }
    case 'argmax': {
      if (a.length === 0) return no('empty vectors have no argmax');
      const row = rule.rowLength ?? a.length;
      if (!Number.isSafeInteger(row) || row < 1 || a.length % row !== 0)
        return no(`row length ${row} does not divide ${a.length}`);
      for (let s = 0; s < a.length; s += row) {
        const ia = argmax(a, s, s + row),
          ib = argmax(b, s, s + row);
        if (ia !== ib) return no(`row ${s / row}: argmax ${ia} ≠ ${ib}`);
      }
      return { match: true };
    }
    default:
      return no(`unknown rule ${(rule as { kind: unknown }).kind}`);
  }
}
