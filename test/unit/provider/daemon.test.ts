// The daemon's start: the models it serves are those the provider serves on chain ∩ --models; a model its engine may
// not serve (native for an exact rule) is refused with a clear message when named, skipped with a warning otherwise;
// tasks found CLAIMED on chain are listed for recovery.
import test from 'tape';
import { ComparisonRule, Model } from '../../../proto/gen/aichain/models/v1/types.js';
import { Task, TaskStatus } from '../../../proto/gen/aichain/tasks/v1/types.js';
import { ProviderConfigError, ProviderDaemon, type DaemonOptions } from '../../../chain/provider/daemon.js';
import type { ChainView } from '../../../chain/provider/watcher.js';
import type { TxSender } from '../../../chain/provider/submitter.js';
import type { Worker } from '../../../chain/provider/worker.js';
import type { EngineKind } from '../../../native/onnx/engine.js';
import { createLogger } from '../../../chain/logger.js';

const EXACT = 'e'.repeat(64);
const ARGMAX = 'a'.repeat(64);
const PROV = 'aiprov1nflel60cx5fvha4ws4z2q0stwvsucm5w80a29u';

function daemon(engine: EngineKind, models: string[] | undefined, lines: string[] = []) {
  const view = {
    provider: PROV,
    snapshot: async () => ({
      height: 10n,
      provider: { modelIds: [EXACT, ARGMAX], pricePerTask: [{ denom: 'uaic', amount: '10' }] },
      standing: { active: true, claimLimit: 10n },
      maxBatch: 100,
      held: [
        Task.fromPartial({ id: 4n, status: TaskStatus.TASK_STATUS_CLAIMED, provider: PROV }),
        Task.fromPartial({ id: 5n, status: TaskStatus.TASK_STATUS_SUBMITTED, provider: PROV }),
      ],
    }),
  } as unknown as ChainView;
  const worker = {
    engine,
    model: async (id: string) => ({
      model: Model.fromPartial({
        id,
        name: id === EXACT ? 'exact-model' : 'argmax-model',
        rule: id === EXACT ? ComparisonRule.COMPARISON_RULE_EXACT : ComparisonRule.COMPARISON_RULE_ARGMAX,
      }),
      bytes: new Uint8Array(),
    }),
  } as unknown as Worker;
  const sender = { address: 'ai1nflel60cx5fvha4ws4z2q0stwvsucm5wzk6yfp' } as TxSender;
  const opts: DaemonOptions = { models, maxInflight: 4, pollMs: 100, progressMs: 1000, drainMs: 1000 };
  return new ProviderDaemon(
    view,
    sender,
    worker,
    createLogger('info', {}, (l) => lines.push(l)),
    opts,
  );
}

test('provider daemon: --engine native is refused for a named model whose rule is exact', async (t) => {
  try {
    await daemon('native', [EXACT]).prepare();
    t.fail('the exact model was accepted');
  } catch (e) {
    t.ok(e instanceof ProviderConfigError, 'a configuration error (the CLI exits 2)');
    t.match(
      (e as Error).message,
      /--engine native: model e{64} \(exact-model\): the native engine cannot serve a model whose rule is exact/,
      'the message names the engine, the model and why',
    );
  }
});

test('provider daemon: without --models, native skips exact models with a warning and serves the rest', async (t) => {
  const lines: string[] = [];
  const terms = await daemon('native', undefined, lines).prepare();
  t.deepEqual([...terms.models], [ARGMAX], 'only the argmax model');
  t.ok(
    lines.some((l) => JSON.parse(l).msg === 'not serving a model with this engine' && l.includes(EXACT)),
    'a warning names the skipped model',
  );
  const ready = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'provider daemon ready');
  t.deepEqual(ready?.recovering, ['4'], 'the task CLAIMED on chain is listed for recovery (the submitted one is not)');
});

test('provider daemon: the consensus engine serves every model; an unserved --models id is refused', async (t) => {
  const terms = await daemon('consensus', undefined).prepare();
  t.deepEqual([...terms.models].sort(), [ARGMAX, EXACT], 'both models');
  t.deepEqual(terms.prices, new Map([['uaic', 10n]]), 'the prices from the chain');
  try {
    await daemon('consensus', ['f'.repeat(64)]).prepare();
    t.fail('an unserved model was accepted');
  } catch (e) {
    t.ok(e instanceof ProviderConfigError && /does not serve f{64}/.test((e as Error).message), 'refused, named');
  }
});

