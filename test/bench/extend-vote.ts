// Benchmark: ExtendVote with K verified tasks queued (K = 1, 16, 64), per reference model, against the bare consensus
// runner (OnnxRunner, engine `consensus`, in this thread) on the same inputs: one runBatch of K and K single runs
// (goal: ExtendVote ≤ 1.1× the bare runBatch). Also the vote extension's bytes per task, and how many tasks the
// default verify params let into the queue per block (count, FLOP and extension-byte budgets).
// ExtendVote reads committed state only, so it is called again and again on the same queue; the chain is a
// one-validator testnet (test/support/testnet.ts) with vote extensions from height 1.
// Run: npm run bench extend-vote
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { EncodeObject } from '@cosmjs/proto-signing';
import type { AichainApp } from '../../chain/app/app.js';
import type { BatchModelRunner } from '../../chain/app/modules.js';
import { OnnxRunner, type RunResult } from '../../native/onnx/runner.js';
import { tensorFrom } from '../../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, loadIris, readReferenceModel, type ReferenceModel } from '../../native/models/index.js';
import { defaultParams } from '../../modules/verify/params.js';
import { reportBytesBound } from '../../modules/verify/extension.js';
import { ComparisonRule } from '../../proto/gen/aichain/models/v1/types.js';
import type { Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';
import { devAccounts, type TestAccount } from '../support/app-harness.js';
import { Testnet } from '../support/testnet.js';
import { registerModelMsg } from '../unit/modules/models/helpers.js';
import { signer } from '../unit/modules/staking/helpers.js';
import {
  claimManyMsg,
  createMsg,
  registerProviderMsg,
  submitManyMsg,
  tasksAppState,
} from '../unit/modules/tasks/helpers.js';

const KS = [1, 16, 64];
const REPS = 30;
const MODELS = [IRIS_MLP, REGRESSOR];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** p50 over REPS timed calls after 5 untimed ones. */
async function p50(f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await f();
  const xs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return pct(xs, 0.5);
}

/** K inputs of the model's shape from the Iris rows (the regressor takes the first three features). */
function inputs(m: ReferenceModel, k: number): number[][] {
  const width = m === IRIS_MLP ? 4 : 3;
  const rows = loadIris();
  return Array.from({ length: k }, (_, i) => rows[(i * 7) % rows.length].features.slice(0, width));
}

const tensor = (xs: number[]): Tensor => ({
  dtype: 'float32',
  shape: [1n, BigInt(xs.length)],
  data: new Uint8Array(Float32Array.from(xs).buffer),
});

/** A one-validator chain with both reference models and a provider serving them; `verify` overrides params. */
async function chain(verify: Record<string, unknown>) {
  const accs = await devAccounts(3);
  const [owner, provider, creator] = accs;
  const appState = tasksAppState(accs, { max_batch: 100 }) as Record<string, unknown> & {
    staking: { params: Record<string, unknown> };
    models: { params: Record<string, unknown> };
  };
  appState.staking.params.provider_stake_per_claim = '1'; // the claim limit is not what is measured
  appState.models.params.max_flops = '100000000';
  appState.verify = { params: { ...toJsonParams(), ...verify } };
  const tn = await Testnet.start({ powers: [10n], appState, chainId: 'test-chain-1' });
  const app = () => tn.nodes[0].app;
  const sign = (a: TestAccount, msgs: EncodeObject | EncodeObject[], gas = 50_000_000) => signer(app())(a, msgs, gas);
  const must = async (txs: Uint8Array[]) => {
    const b = await tn.produceBlock(txs);
    const bad = b.txResults.slice(1).find((r) => r.code !== 0);
    if (bad) throw new Error(`bench setup tx failed: ${bad.log}`);
    return b;
  };
  await tn.produceBlock();
  const ids: Record<string, string> = {};
  for (const m of MODELS) {
    const { id, bytes } = readReferenceModel(m);
    ids[m.name] = id;
    await must([
      await sign(
        owner,
        registerModelMsg(owner.address, bytes, {
          name: m.name,
          spec: {
            inputs: m.spec.inputs.map((t) => ({ ...t, shape: [-1n, BigInt(t.shape[1])] })),
            outputs: m.spec.outputs.map((t) => ({ ...t, shape: [-1n, BigInt(t.shape[1])] })),
          },
          rule:
            m.rule.kind === 'argmax' ? ComparisonRule.COMPARISON_RULE_ARGMAX : ComparisonRule.COMPARISON_RULE_TOLERANCE,
          tolerance: m.rule.kind === 'tolerance' ? m.rule.tolerance : 0n,
          scaleBits: m.scaleBits,
        }),
      ),
    ]);
  }
  await must([await sign(provider, registerProviderMsg(provider, Object.values(ids)))]);
  const runner = await OnnxRunner.create({ engine: 'consensus' });

  /** Creates, claims and submits (honest results) K tasks on the model, then one block so they are queued. */
  async function queue(m: ReferenceModel, xs: number[][]): Promise<bigint[]> {
    const modelId = ids[m.name];
    const first = app().wiring.tasks.nextId(app().ctx(app().store.state));
    const taskIds = xs.map((_, i) => first + BigInt(i));
    const creates = xs.map((x) => createMsg(creator, modelId, { inputs: [tensor(x)], deadlineBlocks: 50n }));
    await must([await sign(creator, creates)]);
    await must([await sign(provider, claimManyMsg(provider, taskIds))]);
    const model = { ...readReferenceModel(m), scaleBits: m.scaleBits };
    const outs = await runner.runBatch(
      model,
      xs.map((x) => tensorFrom('float32', [1, x.length], x)),
    );
    const results = outs.map((o, i) => {
      if (!o.ok) throw new Error(`honest run failed: ${o.code}`);
      return {
        taskId: taskIds[i],
        result: {
          tensors: o.output.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(BigInt) })),
          values: o.output.values,
        },
      };
    });
    await must([await sign(provider, submitManyMsg(provider, results))]);
    await must([]); // FinalizeBlock samples the results submitted in the previous block
    return taskIds;
  }
  /** Two blocks: the queue is reported on, then settled, so the next case starts from an empty queue. */
  const drain = async () => {
    await must([]);
    await must([]);
    await must([]);
  };
  return { tn, app, queue, drain, runner, ids };
}

