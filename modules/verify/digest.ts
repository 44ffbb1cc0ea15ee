// Digests of long outputs (DESIGN §6.3): an output longer than max_output_values is reported in a short form that
// every validator computes of its own run and the chain computes of the provider's output, so they compare like the
// full outputs would, by the model's rule:
//   - argmax models: the index of the largest value in each row (what the rule compares anyway: exact on indices);
//   - other rules: a sketch, sketch_size values s_j = Σ_i c_ji · v_i with c_ji = ±1 from a sha256 counter stream over
//     a seed fixed by the app hash after the provider submitted (so it cannot tailor a wrong output to the matrix).
//     Exact: the sketches are equal. Tolerance t: every |Δs_j| ≤ n · t (true whenever every element is within t;
//     one element off by more than (2n − 1) · t always shows; small errors spread over many elements may not).
// Pure bigint arithmetic; deterministic on every machine.
import { concatBytes, sha256, u64 } from '../../chain/store/bytes.js';
import type { Digest } from '../../proto/gen/aichain/verify/v1/types.js';
import type { CompareRule } from './expected.js';

/** The digest for an output of `n` values under `rule`, or why none fits `maxValues`. */
export function digestFor(
  rule: CompareRule,
  n: number,
  maxValues: number,
  sketchSize: number,
  seed: Uint8Array,
): { digest: Digest; length: number } | { why: string } {
  if (rule.kind === 'argmax') {
    const row = rule.rowLength ?? n;
    const rows = Math.ceil(n / row);
    if (rows > maxValues) return { why: `${rows} argmax rows above max_output_values` };
    return { digest: { argmaxRow: row, sketchSeed: new Uint8Array(), sketchSize: 0 }, length: rows };
  }
  if (sketchSize === 0) return { why: `output of ${n} values above max_output_values, sketches off` };
  return { digest: { argmaxRow: 0, sketchSeed: seed, sketchSize }, length: sketchSize };
}

/** The seed of a task's sketch matrix: sha256(app hash after the queueing block's parent ‖ task id ‖ "sketch"). */
export const sketchSeed = (lastAppHash: Uint8Array, taskId: bigint): Uint8Array =>
  sha256(concatBytes(lastAppHash, u64(taskId), new TextEncoder().encode('sketch')));

/** The digest of `values`. */
export function digest(d: Digest, values: readonly bigint[]): bigint[] {
  if (d.argmaxRow > 0) {
    const out: bigint[] = [];
    for (let start = 0; start < values.length; start += d.argmaxRow) {
      let best = start;
      const end = Math.min(start + d.argmaxRow, values.length);
      for (let i = start + 1; i < end; i++) if (values[i] > values[best]) best = i; // first max wins, as compare's
      out.push(BigInt(best - start));
    }
    return out;
  }
  const sums = new Array<bigint>(d.sketchSize).fill(0n);
  const signs = signStream(d.sketchSeed);
  for (let j = 0; j < d.sketchSize; j++)
    for (let i = 0; i < values.length; i++) sums[j] += signs() ? values[i] : -values[i];
  return sums;
}

/** ±1 coefficients, row by row: bit k of sha256(seed ‖ u64(k / 256)). */
function signStream(seed: Uint8Array): () => boolean {
  let block: Uint8Array = new Uint8Array(),
    k = 0;
  return () => {
    const bit = k % 256;
    if (bit === 0) block = sha256(concatBytes(seed, u64(BigInt(k / 256))));
    k++;
    return ((block[bit >> 3] >> (bit & 7)) & 1) === 1;
  };
}

/** How digests compare: exact for argmax indices and exact sketches; n · t for a tolerance sketch. */
export function digestRule(d: Digest, rule: CompareRule, n: number): CompareRule {
  if (d.argmaxRow > 0 || rule.kind !== 'tolerance') return { kind: 'exact' };
  return { kind: 'tolerance', tolerance: rule.tolerance * BigInt(n) };
}
