// The vote extension's wire format and its two checks. The property that matters most (PROTOCOL §B: chains halted
// when their own ExtendVote output failed their own VerifyVoteExtension): anything our ExtendVote can produce — any
// mix of value reports (any int64, any length up to the cap), error reports and out-of-range outputs, cut to the byte
// limit — passes both the form check and the queued check.
import test from 'tape';
import { VoteExtension } from '../../../../proto/gen/aichain/verify/v1/types.js';
import {
  decodeExtension,
  encodeExtension,
  encodeWithin,
  formProblem,
  queuedProblem,
  reportOf,
  VALUE_OUT_OF_RANGE,
} from '../../../../modules/verify/extension.js';
import { xorshift32 } from '../../../support/prng.js';

const SEED = 0x5eed11;

test('extension: anything ExtendVote can produce passes VerifyVoteExtension (randomized, seed 0x5eed11)', (t) => {
  const r = xorshift32(SEED);
  const big = () => ((BigInt(r.below(2 ** 31)) << 32n) | BigInt(r.below(2 ** 31))) * (r.below(2) ? -1n : 1n);
  let failures = 0;
  for (let run = 0; run < 300; run++) {
    const queued = new Set<bigint>();
    const reports = [];
    const n = r.below(20);
    for (let i = 0; i < n; i++) {
      const id = BigInt(1 + r.below(1_000_000));
      if (queued.has(id)) continue;
      queued.add(id);
      const kind = r.below(4);
      const len = r.below(300);
      const values = Array.from({ length: len }, () => (r.below(3) === 0 ? big() : BigInt(r.below(100_000) - 50_000)));
      if (kind === 0)
        reports.push(reportOf(id, { ok: false, code: ['BAD_INPUT', 'NON_FINITE', 'MODEL_FAILED', ''][r.below(4)] }));
      else if (kind === 1) reports.push(reportOf(id, { ok: true, values: [...values, 2n ** 70n] }));
      else reports.push(reportOf(id, { ok: true, values }));
    }
    const max = BigInt(64 + r.below(20_000));
    const ext = encodeWithin(reports, max);
    const p = formProblem(ext, max) ?? queuedProblem(ext, max, 300, (id) => queued.has(id));
    if (p !== undefined || decodeExtension(ext) === undefined || BigInt(ext.length) > max) {
      failures++;
      t.fail(`run ${run}: our own extension refused: ${p}`);
    }
  }
  t.equal(failures, 0, '300 random extensions all pass their own checks');
  t.end();
});

test('extension: wire format and refusals', (t) => {
  t.equal(encodeExtension([]).length, 0, 'no reports: the empty extension');
  t.equal(formProblem(new Uint8Array(), 0n), undefined, 'the empty extension is valid');
  const ext = encodeExtension([
    reportOf(9n, { ok: true, values: [1n, -2n] }),
    reportOf(3n, { ok: false, code: 'BAD_INPUT' }),
  ]);
  const d = decodeExtension(ext)!;
  t.deepEqual(
    d.reports.map((x) => x.taskId),
    [3n, 9n],
    'reports travel in ascending id order',
  );
  t.deepEqual(d.reports[1].values, [1n, -2n], 'values as sint64');
  t.equal(
    reportOf(1n, { ok: true, values: [2n ** 63n] }).errorCode,
    VALUE_OUT_OF_RANGE,
    'a value beyond int64 is an error report',
  );
  const enc = (e: Partial<VoteExtension>) => VoteExtension.encode({ version: 1, reports: [], ...e }).finish();
  t.match(formProblem(enc({ version: 2 }), 1000n)!, /version/, 'an unknown version is refused');
  t.match(
    formProblem(
      enc({
        reports: [
          { taskId: 2n, values: [], errorCode: '' },
          { taskId: 2n, values: [], errorCode: '' },
        ],
      }),
      1000n,
    )!,
    /ascending/,
    'a duplicate id is refused',
  );
  t.match(
    formProblem(enc({ reports: [{ taskId: 2n, values: [1n], errorCode: 'X' }] }), 1000n)!,
    /values and an error/,
    'values with an error are refused',
  );
  t.match(
    formProblem(enc({ reports: [{ taskId: 2n, values: [], errorCode: 'a b\n' }] }), 1000n)!,
    /error code/,
    'an unprintable error code is refused',
  );
  t.match(formProblem(Uint8Array.of(0xff, 0xff, 0xff), 1000n)!, /decode/, 'garbage is refused');
  t.match(formProblem(ext, BigInt(ext.length - 1))!, /above/, 'an oversize extension is refused');
  t.match(
    queuedProblem(ext, 1000n, 10, (id) => id === 3n)!,
    /task 9 is not queued/,
    'an id not in the queue is refused',
  );
  t.match(queuedProblem(ext, 1000n, 1, () => true)!, /values above/, 'more values than max_output_values are refused');
  t.end();
});
