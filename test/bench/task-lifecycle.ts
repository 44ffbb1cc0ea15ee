// Benchmark: the task lifecycle (create → claim → submit → optimistic settlement) through FinalizeBlock + Commit, in
// tasks per second, with 10,000 other tasks open in state, beside the MsgSend rate of the same run. Blocks are
// pipelined as a busy chain's would be: block r carries the creates of batch r, the claims of batch r-1 and the
// submits of batch r-2; each batch settles `challenge_window_blocks` after its submit, in end block. Every tx is
// signed before the clock starts (task ids are sequential, so claims and submits can be signed ahead).
// Verification by validators is off here (no vote extensions): this measures the market, not inference.
// Run: npm run bench task-lifecycle
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { parseAddress } from '../../chain/types/address.js';
import { devAccounts, initChain, openApp, runBlock, signTx, type TestAccount } from '../support/app-harness.js';
import { registerDatasetMsg, registerModelMsg, tinyMlp } from '../unit/modules/models/helpers.js';
import {
  claimManyMsg,
  createMsg,
  DATASET,
  honestResult,
  queryStats,
  registerProviderMsg,
  submitManyMsg,
  tasksAppState,
} from '../unit/modules/tasks/helpers.js';
import { signer } from '../unit/modules/staking/helpers.js';
import { run as txThroughput } from './tx-throughput.js';
import type { AichainApp } from '../../chain/app/app.js';
import { TaskStatus } from '../../proto/gen/aichain/tasks/v1/types.js';

const PER_TX = 100; // max_batch: one provider signature per 100 claims or results
const WINDOW = 3;

/** Signs txs for one account with sequences counted here, so several can go in one block or be signed ahead. */
function sequencer(app: AichainApp, acc: TestAccount) {
  const a = app.wiring.auth.getAccount(app.ctx(app.store.state), parseAddress(acc.address))!;
  let sequence = a.sequence;
  return (msgs: EncodeObject[], gas = 50_000_000) =>
    signTx(acc, msgs, {
      accountNumber: a.accountNumber,
      sequence: sequence++,
      gas,
      fee: [{ denom: 'uaic', amount: String(gas / 40) }],
    });
}

async function market() {
  const accs = await devAccounts(5);
  const [owner, provider, creator, datasetOwner, other] = accs;
  const t = await openApp(undefined, { invariantCheckPeriod: 0 });
  const { app } = t;
  const state = tasksAppState(accs, {
    max_deadline_blocks: '100000',
    challenge_window_blocks: String(WINDOW),
    max_batch: PER_TX,
  }) as unknown as { staking: { params: Record<string, unknown> } };
  state.staking.params.provider_stake_per_claim = '1'; // a claim limit of millions: the limit is not what is measured
  await initChain(app, state);
  await runBlock(app, []);
  const sign = signer(app);
  const modelBytes = tinyMlp(7);
  const modelId = createHash('sha256').update(modelBytes).digest('hex');
  for (const tx of [
    await sign(datasetOwner, registerDatasetMsg(datasetOwner.address, DATASET), 2_000_000),
    await sign(
      owner,
      registerModelMsg(owner.address, modelBytes, { datasets: [{ datasetId: DATASET, shareBps: 5000 }] }),
      2_000_000,
    ),
    await sign(provider, registerProviderMsg(provider, [modelId]), 2_000_000),
  ]) {
    const r = await runBlock(app, [tx]);
    if (r.txResults[0].code) throw new Error(`setup: ${r.txResults[0].log}`);
  }
  return { t, app, modelBytes, modelId, provider, creator, other };
}

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

async function mustBlock(app: AichainApp, txs: Uint8Array[]) {
  const r = await runBlock(app, txs);
  const bad = r.txResults.find((x) => x.code !== 0);
  if (bad) throw new Error(`bench tx failed: ${bad.log}`);
}

