// Verification in consensus on the in-process testnet (four validators, equal power, extensions from height 1):
// results are sampled into the queue, every validator runs them on the consensus engine in ExtendVote, the reports
// ride in tx 0 and FinalizeBlock settles each task through the market by the stake-weighted median.
import test from 'tape';
import { VoteExtension } from '../../../../proto/gen/aichain/verify/v1/types.js';
import {
  QueryParamsResponse,
  QueryProviderRequest,
  QueryProviderResponse,
  QueryQueueResponse,
  QueryRecordRequest,
  QueryRecordResponse,
  QueryValidatorFaultsRequest,
  QueryValidatorFaultsResponse,
} from '../../../../proto/gen/aichain/verify/v1/query.js';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { toHexUpper } from '../../../../chain/store/bytes.js';
import { cheatResult, input } from '../tasks/helpers.js';
import { exportImports, market, q, TOLERANCE } from './helpers.js';

test('verify: an honest result is verified by all four validators and settled by the market', async (t) => {
  const { tn, submit, task, record } = await market();
  try {
    const { id, height } = await submit((h) => h);
    await tn.produceBlock();
    const mid = await exportImports(tn);
    t.equal(mid.verify.queue.length, 1, 'one task queued');
    t.ok(mid.same, 'export -> import with a task in the queue: the same app hash');
    for (let i = 0; i < 2; i++) await tn.produceBlock();
    const after = await exportImports(tn);
    t.ok(
      after.same && after.verify.records.length === 1 && after.verify.providers.length === 1,
      'and with a record and a provider history',
    );
    const tk = task(id);
    t.equal(tk.status, TaskStatus.TASK_STATUS_SETTLED, 'settled');
    t.equal(tk.settlement?.how, 'verified', 'by the validators, not the optimistic path');
    t.equal(tk.settlement?.height, height + 3n, 'three blocks after the submission (queued, extended, aggregated)');
    const rec = record(id)!;
    t.equal(rec.verdict, 'correct', `the record says correct (${rec.consensusError} ${rec.reason})`);
    t.equal(rec.reports.length, 4, 'all four validators reported');
    t.ok(
      rec.reports.every((r) => r.agreed),
      'and all agreed with the consensus output',
    );
    t.deepEqual(
      rec.consensusValues,
      tk.result!.values,
      'the consensus output is the canonical output the provider submitted',
    );
    const app = tn.nodes[2].app;
    const viaQuery = QueryRecordResponse.decode(
      await q(app, 'Record', QueryRecordRequest.encode({ taskId: id }).finish()),
    ).record!;
    t.equal(viaQuery.verdict, 'correct', 'query Record: the verdict, on any validator');
    t.equal(viaQuery.height, height + 3n, 'query Record: the settling height');
    t.equal(QueryQueueResponse.decode(await q(app, 'Queue')).entries.length, 0, 'query Queue: empty again');
    const prov = QueryProviderResponse.decode(
      await q(app, 'Provider', QueryProviderRequest.encode({ provider: tk.provider }).finish()),
    );
    t.equal(prov.record?.verified, 1n, 'query Provider: one verified result');
    t.equal(prov.sampleRateBps, 10_000, 'still sampled at 100 % (new provider)');
    t.equal(QueryParamsResponse.decode(await q(app, 'Params')).params?.maxFaults, 1, 'query Params');
    const ext = tn.blocks[Number(height + 2n) - 1].txs[0];
    t.ok(ext.length > 0, 'the block carried the extensions in tx 0');
    t.equal(
      tn.blocks.flatMap((b) => b.extensionRejections).length,
      0,
      'no validator ever refused an honest extension (ExtendVote passes VerifyVoteExtension)',
    );
    t.ok(
      tn.blocks.every((b) => b.rejectedRounds.length === 0),
      'and no honest proposal was refused',
    );
  } finally {
    await tn.close();
  }
});

test('verify: a wrong result is rejected and the provider slashed; one beyond the tolerance too, one within it passes', async (t) => {
  const { tn, submitAll, task, record } = await market();
  try {
    const [wrong, near, far] = await submitAll([
      cheatResult,
      (h) => ({ ...h, values: h.values.map((v, i) => (i === 0 ? v + 1n : v)) }),
      (h) => ({ ...h, values: h.values.map((v, i) => (i === 0 ? v + TOLERANCE + 1n : v)) }),
    ]);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    t.equal(task(wrong).status, TaskStatus.TASK_STATUS_REJECTED, 'a moved argmax: rejected');
    t.ok(BigInt(task(wrong).settlement!.slashed) > 0n, 'the provider was slashed');
    t.equal(record(wrong)?.verdict, 'wrong', 'the record says wrong');
    t.equal(task(near).status, TaskStatus.TASK_STATUS_SETTLED, 'one canonical unit off on a tolerance model: accepted');
    t.equal(task(near).settlement?.how, 'verified', 'by the validators');
    t.equal(task(far).status, TaskStatus.TASK_STATUS_REJECTED, 'beyond the tolerance: rejected');
  } finally {
    await tn.close();
  }
});