/** The verify params in genesis JSON (snake_case, 64-bit numbers as strings). */
function toJsonParams(): Record<string, unknown> {
  const p = defaultParams();
  return {
    max_verifications_per_block: p.maxVerificationsPerBlock,
    max_verify_flops_per_block: String(p.maxVerifyFlopsPerBlock),
    max_extension_bytes: String(p.maxExtensionBytes),
    max_output_values: p.maxOutputValues,
    min_sample_bps: p.minSampleBps,
    new_provider_results: String(p.newProviderResults),
    fault_cooldown_blocks: String(p.faultCooldownBlocks),
    max_verification_retries: p.maxVerificationRetries,
    fault_window_blocks: String(p.faultWindowBlocks),
    max_faults: p.maxFaults,
    slash_fraction_wrong_inference: p.slashFractionWrongInference,
    fault_jail_seconds: String(p.faultJailSeconds),
  };
}

/** What ExtendVote reads from committed state before any inference. */
function stateReads(app: AichainApp): number {
  const ctx = app.ctx(app.store.state);
  const { verify, tasks, models } = app.wiring;
  let n = 0;
  for (const e of verify.queue(ctx)) {
    const t = tasks.getTask(ctx, e.taskId)!;
    if (models.getModel(ctx, t.modelId)) n += tasks.taskInputs(ctx, t.id).length;
  }
  return n;
}

/** The app's BatchModelRunner shape on an OnnxRunner in this thread (no worker). */
function inThread(runner: OnnxRunner): BatchModelRunner {
  const input = (t: Tensor) => ({ dtype: t.dtype as 'float32', shape: t.shape.map(Number), data: t.data });
  const canonical = (r: RunResult) =>
    r.ok
      ? {
          ok: true as const,
          output: {
            tensors: r.output.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(BigInt) })),
            values: r.output.values,
          },
        }
      : r;
  const m = (model: Parameters<BatchModelRunner['run']>[0]) => ({ ...model, bytes: model.bytes() });
  return {
    run: async (model, inputs) => canonical(await runner.run(m(model), inputs.map(input))),
    runBatch: async (model, batch) =>
      (
        await runner.runBatch(
          m(model),
          batch.map((inputs) => inputs.map(input)),
        )
      ).map(canonical),
    close: async () => {},
  };
}

const extendVote = (app: AichainApp, height: bigint) =>
  app.extendVote({
    hash: new Uint8Array(32),
    height,
    time: { seconds: 0n, nanos: 0 },
    txs: [],
    proposedLastCommit: { round: 0, votes: [] },
    misbehavior: [],
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: new Uint8Array(20),
  });

