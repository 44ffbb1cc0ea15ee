// End to end: the provider daemon as a real process (`aichain provider run --from dev1`) against a dev node (200 ms
// blocks), with a CosmJS client creating tasks on both reference models paid in uusdc and in uaic. Each task is
// claimed once, submitted with exactly what the consensus engine computes for its input, and settles. The daemon is
// then SIGKILLed right after a claim (a long --poll keeps claim and submission a round apart) and restarted: the
// restarted daemon finds the task CLAIMED on chain and submits it, and no task is ever claimed twice. Last, SIGTERM
// right after a claim: the daemon submits what it claimed and exits 0.
import test from 'tape';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StargateClient, type SigningStargateClient } from '@cosmjs/stargate';
import { DEV_MNEMONIC } from '../../chain/home/dev.js';
import {
  aichainWallet,
  connectAichainQueryClient,
  connectAichainSigner,
  TaskStatus,
  type MsgCreateTaskEncodeObject,
  type Task,
} from '../../chain/client/index.js';
import { MsgCreateTaskResponse } from '../../proto/gen/aichain/tasks/v1/tx.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { tensorFrom } from '../../native/onnx/tensor.js';
import { IRIS_MLP, REGRESSOR, readReferenceModel, type ReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';
import { startDaemon, type DaemonProcess } from '../support/provider-process.js';
import { waitFor } from '../support/wait-for.js';

const PROVIDER = 'aiprov1nflel60cx5fvha4ws4z2q0stwvsucm5w80a29u';
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;

/**
 * The dev home with a 150-block claim timeout: the dev genesis's 20 blocks are 4 s at 200 ms blocks, less than a
 * daemon takes to start on a loaded machine (tsx, the 14 MB WebAssembly compile), and this test restarts it while
 * it holds a claim.
 */
function devHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'aichain-provider-e2e-'));
  execFileSync(process.execPath, [bin, 'init', '--dev', '--home', home], { stdio: 'ignore' });
  const file = join(home, 'config', 'genesis.json');
  const g = JSON.parse(readFileSync(file, 'utf8'));
  g.app_state.tasks.params.claim_timeout_blocks = '150';
  writeFileSync(file, JSON.stringify(g, null, 2));
  return home;
}
const S = TaskStatus;

interface Job {
  model: ReferenceModel;
  row: number[];
  fee: { denom: string; amount: string };
}

/** Creates the tasks in one tx from `creator`; returns their ids in order. */
async function createTasks(client: SigningStargateClient, creator: string, jobs: Job[]): Promise<bigint[]> {
  const msgs: MsgCreateTaskEncodeObject[] = jobs.map((j) => {
    const t = tensorFrom('float32', [1, j.row.length], j.row);
    return {
      typeUrl: '/aichain.tasks.v1.MsgCreateTask',
      value: {
        creator,
        modelId: readReferenceModel(j.model).id,
        inputs: [{ dtype: t.dtype, shape: t.shape.map(BigInt), data: t.data }],
        maxFee: j.fee,
        deadlineBlocks: 200n,
        preferredProvider: '',
      },
    };
  });
  const res = await client.signAndBroadcast(creator, msgs, 'auto');
  if (res.code !== 0) throw new Error(`creating tasks failed: ${res.rawLog}`);
  return res.msgResponses.map((r) => MsgCreateTaskResponse.decode(r.value).id);
}

/** The consensus engine's canonical values for one input row. */
async function expected(runner: OnnxRunner, job: Job): Promise<bigint[]> {
  const { id, bytes } = readReferenceModel(job.model);
  const r = await runner.run(
    { id, bytes, scaleBits: job.model.scaleBits },
    tensorFrom('float32', [1, job.row.length], job.row),
  );
  if (!r.ok) throw new Error(`${job.model.name}: ${r.code} ${r.message}`);
  return r.output.values;
}

