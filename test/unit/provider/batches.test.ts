// Batching in the daemon: tasks grouped per model (one runBatch each) and cut to max_batch, and the worker's results
// equal what a single run of each input gives, whatever the grouping; the native engine is refused for exact models.
import test from 'tape';
import { Task } from '../../../proto/gen/aichain/tasks/v1/types.js';
import { ComparisonRule, Model } from '../../../proto/gen/aichain/models/v1/types.js';
import { chunk, groupByModel } from '../../../chain/provider/batches.js';
import { engineRefusal, Worker } from '../../../chain/provider/worker.js';
import type { ChainQueries } from '../../../chain/provider/watcher.js';
import { OnnxRunner } from '../../../native/onnx/runner.js';
import { tensorFrom } from '../../../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, readReferenceModel, type ReferenceModel } from '../../../native/models/index.js';

const task = (id: number, modelId: string, row: number[] = []): Task => {
  const t = tensorFrom('float32', [1, row.length], row);
  return Task.fromPartial({
    id: BigInt(id),
    modelId,
    inputs: [{ dtype: 'float32', shape: t.shape.map(BigInt), data: t.data }],
  });
};

test('batches: grouped per model in id order, models in order of their oldest task', (t) => {
  const g = groupByModel([task(5, 'b'), task(2, 'a'), task(4, 'b'), task(3, 'a'), task(1, 'b')]);
  t.deepEqual([...g.keys()], ['b', 'a'], 'model b has the oldest task');
  t.deepEqual(
    g.get('b')!.map((x) => x.id),
    [1n, 4n, 5n],
    'b in id order',
  );
  t.deepEqual(
    g.get('a')!.map((x) => x.id),
    [2n, 3n],
    'a in id order',
  );
  t.end();
});

test('batches: chunks of at most max_batch, none empty', (t) => {
  t.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]], '5 by 2');
  t.deepEqual(chunk([1, 2], 5), [[1, 2]], 'fewer than a chunk');
  t.deepEqual(chunk([], 3), [], 'nothing');
  t.throws(() => chunk([1], 0), RangeError, 'a chunk size below 1 is a bug');
  t.end();
});

test('worker: the native engine is refused for a model whose rule is exact, with the reason', (t) => {
  const m = (rule: ComparisonRule) => Model.fromPartial({ id: 'c'.repeat(64), name: 'm', rule });
  t.match(
    engineRefusal('native', m(ComparisonRule.COMPARISON_RULE_EXACT)) ?? '',
    /model c{64} \(m\): the native engine cannot serve a model whose rule is exact/,
    'native + exact: refused, naming the model',
  );
  t.equal(engineRefusal('consensus', m(ComparisonRule.COMPARISON_RULE_EXACT)), undefined, 'consensus + exact: fine');
  t.equal(engineRefusal('native', m(ComparisonRule.COMPARISON_RULE_ARGMAX)), undefined, 'native + argmax: fine');
  t.equal(engineRefusal('native', m(ComparisonRule.COMPARISON_RULE_TOLERANCE)), undefined, 'native + tolerance: fine');
  t.end();
});

test('worker: one runBatch per model and chunk; each result is what a single run gives', async (t) => {
  const runner = await OnnxRunner.create({ engine: 'consensus' });
  const refs = new Map<string, ReferenceModel>(
    [IRIS_MLP, REGRESSOR].map((r) => [readReferenceModel(r).id, r] as [string, ReferenceModel]),
  );
  const [iris, reg] = [...refs.keys()];
  const q = {
    models: {
      model: async (id: string) => {
        const ref = refs.get(id)!;
        const rule =
          ref === IRIS_MLP ? ComparisonRule.COMPARISON_RULE_ARGMAX : ComparisonRule.COMPARISON_RULE_TOLERANCE;
        const model = Model.fromPartial({ id, name: ref.name, rule, scaleBits: ref.scaleBits });
        return { model, bytes: readReferenceModel(ref).bytes };
      },
    },
  } as unknown as ChainQueries;
  const calls: Array<[string, number]> = [];
  const spy = {
    engineKind: 'consensus',
    runBatch: (m: { id: string }, inputs: unknown[]) => {
      calls.push([m.id, inputs.length]);
      return runner.runBatch(m as never, inputs as never);
    },
  } as unknown as OnnxRunner;
  try {
    const rows = [
      [iris, [5.1, 3.5, 1.4, 0.2]],
      [reg, [6.3, 2.9, 5.6]],
      [iris, [6.7, 3.1, 4.4, 1.4]],
      [iris, [5.9, 3.0, 5.1, 1.8]],
      [reg, [5.0, 3.4, 1.5]],
    ] as const;
    const tasks = rows.map(([m, row], i) => task(i + 1, m, [...row]));
    const out = await new Worker(spy, q).run(tasks, 2);
    t.deepEqual(
      calls,
      [
        [iris, 2],
        [iris, 1],
        [reg, 2],
      ],
      'iris in chunks of 2 and 1, then the regressor in one',
    );
    t.deepEqual(
      out.map((o) => o.task.id),
      [1n, 3n, 4n, 2n, 5n],
      'every task has an outcome, grouped by model',
    );
    for (const o of out) {
      const [m, row] = rows[Number(o.task.id) - 1];
      const single = await runner.run(
        { id: m, bytes: readReferenceModel(refs.get(m)!).bytes, scaleBits: 16 },
        tensorFrom('float32', [1, row.length], [...row]),
      );
      if (!o.ok || !single.ok) {
        t.fail(`task ${o.task.id}: a run failed`);
        continue;
      }
      t.deepEqual(o.result.values, single.output.values, `task ${o.task.id}: batched = single run`);
      t.deepEqual(
        o.result.tensors.map((x) => x.shape),
        single.output.tensors.map((x) => x.shape.map(BigInt)),
        `task ${o.task.id}: its own shape (batch 1)`,
      );
    }
  } finally {
    await runner.close();
  }
});