/** (a) and (b): budgets raised so 64 tasks fit in one queue. */
async function latency() {
  const c = await chain({
    max_verifications_per_block: 64,
    max_verify_flops_per_block: '1000000000000',
    max_extension_bytes: '1048576',
  });
  const rows: Array<{
    model: string;
    k: number;
    ev: number;
    evInline: number;
    reads: number;
    batch: number;
    worker: number;
    singles: number;
    bytes: number;
  }> = [];
  try {
    for (const m of MODELS) {
      const model = { ...readReferenceModel(m), scaleBits: m.scaleBits };
      for (const k of KS) {
        const xs = inputs(m, k);
        const ids = await c.queue(m, xs);
        const app = c.app();
        const queued = app.wiring.verify.queue(app.ctx(app.store.state)).length;
        if (queued !== k) throw new Error(`${m.name} K=${k}: ${queued} tasks queued`);
        const height = c.tn.nodes[0].height + 1n;
        const ext = (await extendVote(app, height)).voteExtension;
        const bare = xs.map((x) => tensorFrom('float32', [1, x.length], x));
        // Interleaved by rotation would mix thread hops into the baseline; each is timed in its own loop instead.
        const ev = await p50(() => extendVote(app, height));
        const batch = await p50(() => c.runner.runBatch(model, bare));
        // The app's own worker runner on the same inputs: what ExtendVote adds around the thread hop.
        const tasksIn = xs.map((x) => [tensor(x)]);
        const worker = await p50(() =>
          app.wiring.extendRunner.runBatch(
            { id: model.id, scaleBits: model.scaleBits, bytes: () => model.bytes },
            tasksIn,
          ),
        );
        // ExtendVote again with the same engine in this thread: what is ExtendVote's own work, what the thread hop.
        // ExtendVote's reads of committed state alone (queue, tasks, model, inputs), as it makes them.
        const reads = await p50(async () => stateReads(app));
        const worker0 = app.wiring.extendRunner;
        app.wiring.extendRunner = inThread(c.runner);
        const evInline = await p50(() => extendVote(app, height));
        app.wiring.extendRunner = worker0;
        const singles = await p50(async () => {
          for (const b of bare) await c.runner.run(model, b);
        });
        rows.push({ model: m.name, k, ev, evInline, reads, batch, worker, singles, bytes: ext.length / ids.length });
        await c.drain();
      }
    }
  } finally {
    await c.runner.close();
    await c.tn.close();
  }
  return rows;
}

/** (c): at the default verify params, 64 results submitted in one block; how many the next block queues. */
async function perBlock() {
  const c = await chain({});
  const out: Array<{ model: string; queued: number; byCount: number; byFlops: number; byBytes: number }> = [];
  const p = defaultParams();
  try {
    for (const m of MODELS) {
      await c.queue(m, inputs(m, 64));
      const app = c.app();
      const ctx = app.ctx(app.store.state);
      const queue = app.wiring.verify.queue(ctx);
      const flops = app.wiring.models.getModel(ctx, c.ids[m.name])!.flopCount;
      const values = queue[0]?.outputValues ?? 0;
      out.push({
        model: m.name,
        queued: queue.length,
        byCount: p.maxVerificationsPerBlock,
        byFlops: Number(p.maxVerifyFlopsPerBlock / (flops > 0n ? flops : 1n)),
        byBytes: Math.floor((Number(p.maxExtensionBytes) - 16) / reportBytesBound(values)),
      });
      await c.drain();
    }
  } finally {
    await c.runner.close();
    await c.tn.close();
  }
  return out;
}

export async function run() {
  const rows = await latency();
  const caps = await perBlock();
  const ms = (x: number) => x.toFixed(2);
  console.log(`\n## ExtendVote vs the bare consensus runner (p50 of ${REPS}, ms; one validator, worker thread)`);
  console.log(
    '| model | K | ExtendVote | ExtendVote, runner in this thread | of which state reads | bare runBatch | ÷ runBatch | bare K × run | ÷ K × run | worker runBatch | ÷ worker | ext bytes/task |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.model} | ${r.k} | ${ms(r.ev)} | ${ms(r.evInline)} (${(r.evInline / r.batch).toFixed(2)}×) | ${ms(r.reads)} | ${ms(r.batch)} | ${(r.ev / r.batch).toFixed(2)}× | ${ms(r.singles)} | ${(r.ev / r.singles).toFixed(2)}× | ${ms(r.worker)} | ${(r.ev / r.worker).toFixed(2)}× | ${r.bytes.toFixed(1)} |`,
    );
  console.log(
    "goal: ExtendVote ≤ 1.1× the bare runBatch. worker runBatch = the app's worker-thread runner called directly (batches of K, not 16)",
  );
  console.log('\n## verified tasks per block at the default verify params (64 results submitted in one block)');
  console.log('| model | queued | cap by count | cap by FLOPs | cap by extension bytes |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const c of caps) console.log(`| ${c.model} | ${c.queued} | ${c.byCount} | ${c.byFlops} | ${c.byBytes} |`);
  return { rows, caps };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
