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
