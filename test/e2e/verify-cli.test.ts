// The verification queries against a dev node: one task created, claimed and submitted through CosmJS (the dev
// provider's operator computes the output on the consensus engine), and once it settles, `aichain query verify`
// shows its record — verdict correct, the dev validator's report agreeing with all the power — and the validator's
// faults; the queue, the provider's history and the params are read through the CosmJS extension.
import test from 'tape';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { QueryClient, type StdFee } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import {
  aichainWallet,
  connectAichainSigner,
  createTask,
  setupTasksExtension,
  setupVerifyExtension,
  waitForTask,
  TaskStatus,
} from '../../chain/client/index.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { IRIS_MLP, readReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const [, OPERATOR, CREATOR] = DEV_ADDRESSES;
const PROVIDER = 'aiprov1nflel60cx5fvha4ws4z2q0stwvsucm5w80a29u'; // the dev provider, run by dev1
const FEE: StdFee = { amount: [{ denom: 'uaic', amount: '25000' }], gas: '1000000' };

test('e2e: query verify shows a submitted task verified correct by the dev validator', async (t) => {
  const starting = OnnxRunner.create({ engine: 'consensus' });
  const node = await startNode({ blockTime: '200ms' }).catch(async (e: Error) => {
    await (await starting).close();
    throw e;
  });
  const runner = await starting;
  const comet = await connectComet(node.url);
  const signer = await connectAichainSigner(node.url, await aichainWallet(DEV_MNEMONIC, [0, 1, 2]), {
    broadcastPollIntervalMs: 100,
  });
  const json = async (...args: string[]) =>
    JSON.parse(
      (
        await run(process.execPath, [bin, 'query', 'verify', ...args, '--node', node.url, '--output', 'json'], {
          timeout: 60_000,
        })
      ).stdout,
    );
  try {
    const qc = QueryClient.withExtensions(comet, setupTasksExtension, setupVerifyExtension);
    const iris = readReferenceModel(IRIS_MLP);
    const { taskId } = await createTask(
      signer,
      CREATOR,
      { modelId: iris.id, inputs: [IRIS_MLP.example], fee: { denom: 'uusdc', amount: '100' }, deadlineBlocks: 200 },
      FEE,
    );
    const claim = await signer.signAndBroadcast(
      OPERATOR,
      [{ typeUrl: '/aichain.tasks.v1.MsgClaimTask', value: { provider: OPERATOR, taskId } }],
      FEE,
    );
    t.equal(claim.code, 0, `the dev provider claims task ${taskId} (${claim.rawLog ?? ''})`);
    const task = await qc.tasks.task(taskId);
    const out = await runner.run(
      { ...iris, scaleBits: IRIS_MLP.scaleBits },
      task.inputs.map((x) => ({ dtype: 'float32' as const, shape: x.shape.map(Number), data: x.data })),
    );
    if (!out.ok) throw new Error(`the consensus engine failed: ${out.code} ${out.message}`);
    const result = {
      tensors: out.output.tensors.map((x) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(BigInt) })),
      values: out.output.values,
    };
    const submit = await signer.signAndBroadcast(
      OPERATOR,
      [{ typeUrl: '/aichain.tasks.v1.MsgSubmitResult', value: { provider: OPERATOR, taskId, result } }],
      FEE,
    );
    t.equal(submit.code, 0, `it submits the canonical output (${submit.rawLog ?? ''})`);
    const settled = await waitForTask(qc, taskId, { timeoutMs: 30_000, pollMs: 100 });
    t.equal(settled.status, TaskStatus.TASK_STATUS_SETTLED, 'the task settles');

    const { validators } = await comet.validators({});
    const validatorHex = Buffer.from(validators[0].address).toString('hex').toUpperCase();
    // Two CLI runs (each a Node start with tsx, seconds on a loaded machine); the rest through the CosmJS extension.
    const [record, faults] = await Promise.all([json('record', String(taskId)), json('faults', validatorHex)]);
    t.equal(record.task_id, String(taskId), 'record: the task');
    t.equal(record.verdict, 'correct', 'record: verdict correct');
    t.deepEqual(
      record.consensus_values,
      result.values.map(String),
      'record: the consensus output is the canonical output the provider submitted',
    );
    t.deepEqual(
      record.reports.map((r: { validator: string; agreed: boolean; error_code: string }) => [
        r.validator,
        r.agreed,
        r.error_code,
      ]),
      [[validatorHex, true, '']],
      "record: one report, the dev validator's, agreeing",
    );
    t.equal(record.reported_power, record.total_power, 'record: all the power reported');
    t.deepEqual(faults, { validator: validatorHex, faults: [] }, 'faults: none for the dev validator');
    t.deepEqual(await qc.verify.queue(), [], 'queue: empty once the task settled');
    const provider = await qc.verify.provider(PROVIDER);
    t.ok(provider.record.verified >= 1n, `provider: ${provider.record.verified} verified result(s)`);
    t.equal(provider.sampleRateBps, 10_000, 'provider: sampled at 100 % on the dev chain');
    t.equal((await qc.verify.params()).maxVerificationsPerBlock, 16, 'params: the default per-block cap');
  } finally {
    comet.disconnect();
    signer.disconnect();
    await runner.close();
    await node.stop();
  }
});