test('e2e: the provider daemon claims, runs, submits and settles tasks; survives SIGKILL; drains on SIGTERM', async (t) => {
  const node = await startNode({ home: devHome(), blockTime: '200ms' });
  const q = await connectAichainQueryClient(node.url);
  const stargate = await StargateClient.connect(node.url);
  const wallet = await aichainWallet(DEV_MNEMONIC, [2]);
  const [{ address: creator }] = await wallet.getAccounts();
  const client = await connectAichainSigner(node.url, wallet, { broadcastPollIntervalMs: 100 });
  const runner = await OnnxRunner.create({ engine: 'consensus' });
  const daemons: DaemonProcess[] = [];
  const daemon = async (poll: string) => {
    const d = await startDaemon({ home: node.home, url: node.url, args: ['--poll', poll, '--progress', '2s'] });
    daemons.push(d);
    return d;
  };
  const task = (id: bigint): Promise<Task> => q.tasks.task(id);
  const untilStatus = (id: bigint, ok: (s: TaskStatus) => boolean, what: string, timeoutMs = 20_000) =>
    waitFor(
      async () => {
        const k = await task(id);
        return ok(k.status) && k;
      },
      { what: `task ${id} ${what}`, timeoutMs, intervalMs: 20 },
    );
  /** task_claimed events naming this task, over every indexed tx. */
  const claimEvents = async (id: bigint) =>
    (await stargate.searchTx(`task_claimed.task_id=${id}`))
      .flatMap((tx) => tx.events)
      .filter((e) => e.type === 'task_claimed' && e.attributes.some((a) => a.key === 'task_id' && a.value === `${id}`))
      .length;
  const checkDelivered = async (ids: bigint[], jobs: Job[], label: string) => {
    for (const [i, id] of ids.entries()) {
      const k = await untilStatus(id, (s) => s === S.TASK_STATUS_SETTLED, 'to settle');
      const job = jobs[i];
      t.equal(
        k.provider,
        PROVIDER,
        `${label} task ${id} (${job.model.name}, ${job.fee.denom}): claimed by the dev provider`,
      );
      t.equal(k.price, job.fee.denom === 'uaic' ? '10' : '1', `${label} task ${id}: charged the provider's price`);
      t.ok(k.submittedHeight > 0n, `${label} task ${id}: went through SUBMITTED (height ${k.submittedHeight})`);
      t.deepEqual(k.result?.values, await expected(runner, job), `${label} task ${id}: the consensus engine's result`);
      t.equal(k.settlement?.outcome, 'correct', `${label} task ${id}: settled as correct`);
      t.equal(k.misses, 0, `${label} task ${id}: no claim of it expired`);
      t.equal(await claimEvents(id), 1, `${label} task ${id}: claimed exactly once`);
    }
  };
  try {
    // 1. Both models, both fee denoms.
    const a = await daemon('100ms');
    const jobs: Job[] = [
      { model: IRIS_MLP, row: IRIS_MLP.example, fee: { denom: 'uusdc', amount: '5' } },
      { model: IRIS_MLP, row: [5.1, 3.5, 1.4, 0.2], fee: { denom: 'uaic', amount: '100' } },
      { model: REGRESSOR, row: REGRESSOR.example, fee: { denom: 'uusdc', amount: '1' } },
      { model: REGRESSOR, row: [5.0, 3.4, 1.5], fee: { denom: 'uaic', amount: '10' } },
    ];
    await checkDelivered(await createTasks(client, creator, jobs), jobs, 'first run:');
    t.equal(await a.stop('SIGTERM'), 0, 'an idle daemon exits 0 on SIGTERM');

    // 2. SIGKILL between the claim and the submission (the next round is 2 s away), then a restart.
    const b = await daemon('2s');
    const killJobs: Job[] = [
      { model: IRIS_MLP, row: [6.7, 3.1, 4.4, 1.4], fee: { denom: 'uusdc', amount: '1' } },
      { model: REGRESSOR, row: [6.1, 2.8, 4.7], fee: { denom: 'uaic', amount: '10' } },
    ];
    const killIds = await createTasks(client, creator, killJobs);
    await untilStatus(killIds[1], (s) => s !== S.TASK_STATUS_OPEN, 'to be claimed');
    b.child.kill('SIGKILL');
    await b.exited;
    const held = await Promise.all(killIds.map(task));
    t.deepEqual(
      held.map((k) => k.status),
      [S.TASK_STATUS_CLAIMED, S.TASK_STATUS_CLAIMED],
      'killed after the claim and before the submission: both tasks are CLAIMED',
    );
    // The restarted daemon polls slowly too, so step 3 can stop it between a claim and its submission.
    const c = await daemon('2s');
    const ready = await c.waitLog('provider daemon ready');
    t.deepEqual(ready.recovering, killIds.map(String), 'the restarted daemon finds its CLAIMED tasks on chain');
    await checkDelivered(killIds, killJobs, 'after SIGKILL:');
    t.notOk(
      c.logs.some((l) => l.msg === 'claimed' && (l.tasks as string[]).some((x) => killIds.map(String).includes(x))),
      'the restarted daemon claimed none of them again',
    );

    // 3. SIGTERM right after a claim: the claimed task is submitted before the daemon exits 0.
    const [termId] = await createTasks(client, creator, [killJobs[0]]);
    await untilStatus(termId, (s) => s !== S.TASK_STATUS_OPEN, 'to be claimed');
    t.equal((await task(termId)).status, S.TASK_STATUS_CLAIMED, 'SIGTERM comes between the claim and the submission');
    t.equal(await c.stop('SIGTERM'), 0, 'SIGTERM with a task in flight: exit 0');
    t.ok((await task(termId)).submittedHeight > 0n, 'the task claimed before SIGTERM was submitted before exiting');
    t.ok(
      c.logs.some((l) => l.msg === 'provider daemon stopped' && l.drained === true),
      'the daemon logs that it drained',
    );
    const progress = [...a.logs, ...c.logs].filter((l) => l.msg === 'progress');
    t.ok(
      progress.length > 0 && progress.every((l) => 'claimed' in l && 'submitted' in l && 'inflight' in l),
      'progress lines carry the counters',
    );
  } catch (e) {
    t.fail(`${(e as Error).message}\n--- daemon logs ---\n${daemons.map((x) => x.raw.join('')).join('\n---\n')}`);
  } finally {
    for (const x of daemons) await x.stop('SIGKILL');
    await runner.close();
    client.disconnect();
    stargate.disconnect();
    await node.stop();
  }
});
