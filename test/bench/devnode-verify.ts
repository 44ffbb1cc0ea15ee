// Benchmark: dev-node block latency with verification in consensus on vs off (goal: on ≤ 1.2× off), under a steady
// stream of tasks. Two dev homes from the repo's genesis, the same but for one consensus param: verification on is
// the dev genesis (vote extensions from height 1, 100 % sampling: every result is re-run in ExtendVote); off sets
// abci.vote_extensions_enable_height to 0, so nothing is queued and results settle optimistically after the
// challenge window. Each node runs as its own process (`aichain start --block-time 200ms`), one at a time, twice
// each (on, off, on, off) so drift in the machine's load hits both. While it runs, dev2 creates a batch of iris tasks
// every round and the dev provider's operator (dev1) claims and submits the previous batch, with CosmJS.
// Measured: the interval between consecutive block times (each is the validator's precommit time of the previous
// block, so an interval spans FinalizeBlock + Commit, the 200 ms pause, and Prepare/ProcessProposal + ExtendVote);
// the work per block is that minus the pause. Differences beyond verification: with it off, settlement happens in
// end block `challenge_window_blocks` later instead of in FinalizeBlock two blocks after submission.
// Run: npm run bench devnode-verify
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EncodeObject } from '@cosmjs/proto-signing';
import type { DeliverTxResponse, StdFee } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import { homePaths } from '../../chain/home/paths.js';
import { ensureDevHome } from '../../chain/cli/init.js';
import {
  aichainWallet,
  connectAichainSigner,
  createTaskMsg,
  taskIdsFromEvents,
  type Result,
} from '../../chain/client/index.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { tensorFrom } from '../../native/onnx/tensor.js';
import { IRIS_MLP, readReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';

const BLOCK_MS = 200;
const TASKS_PER_ROUND = 8;
const FEE: StdFee = { amount: [{ denom: 'uaic', amount: '50000' }], gas: '2000000' };
const [, OPERATOR, CREATOR] = DEV_ADDRESSES;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function home(verify: boolean): Promise<string> {
  const h = mkdtempSync(join(tmpdir(), `aichain-bench-verify-${verify ? 'on' : 'off'}-`));
  await ensureDevHome(h);
  const file = homePaths(h).genesis;
  const g = JSON.parse(readFileSync(file, 'utf8'));
  g.app_state.staking.params.provider_stake_per_claim = '1'; // claims held until settlement: not what is measured
  if (!verify) g.consensus_params.abci.vote_extensions_enable_height = '0';
  writeFileSync(file, JSON.stringify(g, null, 2));
  return h;
}

/** The canonical output for the one input every task carries: what an honest provider submits. */
async function honest(): Promise<Result> {
  const runner = await OnnxRunner.create({ engine: 'consensus' });
  try {
    const r = await runner.run(
      { ...readReferenceModel(IRIS_MLP), scaleBits: IRIS_MLP.scaleBits },
      tensorFrom('float32', [1, 4], IRIS_MLP.example),
    );
    if (!r.ok) throw new Error(`the consensus engine failed: ${r.code}`);
    return {
      tensors: r.output.tensors.map((x) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(BigInt) })),
      values: r.output.values,
    };
  } finally {
    await runner.close();
  }
}

