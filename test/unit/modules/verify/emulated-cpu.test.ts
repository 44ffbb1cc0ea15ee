// An honest validator is never faulted for its hardware (DESIGN §6): one of the four testnet validators runs its
// ExtendVote inference on an emulated Nehalem (qemu-x86_64 -cpu Nehalem: SSE4.2, no AVX, no FMA) while the others run
// on the host. Every report it makes is bit-identical to theirs, it collects no fault, and every task settles as
// verified. Needs `qemu-x86_64` (Debian qemu-user; .ci/run installs it): without it the test fails when CI=true and
// is skipped, visibly, otherwise.
// test-runner: alone (an emulated Node process keeps a core busy by itself)
import test from 'tape';
import { VoteExtension } from '../../../../proto/gen/aichain/verify/v1/types.js';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { emulatedRunner, qemuAvailable } from '../../../support/emulated-runner.js';
import { input } from '../tasks/helpers.js';
import { market } from './helpers.js';

test('verify: a validator on an emulated Nehalem reports the same bits as the host validators and is never faulted', async (t) => {
  const q = qemuAvailable();
  if (!q.ok) {
    const why = `qemu-x86_64 is not installed (${q.why}); install the Debian package qemu-user`;
    if (process.env.CI === 'true') t.fail(`CI=true but ${why}`);
    else t.skip(`SKIPPED emulated-CPU validator: ${why}`);
    return;
  }
  const nehalem = emulatedRunner('Nehalem');
  const { tn, submit, task, record } = await market(
    {},
    { appOptionsFor: (i) => (i === 3 ? { extendRunner: nehalem } : {}) },
  );
  try {
    const inputs = [
      [0.5, -1.25, 2, 0.75],
      [3.14159, 2.71828, -0.5772, 1.41421],
      [-7.5, 0.001, 12.25, -3.3],
      [1e-3, -1e3, 0.333, 42],
    ];
    const ids: bigint[] = [];
    for (const x of inputs) ids.push((await submit((h) => h, input(x))).id);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    // A task queued at H is reported at H+1 and, still queued then, often again at H+2 (it settles in FinalizeBlock(H+2)).
    t.ok(nehalem.runs >= inputs.length, `the emulated validator ran every task itself (${nehalem.runs} runs)`);
    let compared = 0;
    for (const b of tn.blocks) {
      const eci = tn.injected(b);
      if (!eci) continue;
      const byTask = new Map<bigint, string[]>();
      for (const v of eci.votes) {
        if (!v.voteExtension.length) continue;
        for (const r of VoteExtension.decode(v.voteExtension).reports)
          byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r.values.join(',')]);
      }
      for (const [id, reports] of byTask) {
        t.equal(reports.length, 4, `task ${id}: four reports in block ${b.height}`);
        t.equal(new Set(reports).size, 1, `task ${id}: the four are bit-identical (${reports[0]})`);
        compared++;
      }
    }
    t.ok(compared >= inputs.length, `every task was reported by all four (${compared} comparisons)`);
    for (const id of ids) {
      t.equal(task(id).status, TaskStatus.TASK_STATUS_SETTLED, `task ${id}: settled`);
      t.ok(
        record(id)!.reports.every((r) => r.agreed),
        `task ${id}: every validator agreed, the emulated one included`,
      );
    }
    t.equal(
      tn.blocks.flatMap((b) => b.events).filter((e) => e.type === 'validator_inference_fault').length,
      0,
      'no inference fault for anyone',
    );
  } finally {
    await tn.close();
  }
});
