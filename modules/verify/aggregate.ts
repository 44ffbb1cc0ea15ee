// Aggregation of the validators' reports on one task (DESIGN §6.5), pure: from the reports carried in the block
// (tx 0) and the powers of the last commit, with no floats and no iteration over unordered containers.
//
//   - Values reports are grouped by length; the group with the most power (ties: the shorter) is the candidate.
//     With > 2/3 of the total power in it, the consensus output is the stake-weighted median of each element: the
//     smallest value whose cumulative power (values ascending) reaches half the group's power.
//   - Else, with > 2/3 of the total power reporting one error code: the consensus is that error (the model fails on
//     this input).
//   - Else no consensus: the task waits (too little power reported, or the reporters disagree).
export interface VoteReport {
  /** Consensus address (20 bytes). */
  validator: Uint8Array;
  power: bigint;
  values?: readonly bigint[];
  errorCode?: string;
}

export type Consensus =
  | { kind: 'values'; values: bigint[]; power: bigint }
  | { kind: 'error'; code: string; power: bigint }
  | { kind: 'none'; reportedPower: bigint };

const moreThanTwoThirds = (p: bigint, total: bigint) => p * 3n > total * 2n;

/** The stake-weighted median of one element: the smallest v with cumulative power * 2 >= the group's power. */
export function weightedMedian(entries: ReadonlyArray<{ value: bigint; power: bigint }>): bigint {
  const sorted = [...entries].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const total = sorted.reduce((s, e) => s + e.power, 0n);
  let acc = 0n;
  for (const e of sorted) {
    acc += e.power;
    if (acc * 2n >= total) return e.value;
  }
  throw new Error('weightedMedian of nothing');
}

export function aggregate(reports: readonly VoteReport[], totalPower: bigint): Consensus {
  const reportedPower = reports.reduce((s, r) => s + r.power, 0n);
  const byLength = new Map<number, VoteReport[]>();
  const byError = new Map<string, bigint>();
  for (const r of reports) {
    if (r.errorCode) byError.set(r.errorCode, (byError.get(r.errorCode) ?? 0n) + r.power);
    else if (r.values) {
      const g = byLength.get(r.values.length) ?? [];
      g.push(r);
      byLength.set(r.values.length, g);
    }
  }
  let best: { len: number; power: bigint; group: VoteReport[] } | undefined;
  for (const [len, group] of [...byLength].sort((a, b) => a[0] - b[0])) {
    const power = group.reduce((s, r) => s + r.power, 0n);
    if (!best || power > best.power) best = { len, power, group };
  }
  if (best && moreThanTwoThirds(best.power, totalPower)) {
    const values: bigint[] = [];
    for (let i = 0; i < best.len; i++)
      values.push(weightedMedian(best.group.map((r) => ({ value: r.values![i], power: r.power }))));
    return { kind: 'values', values, power: best.power };
  }
  for (const [code, power] of [...byError].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (moreThanTwoThirds(power, totalPower)) return { kind: 'error', code, power };
  }
  return { kind: 'none', reportedPower };
}
