// ExtendVote under its time budget: with room for one batch per height (budget 0 ms, batches of 2), each validator
// reports the first batch and stops; what it reported at the previous height (settling in this block) goes last, so
// the queue drains two tasks a height and every task is still verified, none falls back to the optimistic path.
import test from 'tape';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { VoteExtension } from '../../../../proto/gen/aichain/verify/v1/types.js';
import { market } from './helpers.js';

test('verify: ExtendVote over its time budget reports what it finished; the queue drains over the next heights', async (t) => {
  const { tn, submitAll, task, record } = await market(
    {},
    { appOptions: { extendVoteBudgetMs: 0, extendVoteBatch: 2 } },
  );
  try {
    const ids = await submitAll([(h) => h, (h) => h, (h) => h, (h) => h, (h) => h]);
    const submitted = tn.blocks[tn.blocks.length - 1].height;
    for (let i = 0; i < 6; i++) await tn.produceBlock();
    // Block E+1+k's tx 0 carries the extensions made at E+k (E = the submission height + 1, when the tasks queue).
    const reported = (h: bigint) =>
      tn
        .injected(tn.blocks[Number(h) - 1])!
        .votes.map((v) => VoteExtension.decode(v.voteExtension).reports.map((r) => r.taskId));
    const first = reported(submitted + 3n);
    t.ok(
      first.every((r) => r.length === 2),
      `each extension carries one batch of 2 (${JSON.stringify(first.map((r) => r.map(String)))})`,
    );
    t.deepEqual(first[0], ids.slice(0, 2), 'the first height: the first two tasks');
    t.deepEqual(reported(submitted + 4n)[0], ids.slice(2, 4), 'the next: the two not reported before');
    for (const id of ids) {
      t.equal(task(id).status, TaskStatus.TASK_STATUS_SETTLED, `task ${id} settled`);
      t.equal(task(id).settlement?.how, 'verified', `task ${id} verified by the validators`);
    }
    const heights = ids.map((id) => record(id)!.height - submitted);
    t.deepEqual(
      heights,
      [3n, 3n, 4n, 4n, 5n],
      'settled two per height, three heights after submission at the earliest',
    );
  } finally {
    await tn.close();
  }
});