test('verify: a validator reporting wrong outputs cannot move the result; it is faulted, and past max_faults punished', async (t) => {
  const { tn, submit, task, record } = await market();
  try {
    const liar = tn.order[1];
    tn.setByzantine(liar.index, {
      extension: (honest) => {
        if (!honest.length) return honest;
        const e = VoteExtension.decode(honest);
        return VoteExtension.encode({
          ...e,
          reports: e.reports.map((r) => ({ ...r, values: r.values.map((v) => v + 1000n) })),
        }).finish();
      },
    });
    const a = await submit((h) => h);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    const mid = await exportImports(tn);
    t.ok(mid.same && mid.verify.faults.length === 1, 'export -> import with a fault in the window: the same app hash');
    const f = QueryValidatorFaultsResponse.decode(
      await q(
        tn.nodes[0].app,
        'ValidatorFaults',
        QueryValidatorFaultsRequest.encode({ validator: toHexUpper(liar.address) }).finish(),
      ),
    );
    t.deepEqual(f.taskIds, [a.id], "query ValidatorFaults: the liar's one fault in the window");
    const b = await submit((h) => h);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    for (const { id } of [a, b]) {
      t.equal(task(id).status, TaskStatus.TASK_STATUS_SETTLED, `task ${id}: settled to the honest result`);
      const r = record(id)!;
      t.deepEqual(
        r.reports.filter((x) => !x.agreed).map((x) => x.validator),
        [toHexUpper(liar.address)],
        `task ${id}: only the liar disagreed`,
      );
    }
    const events = tn.blocks.flatMap((blk) => blk.events);
    const faults = events.filter((e) => e.type === 'validator_inference_fault');
    t.equal(faults.length, 2, 'two faults recorded');
    const slashed = events.filter((e) => e.type === 'validator_inference_slashed');
    t.equal(slashed.length, 1, 'more than max_faults (1) in the window: punished');
    t.equal(
      slashed[0]?.attributes.find((x) => x.key === 'slashed')?.value,
      'false',
      'this fixed genesis set has no staking validators, so nothing to slash (staked.test.ts slashes real stake)',
    );
  } finally {
    await tn.close();
  }
});

test('verify: two of four validators absent — the task waits, retries, then settles optimistically', async (t) => {
  const { tn, submit, task, record } = await market();
  try {
    const { id } = await submit((h) => h);
    await tn.produceBlock(); // queued
    // Two absent: no block can be decided at all (the harness plays CometBFT), so absence is modelled as two
    // validators whose extensions fail to arrive (their votes reach the commit without reports).
    for (const v of [tn.order[0], tn.order[1]]) tn.setByzantine(v.index, { extension: () => new Uint8Array() });
    for (let i = 0; i < 4; i++) await tn.produceBlock();
    t.equal(record(id)?.verdict, 'unverified', 'after max_verification_retries the record says unverified');
    t.equal(task(id).status, TaskStatus.TASK_STATUS_SUBMITTED, 'the task waits for its challenge deadline');
    for (let i = 0; i < 8; i++) await tn.produceBlock();
    t.equal(task(id).settlement?.how, 'optimistic', 'and settles through the optimistic path');
  } finally {
    await tn.close();
  }
});

test('verify: a model that fails on an input — every validator reports the same error, the task fails and refunds', async (t) => {
  const { tn, submit, task, record } = await market();
  try {
    const { id } = await submit((h) => h, input([3e38, 3e38, 3e38, 3e38]));
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    const r = record(id);
    t.equal(r?.verdict, 'failed', `the record says failed (${r?.consensusError})`);
    t.equal(task(id).status, TaskStatus.TASK_STATUS_FAILED, 'the task failed');
    t.equal(task(id).settlement?.refund, task(id).maxFee!.amount, 'the creator got the whole fee back');
  } finally {
    await tn.close();
  }
});

test('verify: VerifyVoteExtension refuses malformed, oversize and unqueued extensions; the chain goes on without that vote', async (t) => {
  const { tn, submit, task } = await market();
  try {
    const bad = tn.order[2];
    const variants: Array<[string, (honest: Uint8Array) => Uint8Array]> = [
      ['garbage', () => Uint8Array.of(0xff, 0xfe, 0xfd)],
      ['oversize', () => new Uint8Array(20_000)],
      [
        'an unqueued task id',
        () => VoteExtension.encode({ version: 1, reports: [{ taskId: 999n, values: [1n], errorCode: '' }] }).finish(),
      ],
      ['an unknown version', () => VoteExtension.encode({ version: 7, reports: [] }).finish()],
    ];
    for (const [name, extension] of variants) {
      tn.setByzantine(bad.index, { extension });
      const b1 = await tn.produceBlock();
      t.deepEqual(
        b1.extensionRejections.filter(([, voter]) => voter === bad.index).length,
        3,
        `${name}: the three others refuse it`,
      );
      const b2 = await tn.produceBlock();
      const eci = tn.injected(b2)!;
      t.equal(
        eci.votes.find((v) => Buffer.compare(v.validator.address, bad.address) === 0)?.blockIdFlag,
        1,
        `${name}: that vote is absent from the next commit, the block is decided`,
      );
    }
    tn.setByzantine(bad.index, undefined);
    const { id } = await submit((h) => h);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    t.equal(task(id).settlement?.how, 'verified', 'honest again: tasks are verified');
  } finally {
    await tn.close();
  }
});

test('verify: a validator that crashes and restarts mid-verification agrees on every app hash', async (t) => {
  const { tn, submit, task } = await market();
  try {
    const { id } = await submit((h) => h);
    await tn.produceBlock(); // queued
    await tn.restart(tn.order[3].index);
    await tn.produceBlock(); // extensions made, one by the restarted validator
    await tn.restart(tn.order[0].index);
    await tn.produceBlock(); // aggregated: the harness checks every app hash agrees
    t.equal(task(id).settlement?.how, 'verified', 'the task is verified across the restarts');
    t.equal(new Set(tn.nodes.map((n) => n.height)).size, 1, 'all four at the same height with the same app hash');
  } finally {
    await tn.close();
  }
});
