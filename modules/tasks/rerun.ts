// Challenge re-runs, until the verification module replaces them with the validators' votes. The consensus engine
// is asynchronous (onnxruntime-web), so this is not an end-block hook: the app awaits it at one fixed point of
// FinalizeBlock — after the block's txs, before any end-block work — so every node runs the same jobs (chosen from
// state, in queue order, within the FLOP budget) on the same inputs and applies the results in the same order. The
// engine is bit-identical across CPUs (DESIGN §6), so every node reaches the same verdicts. A broken local runtime
// throws and halts the node; it never settles differently from its peers.
import type { Context } from '../../chain/types/context.js';
import type { ModelRunner } from './expected.js';
import type { TasksKeeper } from './keeper.js';

export async function runChallengeReruns(ctx: Context, k: TasksKeeper, runner: ModelRunner): Promise<number> {
  const jobs = k.dueReruns(ctx);
  for (const job of jobs) {
    const id = job.model.id;
    const out = await runner.run(
      { id, scaleBits: job.model.scaleBits, bytes: () => k.modelBytes(ctx, id) },
      k.taskInputs(ctx, job.task.id),
    );
    k.applyRerun(ctx, job, out);
  }
  return jobs.length;
}
