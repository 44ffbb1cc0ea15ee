// Verification of task results in consensus (DESIGN §6): the queue of submitted results the validators run, the
// aggregation of their reports (carried in the block as tx 0) into a consensus output, the settlement of each task
// through the market, and the validators' inference faults.
//
// Timing, all from block contents and committed state (replay reproduces it):
//   FinalizeBlock(E): results submitted at E-1 are sampled (draw from the app hash after E-1) and queued.
//   ExtendVote(E+1): every validator sees the queue committed at E and reports on every entry (chain/app runs them).
//   FinalizeBlock(E+2): tx 0 carries those extensions; entries queued at <= H-2 are aggregated and settled, or wait
//   (attempts + 1) when too little power reported, up to max_verification_retries, then leave the queue and settle
//   through the market's optimistic path at their challenge deadline.
import type { Context } from '../../chain/types/context.js';
import { toHexUpper } from '../../chain/store/bytes.js';
import type {
  Digest,
  Params,
  ProviderRecord,
  QueueEntry,
  Record,
  ValidatorReport,
} from '../../proto/gen/aichain/verify/v1/types.js';
import type {
  CompareRule,
  ModelsView,
  ResultComparer,
  SubmittedTask,
  TaskMarket,
  ValidatorSlasher,
} from './expected.js';
import { aggregate, type Consensus, type VoteReport } from './aggregate.js';
import { decodeExtension, queuedProblem, reportBytesBound } from './extension.js';
import { defaultParams } from './params.js';
import { sampled, sampleRate } from './sampling.js';
import { digest, digestFor, digestRule, sketchSeed } from './digest.js';
import { verifyState } from './keys.js';
import { emit, EVENT } from './events.js';

export const MODULE_NAME = 'verify';
export const REASON_WRONG_INFERENCE = 'wrong_inference';

/** A COMMIT vote of the last commit as tx 0 carries it. */
export interface CommitVote {
  validator: Uint8Array;
  power: bigint;
  extension: Uint8Array;
}

/** What FinalizeBlock hands the module: plain data from the block and the committed state. */
export interface BlockFacts {
  /** The injected extended commit's COMMIT votes; undefined when the block carries none. */
  votes?: CommitVote[];
  /** The last commit's total power (every vote, committed or not). */
  totalPower: bigint;
  /** The app hash after the previous block. */
  lastAppHash: Uint8Array;
}