export async function run(opts: { background?: number; perBlock?: number; rounds?: number; sendRate?: boolean } = {}) {
  const background = opts.background ?? 10_000,
    perBlock = opts.perBlock ?? 1_000,
    rounds = opts.rounds ?? 10;
  const m = await market();
  const { app } = m;
  const createAs = sequencer(app, m.creator);
  const createOther = sequencer(app, m.other);

  // 10,000 tasks open in state for the whole run, from another creator, never claimed.
  for (const block of chunks(
    Array.from({ length: background }, () => createMsg(m.other, m.modelId, { deadlineBlocks: 50_000n })),
    perBlock,
  ))
    await mustBlock(app, await Promise.all(chunks(block, PER_TX).map((msgs) => createOther(msgs))));
  const firstId = BigInt(background) + 1n;

  const honest = await honestResult(m.modelBytes);
  const claimAs = sequencer(app, m.provider);
  const ids = (r: number) => Array.from({ length: perBlock }, (_, i) => firstId + BigInt(r * perBlock + i));
  const creates: Uint8Array[][] = [],
    claims: Uint8Array[][] = [],
    submits: Uint8Array[][] = [];
  for (let r = 0; r < rounds; r++) {
    creates.push(
      await Promise.all(
        chunks(
          Array.from({ length: perBlock }, () => createMsg(m.creator, m.modelId, { deadlineBlocks: 1_000n })),
          PER_TX,
        ).map((msgs) => createAs(msgs)),
      ),
    );
  }
  // The provider's txs go in block order: claims of batch r-1 before submits of batch r-2 in block r.
  for (let b = 0; b < rounds + 2; b++) {
    claims.push(
      b >= 1 && b <= rounds
        ? await Promise.all(chunks(ids(b - 1), PER_TX).map((c) => claimAs([claimManyMsg(m.provider, c)])))
        : [],
    );
    submits.push(
      b >= 2
        ? await Promise.all(
            chunks(ids(b - 2), PER_TX).map((c) =>
              claimAs([
                submitManyMsg(
                  m.provider,
                  c.map((taskId) => ({ taskId, result: honest })),
                ),
              ]),
            ),
          )
        : [],
    );
  }

  const before = await queryStats(app);
  const t0 = performance.now(),
    cpu0 = process.cpuUsage();
  for (let b = 0; b < rounds + 2; b++) await mustBlock(app, [...(creates[b] ?? []), ...claims[b], ...submits[b]]);
  for (let b = 0; b <= WINDOW; b++) await mustBlock(app, []);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const after = await queryStats(app);
  const settled = Number(settledCount(after) - settledCount(before));
  const total = rounds * perBlock;
  if (settled !== total) throw new Error(`expected ${total} settled, got ${settled}`);
  await m.t.close();

  const rate = total / seconds;
  const send =
    opts.sendRate === false
      ? undefined
      : await txThroughput({ skipVerify: true, blocks: 2, perBlock: 2000, quiet: true });
  console.log(
    `\n## task lifecycle (${rounds} × ${perBlock} tasks, ${background} other tasks open, batches of ${PER_TX})`,
  );
  console.log('| case | per second | ÷ MsgSend warm |');
  console.log('| --- | ---: | ---: |');
  const rows: Array<[string, number]> = [['tasks: create → claim → submit → settle', rate]];
  if (send)
    rows.push(['MsgSend, FinalizeBlock+Commit warm', send.warmRate], ['MsgSend, cold (pool verifies)', send.coldRate]);
  for (const [name, r] of rows)
    console.log(`| ${name} | ${Math.round(r)} | ${send ? (r / send.warmRate).toFixed(2) : '-'} |`);
  console.log(
    `goal: ≥ 2,770 tasks/s → ${Math.round(rate)} (${(rate / 2770).toFixed(2)}×); ${(seconds * 1000).toFixed(0)} ms for ${rounds + 3 + WINDOW} blocks, ${(cpuSeconds * 1000).toFixed(0)} ms of CPU (${Math.round(total / cpuSeconds)} tasks per CPU-second: the figure to compare on a loaded machine)`,
  );
  return { rate, cpuRate: total / cpuSeconds, send };
}

function settledCount(s: Awaited<ReturnType<typeof queryStats>>): bigint {
  return s.counts.find((x) => x.status === TaskStatus.TASK_STATUS_SETTLED)?.count ?? 0n;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
