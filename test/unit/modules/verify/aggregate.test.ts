// Aggregation of the validators' reports: stake-weighted median per element, error consensus, too little power,
// and the deterministic, record-adaptive sampling draw.
import test from 'tape';
import { aggregate, weightedMedian, type VoteReport } from '../../../../modules/verify/aggregate.js';
import { draw, sampleRate, sampled } from '../../../../modules/verify/sampling.js';
import { defaultParams } from '../../../../modules/verify/params.js';

const v = (i: number, power: bigint, values?: bigint[], errorCode?: string): VoteReport => ({
  validator: Uint8Array.of(i),
  power,
  values,
  errorCode,
});

test('aggregate: the stake-weighted median of each element', (t) => {
  t.equal(
    weightedMedian([
      { value: 5n, power: 1n },
      { value: 1n, power: 1n },
      { value: 9n, power: 1n },
    ]),
    5n,
    'equal powers: the middle value',
  );
  t.equal(
    weightedMedian([
      { value: 5n, power: 1n },
      { value: 1n, power: 10n },
      { value: 9n, power: 1n },
    ]),
    1n,
    'a heavy validator pulls the median',
  );
  t.equal(
    weightedMedian([
      { value: 2n, power: 1n },
      { value: 7n, power: 1n },
    ]),
    2n,
    'a tie: the lower value (no division, no floats)',
  );
  const honest = [10n, -20n, 30n];
  const c = aggregate([v(1, 10n, honest), v(2, 10n, honest), v(3, 10n, honest), v(4, 10n, [99n, 99n, 99n])], 40n);
  t.deepEqual(
    c,
    { kind: 'values', values: honest, power: 40n },
    'one liar of four equal powers cannot move the median',
  );
  const d = aggregate([v(1, 10n, honest), v(2, 10n, honest), v(3, 10n, [11n, -19n, 31n])], 40n);
  t.deepEqual(d.kind === 'values' && d.values, honest, 'three of four reporting (> 2/3) decide');
  t.equal(
    aggregate([v(1, 10n, honest), v(2, 10n, honest)], 40n).kind,
    'none',
    'half the power: no consensus (the task waits)',
  );
  t.deepEqual(
    aggregate(
      [
        v(1, 10n, undefined, 'BAD_INPUT'),
        v(2, 10n, undefined, 'BAD_INPUT'),
        v(3, 10n, undefined, 'BAD_INPUT'),
        v(4, 10n, honest),
      ],
      40n,
    ),
    { kind: 'error', code: 'BAD_INPUT', power: 30n },
    '> 2/3 reporting the same error: the model fails on this input',
  );
  t.equal(
    aggregate([v(1, 10n, honest), v(2, 10n, honest), v(3, 10n, [1n]), v(4, 10n, undefined, 'X')], 40n).kind,
    'none',
    'split lengths and errors: no consensus',
  );
  t.end();
});

test("sampling: a draw from the previous app hash and the task id; the rate follows the provider's record", (t) => {
  const h1 = new Uint8Array(32).fill(1),
    h2 = new Uint8Array(32).fill(2);
  t.equal(draw(h1, 7n), draw(h1, 7n), 'the same facts give the same draw');
  const draws = Array.from({ length: 50 }, (_, i) => draw(h1, BigInt(i)));
  t.ok(
    draws.every((d) => d >= 0n && d < 10_000n),
    'draws are in [0, 10000)',
  );
  t.ok(
    draws.some((d, i) => d !== draw(h2, BigInt(i))),
    'another app hash gives other draws',
  );
  const p = { ...defaultParams(), minSampleBps: 500, newProviderResults: 20n, faultCooldownBlocks: 100n };
  t.equal(sampleRate(p, undefined, 10n), 10_000n, 'a new provider: 100 %');
  t.equal(sampleRate(p, { verified: 19n, lastFaultHeight: 0n }, 10n), 10_000n, 'below new_provider_results: 100 %');
  t.equal(sampleRate(p, { verified: 40n, lastFaultHeight: 0n }, 10n), 5_000n, 'twice the threshold: 50 %');
  t.equal(sampleRate(p, { verified: 100_000n, lastFaultHeight: 0n }, 10n), 500n, 'a long record: the floor');
  t.equal(
    sampleRate(p, { verified: 100_000n, lastFaultHeight: 950n }, 1000n),
    10_000n,
    'recently faulted: 100 % again',
  );
  t.ok(
    Array.from({ length: 100 }, (_, i) => sampled(h1, BigInt(i), 10_000n)).every(Boolean),
    'rate 10000 samples everything',
  );
  const n = Array.from({ length: 2000 }, (_, i) => sampled(h1, BigInt(i), 500n)).filter(Boolean).length;
  t.ok(n > 50 && n < 160, `rate 5 % samples about 100 of 2000 (got ${n})`);
  t.end();
});