export class VerifyKeeper {
  readonly state: ReturnType<typeof verifyState>;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly market: TaskMarket,
    private readonly models: ModelsView,
    private readonly comparer: ResultComparer,
    private readonly slasher: ValidatorSlasher,
  ) {
    this.state = verifyState(storePrefix);
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }
  queue(ctx: Context): QueueEntry[] {
    return [...this.state.queue.values(ctx)];
  }
  isQueued(ctx: Context, id: bigint): boolean {
    return this.state.queue.has(ctx, id);
  }
  getRecord(ctx: Context, id: bigint): Record | undefined {
    return this.state.records.get(ctx, id);
  }
  providerRecord(ctx: Context, provider: string): ProviderRecord | undefined {
    return this.state.providers.get(ctx, provider);
  }
  /** The validator's faults in the current window, oldest first. */
  faults(ctx: Context, cons: Uint8Array): Array<{ height: bigint; taskId: bigint }> {
    return [...this.state.faults.keys(ctx, { prefix: [cons] })].map(([, height, taskId]) => ({ height, taskId }));
  }

  /** VerifyVoteExtension's check: form, size, queued ids (no inference). */
  extensionProblem(ctx: Context, ext: Uint8Array, appMaxBytes: bigint): string | undefined {
    const p = this.getParams(ctx);
    const max = p.maxExtensionBytes < appMaxBytes ? p.maxExtensionBytes : appMaxBytes;
    return queuedProblem(ext, max, p.maxOutputValues, (id) => this.isQueued(ctx, id));
  }

  /** FinalizeBlock, before the block's txs: settle what the extensions decide, then queue the new results. */
  finalize(ctx: Context, facts: BlockFacts): void {
    if (facts.votes) this.applyReports(ctx, facts.votes, facts.totalPower);
    // Results challenged or settled meanwhile (or on a chain without extensions) leave the queue.
    for (const e of this.queue(ctx)) if (!this.market.submitted(ctx, e.taskId)) this.state.queue.delete(ctx, e.taskId);
    this.sample(ctx, facts.lastAppHash);
  }

  // ---- the queue ----

  /**
   * Results submitted in the previous block, in id order: sampled at the provider's rate, then queued while the
   * queue stays within the count, FLOP and extension byte budgets (so one extension always holds the whole queue).
   * A sampled result that does not fit is skipped (an event says so) and settles through the optimistic path.
   * PERF: reads only the results submitted or challenged at h-1 (an index by submission height), not the window.
   */
  private sample(ctx: Context, lastAppHash: Uint8Array): void {
    const h = ctx.block.height;
    const p = this.getParams(ctx);
    const queued = this.queue(ctx);
    let count = queued.length;
    let flops = queued.reduce((s, e) => s + e.flops, 0n);
    let bytes = 16n + queued.reduce((s, e) => s + BigInt(reportBytesBound(e.outputValues)), 0n);
    for (const id of this.market.newlyAwaiting(ctx, h - 1n)) {
      const t = this.market.submitted(ctx, id);
      if (!t || this.state.queue.has(ctx, id)) continue;
      // A result challenged at h-1 is always verified (within what an extension can carry); one submitted at h-1 is
      // sampled at its provider's rate.
      const challenged = t.challengedHeight === h - 1n;
      if (!challenged && t.submittedHeight !== h - 1n) continue;
      const rate = challenged ? 10_000n : sampleRate(p, this.state.providers.get(ctx, t.provider), h);
      if (!challenged && !sampled(lastAppHash, id, rate)) continue;
      // A long output is reported as a digest (digest.ts) of `n` values; none fits: not queued.
      let n = t.result.values.length;
      let dg: Digest | undefined;
      let why = '';
      if (n > p.maxOutputValues) {
        const rule = this.models.ruleOf(ctx, t.modelId, t.result.shapes) ?? { kind: 'exact' };
        const d = digestFor(rule, n, p.maxOutputValues, p.sketchSize, sketchSeed(lastAppHash, id));
        if ('why' in d) why = d.why;
        else [dg, n] = [d.digest, d.length];
      }
      why ||=
        !challenged && count + 1 > p.maxVerificationsPerBlock
          ? 'max_verifications_per_block'
          : !challenged && flops + t.flops > p.maxVerifyFlopsPerBlock
            ? 'max_verify_flops_per_block'
            : bytes + BigInt(reportBytesBound(n)) > p.maxExtensionBytes
              ? 'max_extension_bytes'
              : '';
      if (why) {
        emit(ctx, EVENT.skipped, [
          ['task_id', String(id)],
          ['reason', why],
        ]);
        if (challenged) this.market.fallBackToRerun(ctx, id, `not verifiable by the validators: ${why}`);
        continue;
      }
      this.state.queue.set(ctx, id, {
        taskId: id,
        height: h,
        flops: t.flops,
        outputValues: n,
        attempts: 0,
        digest: dg,
      });
      count++;
      flops += t.flops;
      bytes += BigInt(reportBytesBound(n));
      emit(ctx, EVENT.queued, [
        ['task_id', String(id)],
        ['provider', t.provider],
        ['rate_bps', String(rate)],
      ]);
    }
  }

  // ---- aggregation and settlement ----

  private applyReports(ctx: Context, votes: CommitVote[], totalPower: bigint): void {
    const h = ctx.block.height;
    const p = this.getParams(ctx);
    // Each vote's reports by task id; a malformed extension (impossible after ProcessProposal) reports nothing.
    const byVote = votes.map((v) => ({
      v,
      reports: new Map((decodeExtension(v.extension)?.reports ?? []).map((r) => [r.taskId, r])),
    }));
    for (const entry of this.queue(ctx)) {
      if (entry.height > h - 2n) continue; // the extensions in this block were made before it was queued
      const id = entry.taskId;
      const task = this.market.submitted(ctx, id);
      if (!task) {
        this.state.queue.delete(ctx, id);
        continue;
      } // challenged or settled meanwhile
      const reports: VoteReport[] = [];
      for (const { v, reports: rs } of byVote) {
        const r = rs.get(id);
        if (r)
          reports.push({
            validator: v.validator,
            power: v.power,
            values: r.errorCode ? undefined : r.values,
            errorCode: r.errorCode || undefined,
          });
      }
      const c = aggregate(reports, totalPower);
      if (c.kind === 'none') {
        const attempts = entry.attempts + 1;
        if (attempts > p.maxVerificationRetries) {
          this.state.queue.delete(ctx, id);
          this.state.records.set(ctx, id, this.record(ctx, task, 'unverified', c, reports, totalPower, [], ''));
          if (task.challengedHeight > 0n)
            this.market.fallBackToRerun(ctx, id, 'too little voting power reported on the challenged result');
          emit(ctx, EVENT.unverified, [
            ['task_id', String(id)],
            ['reported_power', String(c.reportedPower)],
            ['total_power', String(totalPower)],
          ]);
        } else {
          this.state.queue.set(ctx, id, { ...entry, attempts });
          emit(ctx, EVENT.retry, [
            ['task_id', String(id)],
            ['attempts', String(attempts)],
            ['reported_power', String(c.reportedPower)],
          ]);
        }
        continue;
      }
      this.state.queue.delete(ctx, id);
      this.settle(ctx, task, c, reports, totalPower, entry.digest);
    }
  }

  private settle(
    ctx: Context,
    task: SubmittedTask,
    c: Exclude<Consensus, { kind: 'none' }>,
    reports: VoteReport[],
    totalPower: bigint,
    d: Digest | undefined,
  ): void {
    const full: CompareRule = this.models.ruleOf(ctx, task.modelId, task.result.shapes) ?? { kind: 'exact' };
    // A digested task compares digests: the consensus is one, the provider's output is digested here the same way.
    const rule = d ? digestRule(d, full, task.result.values.length) : full;
    const provided = d ? digest(d, task.result.values) : task.result.values;
    const agrees = (r: VoteReport): boolean =>
      c.kind === 'error'
        ? r.errorCode === c.code
        : !r.errorCode
          && !!r.values
          && r.values.length === c.values.length
          && this.comparer.compare(rule, c.values, r.values).match;
    const agreed = reports.map(agrees);
    let verdict: 'correct' | 'wrong' | 'failed',
      reason = '';
    if (c.kind === 'error') {
      verdict = 'failed';
      reason = `the model fails on this input: ${c.code}`;
    } else if (provided.length !== c.values.length) {
      verdict = 'wrong';
      reason = `${provided.length} values, consensus ${c.values.length}`;
    } else {
      const m = this.comparer.compare(rule, c.values, provided);
      verdict = m.match ? 'correct' : 'wrong';
      reason = m.match ? '' : m.reason;
    }
    this.state.records.set(ctx, task.id, this.record(ctx, task, verdict, c, reports, totalPower, agreed, reason));
    const rec = this.state.providers.get(ctx, task.provider) ?? { verified: 0n, lastFaultHeight: 0n };
    if (verdict === 'correct') this.state.providers.set(ctx, task.provider, { ...rec, verified: rec.verified + 1n });
    if (verdict === 'wrong')
      this.state.providers.set(ctx, task.provider, { ...rec, lastFaultHeight: ctx.block.height });
    emit(ctx, EVENT.settled, [
      ['task_id', String(task.id)],
      ['verdict', verdict],
      ['reason', reason],
      ['reported_power', String(reports.reduce((s, r) => s + r.power, 0n))],
      ['total_power', String(totalPower)],
    ]);
    if (verdict === 'failed') this.market.settleFailed(ctx, task.id, reason);
    else
      this.market.settleVerified(
        ctx,
        task.id,
        verdict === 'correct',
        reason,
        reports.filter((_, i) => agreed[i]),
      );
    reports.forEach((r, i) => {
      if (!agreed[i]) this.fault(ctx, r.validator, task.id);
    });
  }

  private record(
    ctx: Context,
    task: SubmittedTask,
    verdict: string,
    c: Consensus,
    reports: VoteReport[],
    totalPower: bigint,
    agreed: boolean[],
    reason: string,
  ): Record {
    const vr: ValidatorReport[] = reports.map((r, i) => ({
      validator: toHexUpper(r.validator),
      power: r.power,
      agreed: agreed[i] ?? false,
      errorCode: r.errorCode ?? '',
    }));
    return {
      taskId: task.id,
      height: ctx.block.height,
      verdict,
      reason,
      reports: vr,
      totalPower,
      consensusValues: c.kind === 'values' ? c.values : [],
      consensusError: c.kind === 'error' ? c.code : '',
      reportedPower: reports.reduce((s, r) => s + r.power, 0n),
    };
  }

  // ---- validator faults ----

  /** One fault in the window; more than max_faults: slashed and jailed, and the window starts afresh. */
  private fault(ctx: Context, cons: Uint8Array, taskId: bigint): void {
    const p = this.getParams(ctx);
    const h = ctx.block.height;
    const from = h >= p.faultWindowBlocks ? h - p.faultWindowBlocks + 1n : 0n;
    for (const k of [...this.state.faults.keys(ctx, { prefix: [cons], to: [cons, from] })])
      this.state.faults.delete(ctx, k);
    this.state.faults.add(ctx, [cons, h, taskId]);
    const inWindow = [...this.state.faults.keys(ctx, { prefix: [cons] })];
    emit(ctx, EVENT.fault, [
      ['validator', toHexUpper(cons)],
      ['task_id', String(taskId)],
      ['faults', String(inWindow.length)],
    ]);
    if (inWindow.length <= p.maxFaults) return;
    const until = ctx.block.time.seconds + p.faultJailSeconds;
    const slashed = this.slasher.slashAndJail(
      ctx,
      cons,
      p.slashFractionWrongInference,
      REASON_WRONG_INFERENCE,
      h,
      until,
    );
    for (const k of inWindow) this.state.faults.delete(ctx, k);
    emit(ctx, EVENT.slashed, [
      ['validator', toHexUpper(cons)],
      ['faults', String(inWindow.length)],
      ['slashed', String(slashed)],
      ['jailed_until', slashed ? String(until) : ''],
    ]);
  }
}
