// Runs claimed tasks: one runBatch per model (chunked by max_batch) on the daemon's engine, each task's canonical
// output turned into the Result to submit. A model's record and bytes are fetched from the chain once per process
// (a model id names its bytes, so they never change). A task whose model fails on its input gets a coded failure:
// no result can be submitted for it, and the daemon does not take it again.
import type { OnnxRunner } from '../../native/onnx/runner.js';
import { checkEngineForRule } from '../../native/onnx/engine-policy.js';
import type { EngineKind } from '../../native/onnx/engine.js';
import { ruleOf } from '../../modules/tasks/keeper.js';
import type { Result, Task } from '../../proto/gen/aichain/tasks/v1/types.js';
import { fetchModel, type ChainModel } from './models.js';
import { chunk, groupByModel } from './batches.js';
import { resultOf, runnerInputs } from './convert.js';
import type { ChainQueries } from './watcher.js';

export type TaskOutcome =
  | { task: Task; ok: true; result: Result; sha256: string }
  | { task: Task; ok: false; code: string; message: string };

/** Why `engine` may not serve `model`, or undefined when it may (native only for argmax and tolerance rules). */
export function engineRefusal(engine: EngineKind, model: ChainModel['model']): string | undefined {
  const c = checkEngineForRule(engine, ruleOf(model, { tensors: [], values: [] }));
  return c.ok ? undefined : `model ${model.id} (${model.name}): ${c.message}`;
}

export class Worker {
  private readonly models = new Map<string, Promise<ChainModel>>();

  constructor(
    private readonly runner: OnnxRunner,
    private readonly q: ChainQueries,
  ) {}

  get engine(): EngineKind {
    return this.runner.engineKind;
  }

  model(id: string): Promise<ChainModel> {
    let m = this.models.get(id);
    if (!m) {
      m = fetchModel(this.q, id);
      m.catch(() => this.models.delete(id)); // a node that failed to answer is asked again next time
      this.models.set(id, m);
    }
    return m;
  }

  /** PERF: one session.run per model and chunk when the model has a batch dimension; model bytes fetched once. */
  async run(tasks: readonly Task[], maxBatch: number): Promise<TaskOutcome[]> {
    const out: TaskOutcome[] = [];
    for (const [modelId, list] of groupByModel(tasks)) {
      const { model, bytes } = await this.model(modelId);
      const refused = engineRefusal(this.engine, model);
      if (refused) {
        for (const task of list) out.push({ task, ok: false, code: 'ENGINE_NOT_ALLOWED', message: refused });
        continue;
      }
      for (const part of chunk(list, maxBatch)) {
        const results = await this.runner.runBatch(
          { id: modelId, bytes, scaleBits: model.scaleBits },
          part.map((t) => runnerInputs(t.inputs)),
        );
        part.forEach((task, i) => {
          const r = results[i];
          out.push(
            r.ok
              ? { task, ok: true, result: resultOf(r.output), sha256: r.output.sha256 }
              : { task, ok: false, code: r.code, message: r.message },
          );
        });
      }
    }
    return out;
  }
}
