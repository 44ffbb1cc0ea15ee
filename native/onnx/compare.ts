// Comparison rules between two canonical vectors (a provider's output and the consensus output), per model.
// Pure bigint arithmetic: the same answer on every node.

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
      if (!Number.isSafeInteger(row) || row < 1 || a.length % row !== 0) return no(`row length ${row} does not divide ${a.length}`);
      for (let s = 0; s < a.length; s += row) {
        const ia = argmax(a, s, s + row), ib = argmax(b, s, s + row);
        if (ia !== ib) return no(`row ${s / row}: argmax ${ia} ≠ ${ib}`);
      }
      return { match: true };
    }
    default:
      return no(`unknown rule ${(rule as { kind: unknown }).kind}`);
  }
}
