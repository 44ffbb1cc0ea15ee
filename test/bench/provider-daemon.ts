// Benchmark: the provider daemon's latency from a task's creation to its submitted result, on a dev node (200 ms
// blocks) with the daemon as a real process (`aichain provider run --poll 100ms`), tasks alternating over both
// reference models and both fee denoms. In blocks (submitted_height − created_height, from the task record) and in
// ms (between those blocks' header times), p50 and p99, for two loads:
//   normal — one task at a time (the next created once the last is submitted): the daemon's own latency;
//   burst  — all tasks in one tx: the claim limit (10 held at the dev provider's stake) and the settlement of
//            submitted results pace the queue.
// Baseline from the same run: a MsgSend's inclusion (broadcast to its block) — the daemon needs two more (claim,
// then submit) after the task's own.
// Run: npm run bench provider-daemon (or node --import tsx test/bench/provider-daemon.ts).
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { StargateClient, type SigningStargateClient } from '@cosmjs/stargate';
import { DEV_MNEMONIC } from '../../chain/home/dev.js';
import {
  aichainWallet,
  connectAichainQueryClient,
  connectAichainSigner,
  type MsgCreateTaskEncodeObject,
} from '../../chain/client/index.js';
import { MsgCreateTaskResponse } from '../../proto/gen/aichain/tasks/v1/tx.js';
import { tensorFrom } from '../../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, readReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';
import { startDaemon } from '../support/provider-process.js';
import { waitFor } from '../support/wait-for.js';

const TASKS = 50;
const BLOCK_TIME = '200ms';
const POLL = '100ms';
const MODELS = [IRIS_MLP, REGRESSOR].map((m) => ({ ...readReferenceModel(m), ref: m }));
const FEES = [
  { denom: 'uusdc', amount: '1' },
  { denom: 'uaic', amount: '10' },
];

function createMsg(creator: string, i: number): MsgCreateTaskEncodeObject {
  const m = MODELS[i % 2];
  const row = m.ref.example.map((x, j) => x + ((i * 7 + j) % 10) / 10);
  const t = tensorFrom('float32', [1, row.length], row);
  return {
    typeUrl: '/aichain.tasks.v1.MsgCreateTask',
    value: {
      creator,
      modelId: m.id,
      inputs: [{ dtype: t.dtype, shape: t.shape.map(BigInt), data: t.data }],
      maxFee: FEES[Math.floor(i / 2) % 2],
      deadlineBlocks: 1000n,
      preferredProvider: '',
    },
  };
}

async function create(client: SigningStargateClient, creator: string, msgs: MsgCreateTaskEncodeObject[]) {
  const res = await client.signAndBroadcast(creator, msgs, 'auto');
  if (res.code !== 0) throw new Error(`create failed: ${res.rawLog}`);
  return res.msgResponses.map((r) => MsgCreateTaskResponse.decode(r.value).id);
}

/** Nearest-rank percentile. */
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)];

export async function run(): Promise<Record<string, unknown>> {
  const node = await startNode({ blockTime: BLOCK_TIME });
  const daemon = await startDaemon({ home: node.home, url: node.url, args: ['--poll', POLL, '--progress', '60s'] });
  const q = await connectAichainQueryClient(node.url);
  const stargate = await StargateClient.connect(node.url);
  const wallet = await aichainWallet(DEV_MNEMONIC, [2, 3]);
  const [{ address: creator }, { address: other }] = await wallet.getAccounts();
  const client = await connectAichainSigner(node.url, wallet, { broadcastPollIntervalMs: 20 });
  const blockMs = new Map<bigint, number>();
  const timeOf = async (h: bigint) => {
    if (!blockMs.has(h)) blockMs.set(h, Date.parse((await stargate.getBlock(Number(h))).header.time));
    return blockMs.get(h)!;
  };
  const submitted = (id: bigint) =>
    waitFor(
      async () => {
        const t = await q.tasks.task(id);
        return t.submittedHeight > 0n && t;
      },
      { what: `task ${id} to be submitted`, timeoutMs: 120_000, intervalMs: 20 },
    );
  const latency = async (ids: bigint[]) => {
    const blocks: number[] = [];
    const ms: number[] = [];
    for (const id of ids) {
      const t = await submitted(id);
      blocks.push(Number(t.submittedHeight - t.createdHeight));
      ms.push((await timeOf(t.submittedHeight)) - (await timeOf(t.createdHeight)));
    }
    return { blocks, ms };
  };
  try {
    // Baseline: a MsgSend from broadcast to inclusion, measured by the client, and in blocks.
    const sendMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const r = await client.sendTokens(creator, other, [{ denom: 'uaic', amount: '1' }], 'auto');
      sendMs.push(performance.now() - t0);
      if (r.code !== 0) throw new Error(`send failed: ${r.rawLog}`);
    }

    // Warm-up, untimed: each model once, so the daemon's sessions and the node's verification engine (its worker
    // thread compiles the WebAssembly module on first use) are loaded before anything is measured.
    for (const id of await create(client, creator, [createMsg(creator, 0), createMsg(creator, 1)])) await submitted(id);

    const normalIds: bigint[] = [];
    const t0 = performance.now();
    for (let i = 0; i < TASKS; i++) {
      const [id] = await create(client, creator, [createMsg(creator, i)]);
      normalIds.push(id);
      await submitted(id);
    }
    const normalWall = performance.now() - t0;
    const normal = await latency(normalIds);

    const t1 = performance.now();
    const burstIds = await create(
      client,
      creator,
      Array.from({ length: TASKS }, (_, i) => createMsg(creator, i)),
    );
    const burst = await latency(burstIds);
    const burstWall = performance.now() - t1;

    const f = (n: number) => n.toFixed(0);
    console.log(
      `\n## provider daemon latency: task created → result submitted (${TASKS} tasks per load; dev node ${BLOCK_TIME} blocks; daemon --poll ${POLL}, consensus engine, claim limit 10)`,
    );
    console.log('| load | p50 blocks | p99 blocks | max blocks | p50 ms | p99 ms | max ms | wall s |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, r, wall] of [
      ['normal (one at a time)', normal, normalWall],
      ['burst (all in one tx)', burst, burstWall],
    ] as const) {
      console.log(
        `| ${name} | ${pct(r.blocks, 0.5)} | ${pct(r.blocks, 0.99)} | ${Math.max(...r.blocks)} | ${f(pct(r.ms, 0.5))} | ${f(pct(r.ms, 0.99))} | ${f(Math.max(...r.ms))} | ${(wall / 1000).toFixed(1)} |`,
      );
    }
    console.log(
      `baseline (same run): a MsgSend broadcast → included, seen by CosmJS polling every 20 ms: p50 ${f(pct(sendMs, 0.5))} ms, p99 ${f(pct(sendMs, 0.99))} ms (the daemon needs two such inclusions, claim then submit, after the task's block)`,
    );
    const counters = daemon.logs.filter((l) => l.msg === 'progress').at(-1);
    await daemon.stop('SIGTERM');
    const last = daemon.logs.filter((l) => l.msg === 'progress').at(-1) ?? counters;
    console.log(
      `daemon counters at exit: claimed ${String(last?.claimed)}, submitted ${String(last?.submitted)}, failed ${String(last?.failed)}, refused txs ${String(last?.refused)}, rounds ${String(last?.rounds)}`,
    );
    return { normal, burst, sendMs };
  } finally {
    await daemon.stop('SIGKILL');
    client.disconnect();
    stargate.disconnect();
    await node.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
