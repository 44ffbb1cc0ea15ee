// Outputs longer than max_output_values travel as sketches (here: max_output_values 2 and sketch_size 2, so the tiny
// model's 3 outputs are sketched): every validator reports the sketch of its own run, the chain sketches the
// provider's output with the same seed, and the tolerance rule holds on the sketches — an honest result and one a unit
// off settle as correct, a cheat is rejected and the provider slashed.
import test from 'tape';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { VoteExtension } from '../../../../proto/gen/aichain/verify/v1/types.js';
import { cheatResult } from '../tasks/helpers.js';
import { market } from './helpers.js';

test('verify: long outputs are verified by sketch; honest and near results pass, a cheat is rejected', async (t) => {
  const { tn, submitAll, task, record } = await market({ max_output_values: 2, sketch_size: 2 });
  try {
    const [honest, near, cheat] = await submitAll([
      (h) => h,
      (h) => ({ ...h, values: h.values.map((v, i) => (i === 1 ? v + 1n : v)) }),
      cheatResult,
    ]);
    const queued = tn.blocks.length;
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    // Submitted at height `queued`, queued at +1, run in ExtendVote at +2, carried in tx 0 of +3.
    const carried = tn.injected(tn.blocks[queued + 2])!;
    const reports = VoteExtension.decode(carried.votes[0].voteExtension).reports;
    t.deepEqual(
      reports.map((r) => r.values.length),
      [2, 2, 2],
      'each extension carries a 2-value sketch per task, not the 3-value output',
    );
    t.equal(task(honest).settlement?.how, 'verified', 'the honest result is verified');
    t.equal(task(honest).status, TaskStatus.TASK_STATUS_SETTLED, 'and settled as correct');
    t.equal(task(near).status, TaskStatus.TASK_STATUS_SETTLED, 'one unit off (within the tolerance): correct');
    t.equal(task(cheat).status, TaskStatus.TASK_STATUS_REJECTED, 'the cheat: rejected');
    t.ok(BigInt(task(cheat).settlement!.slashed) > 0n, 'and the provider slashed');
    t.equal(record(honest)?.consensusValues.length, 2, 'the record keeps the consensus sketch');
    t.ok(
      record(honest)!.reports.every((r) => r.agreed),
      'every validator agreed',
    );
  } finally {
    await tn.close();
  }
});