/** One node, `seconds` of task traffic; block intervals over the heights the traffic covered. */
async function phase(verify: boolean, result: Result, seconds: number) {
  const h = await home(verify);
  const node = await startNode({ home: h, blockTime: `${BLOCK_MS}ms` });
  const signer = await connectAichainSigner(node.url, await aichainWallet(DEV_MNEMONIC, [1, 2]), {
    broadcastPollIntervalMs: 50,
  });
  const comet = await connectComet(node.url);
  const modelId = readReferenceModel(IRIS_MLP).id;
  let submitted = 0;
  try {
    // A tx right after the same account's last one can read the account before that block's commit is queryable
    // (sequence mismatch, code 32): retried, as a client would.
    const send = async (from: string, msgs: EncodeObject[]): Promise<DeliverTxResponse> => {
      for (let attempt = 0; ; attempt++) {
        let code: number | undefined, log: string | undefined;
        try {
          const r = await signer.signAndBroadcast(from, msgs, FEE);
          if (r.code === 0) return r;
          [code, log] = [r.code, r.rawLog];
        } catch (e) {
          [code, log] = [(e as { code?: number }).code, (e as Error).message];
        }
        if (attempt < 5 && code === 32) {
          await new Promise((ok) => setTimeout(ok, 100));
          continue;
        }
        throw new Error(`${msgs[0].typeUrl} failed: ${log}`);
      }
    };
    const create = async () => {
      const msgs = Array.from({ length: TASKS_PER_ROUND }, () =>
        createTaskMsg(CREATOR, { modelId, inputs: [IRIS_MLP.example], fee: { denom: 'uusdc', amount: '10' } }),
      );
      return taskIdsFromEvents((await send(CREATOR, msgs)).events);
    };
    const serve = async (ids: bigint[]) => {
      for (const msg of [
        { typeUrl: '/aichain.tasks.v1.MsgClaimTasks', value: { provider: OPERATOR, taskIds: ids } },
        {
          typeUrl: '/aichain.tasks.v1.MsgSubmitResults',
          value: { provider: OPERATOR, results: ids.map((taskId) => ({ taskId, result })) },
        },
      ])
        await send(OPERATOR, [msg]);
      submitted += ids.length;
    };
    // Warm-up, untimed: one batch served and 2 s of blocks, so the first verification (the worker thread loading the
    // model) and the first settlements fall before the measured heights.
    await serve(await create());
    await new Promise((r) => setTimeout(r, 2000));
    submitted = 0;
    let batch = await create();
    const from = (await comet.status()).syncInfo.latestBlockHeight;
    const stop = performance.now() + seconds * 1000;
    // The next batch is created while the provider serves this one: different accounts, a tx in most blocks.
    while (performance.now() < stop) [batch] = await Promise.all([create(), serve(batch)]);
    await serve(batch);
    const to = (await comet.status()).syncInfo.latestBlockHeight;
    const times: number[] = [];
    for (let hi = to; hi >= from; hi -= 20) {
      const r = await comet.blockchain(Math.max(from, hi - 19), hi);
      for (const m of r.blockMetas) times.push(m.header.time.getTime() + (m.header.time.nanoseconds ?? 0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const intervals = times.slice(1).map((t, i) => t - times[i]);
    return { verify, blocks: intervals.length, submitted, intervals };
  } finally {
    comet.disconnect();
    signer.disconnect();
    await node.stop();
    rmSync(h, { recursive: true, force: true });
  }
}

export async function run(opts: { seconds?: number; repeats?: number } = {}) {
  const seconds = opts.seconds ?? 20,
    repeats = opts.repeats ?? 2;
  const result = await honest();
  const runs: Array<Awaited<ReturnType<typeof phase>>> = [];
  for (let i = 0; i < repeats; i++) for (const verify of [true, false]) runs.push(await phase(verify, result, seconds));
  const side = (verify: boolean) => {
    const rs = runs.filter((r) => r.verify === verify);
    const xs = rs.flatMap((r) => r.intervals);
    const submitted = rs.reduce((s, r) => s + r.submitted, 0);
    return {
      blocks: xs.length,
      p50: pct(xs, 0.5),
      p90: pct(xs, 0.9),
      max: Math.max(...xs),
      mean: mean(xs),
      perBlock: submitted / xs.length,
    };
  };
  const on = side(true),
    off = side(false);
  console.log(
    `\n## dev node block interval, verification on vs off (${repeats} × ${seconds} s each, --block-time ${BLOCK_MS}ms, ms)`,
  );
  console.log(
    '| verification | blocks | tasks submitted/block | interval p50 | p90 | max | mean | work/block (mean − pause) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, s] of [
    ['on (100 % sampling)', on],
    ['off (no vote extensions)', off],
  ] as const)
    console.log(
      `| ${name} | ${s.blocks} | ${s.perBlock.toFixed(1)} | ${s.p50.toFixed(1)} | ${s.p90.toFixed(1)} | ${s.max.toFixed(1)} | ${s.mean.toFixed(1)} | ${(s.mean - BLOCK_MS).toFixed(1)} |`,
    );
  console.log(
    `on ÷ off: interval mean ${(on.mean / off.mean).toFixed(2)}× (goal ≤ 1.2×), p50 ${(on.p50 / off.p50).toFixed(2)}×, work per block ${((on.mean - BLOCK_MS) / (off.mean - BLOCK_MS)).toFixed(2)}×`,
  );
  return { on, off };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