test('provider daemon: a claim lost to another provider is logged, the chain re-read, and the rest claimed and submitted', async (t) => {
  const OTHER = 'aiprov1pq9pdy5yklnx9n0uqn02552sv9d73gk8qhpxmc';
  let height = 10n;
  const tasks = new Map<bigint, Task>(
    [1n, 2n].map((id) => [
      id,
      Task.fromPartial({
        id,
        modelId: ARGMAX,
        status: TaskStatus.TASK_STATUS_OPEN,
        maxFee: { denom: 'uaic', amount: '10' },
        deadlineHeight: 100n,
      }),
    ]),
  );
  const set = (id: bigint, status: TaskStatus, provider: string) =>
    tasks.set(id, { ...tasks.get(id)!, status, provider });
  const view = {
    provider: PROV,
    height: async () => height,
    snapshot: async () => ({
      height,
      provider: { modelIds: [ARGMAX], pricePerTask: [{ denom: 'uaic', amount: '10' }] },
      standing: { active: true, claimLimit: 10n },
      maxBatch: 100,
      held: [...tasks.values()].filter((x) => x.provider === PROV && x.status !== TaskStatus.TASK_STATUS_SETTLED),
    }),
    open: async (model: string) =>
      [...tasks.values()].filter((x) => x.modelId === model && x.status === TaskStatus.TASK_STATUS_OPEN),
  } as unknown as ChainView;
  const sent: string[] = [];
  let stopAfterSubmit: () => void = () => {};
  const sender = {
    address: 'ai1nflel60cx5fvha4ws4z2q0stwvsucm5wzk6yfp',
    send: async ([m]: Array<{
      typeUrl: string;
      value: { taskIds?: bigint[]; results?: Array<{ taskId: bigint }> };
    }>) => {
      height++;
      if (m.typeUrl.endsWith('MsgClaimTasks')) {
        const ids = m.value.taskIds!;
        sent.push(`claim ${ids.join(',')}`);
        if (ids.includes(1n)) {
          set(1n, TaskStatus.TASK_STATUS_CLAIMED, OTHER); // another provider's claim landed first: ours fails whole
          return { ok: false, stage: 'block', code: 5, codespace: '', log: 'task 1 is TASK_STATUS_CLAIMED, not OPEN' };
        }
        for (const id of ids) set(id, TaskStatus.TASK_STATUS_CLAIMED, PROV);
      } else {
        const ids = m.value.results!.map((r) => r.taskId);
        sent.push(`submit ${ids.join(',')}`);
        for (const id of ids) set(id, TaskStatus.TASK_STATUS_SUBMITTED, PROV);
        stopAfterSubmit();
      }
      return { ok: true, txhash: 'AB', height: Number(height), gasUsed: 1n };
    },
  } as unknown as TxSender;
  const worker = {
    engine: 'consensus',
    model: async (id: string) => ({ model: Model.fromPartial({ id, rule: ComparisonRule.COMPARISON_RULE_ARGMAX }) }),
    run: async (ts: Task[]) =>
      ts.map((task) => ({ task, ok: true, result: { tensors: [], values: [1n] }, sha256: '' })),
  } as unknown as Worker;
  const lines: string[] = [];
  const d = new ProviderDaemon(
    view,
    sender,
    worker,
    createLogger('info', {}, (l) => lines.push(l)),
    {
      maxInflight: 4,
      pollMs: 1,
      progressMs: 60_000,
      drainMs: 1000,
    },
  );
  stopAfterSubmit = () => d.stop();
  t.equal(await d.run(), true, 'stopped with nothing left claimed');
  t.deepEqual(sent, ['claim 1,2', 'claim 2', 'submit 2'], 'lost claim, re-read, claimed the rest, submitted it');
  const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  t.ok(
    logs.some((l) => l.level === 'warn' && /^claim refused by the chain/.test(String(l.msg)) && l.code === 5),
    'the refusal is logged with its code',
  );
  const c = d.counters;
  t.deepEqual([c.claimed, c.submitted, c.refused, c.failed], [1, 1, 1, 0], 'counters: claimed, submitted, refused');
});
