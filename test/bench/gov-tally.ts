// Benchmark: the gov end-block tally against the number of delegations and of voters, on chains built from genesis
// (real AichainApp and CommitStore, 50 validators and 50 compute providers, D delegations spread evenly over them).
// A proposal in its voting period and V votes (from delegators spread over the targets) are written straight into a
// cache over the committed state; then, timed: the tally alone (GovKeeper.tally) and gov's whole end block on a
// throw-away cache (tally, decision, deleting the votes, status). The tally walks voters and their own delegations,
// never the delegations of those who did not vote: at a fixed V, figures should not move with D.
// Not a test: nothing here asserts timings. Run: node --import tsx test/bench/run.ts gov-tally
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CacheKV } from '../../chain/store/cachekv.js';
import { Context } from '../../chain/types/context.js';
import { toAddress } from '../../chain/types/address.js';
import { ProposalStatus, VoteOption } from '../../proto/gen/aichain/gov/v1/types.js';
import { GENESIS_TIME } from '../support/app-harness.js';
import { BENCH_CHAIN_ID, benchBlock, openBenchChain } from './staking-genesis.js';

const TARGETS = 100;
const WARMUP = 30;
const SAMPLES = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

interface Row {
  delegations: number;
  voters: number;
  tallyMs: number;
  endBlockMs: number;
}

interface Case {
  delegations: number;
  voters: number;
  /** One timed tally, one timed end block (on a throw-away cache). */
  sample(): [number, number];
}

/** A chain with `delegations`, and for each voter count a cache over it holding a proposal ending now and its votes. */
async function prepare(delegations: number, voterCounts: number[]) {
  const c = await openBenchChain({
    validators: TARGETS / 2,
    providers: TARGETS / 2,
    providerRewardShare: '0.2',
    delegatorsOf: () => delegations / TARGETS,
  });
  await benchBlock(c);
  const gov = c.app.wiring.gov;
  const h = c.app.store.version + 1n;
  const now = GENESIS_TIME.seconds + h;
  const ctxOver = (store: CacheKV) =>
    new Context(store, { height: h, time: { seconds: now, nanos: 0 }, chainId: BENCH_CHAIN_ID }, 'block');
  const cases: Case[] = voterCounts.map((voters) => {
    const base = new CacheKV(c.app.store.state);
    const ctx = ctxOver(base);
    gov.importProposal(ctx, {
      id: 1n,
      messages: [],
      status: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD,
      finalTallyResult: undefined,
      submitTime: now - 10n,
      depositEndTime: now,
      totalDeposit: [],
      votingStartTime: now - 10n,
      votingEndTime: now,
      metadata: '',
      title: 'bench',
      summary: 'bench',
      proposer: toAddress(c.delegators[0][0]),
      expedited: false,
      failedReason: '',
    });
    for (let i = 0; i < voters; i++) {
      const del = c.delegators[i % TARGETS][Math.floor(i / TARGETS)];
      const option = i % 3 === 0 ? VoteOption.VOTE_OPTION_NO : VoteOption.VOTE_OPTION_YES;
      gov.importVote(ctx, {
        proposalId: 1n,
        voter: toAddress(del),
        options: [{ option, weight: '1.000000000000000000' }],
        metadata: '',
      });
    }
    return {
      delegations: c.delegationCount,
      voters,
      sample(): [number, number] {
        let t0 = performance.now();
        gov.tally(ctx, 1n);
        const tallyMs = performance.now() - t0;
        const scratch = new CacheKV(base);
        t0 = performance.now();
        gov.endBlock(ctxOver(scratch));
        const endMs = performance.now() - t0;
        scratch.discard();
        return [tallyMs, endMs];
      },
    };
  });
  return { chain: c, cases };
}

export async function run(): Promise<Row[]> {
  const small = await prepare(1_000, [10, 100]);
  const big = await prepare(10_000, [10, 100]);
  const cases = [...small.cases, ...big.cases];
  const times = cases.map(() => ({ tally: [] as number[], end: [] as number[] }));
  try {
    // Round robin over the cases, so a busy machine slows them all alike.
    for (let s = 0; s < WARMUP + SAMPLES; s++)
      cases.forEach((c, i) => {
        const [tally, end] = c.sample();
        if (s < WARMUP) return;
        times[i].tally.push(tally);
        times[i].end.push(end);
      });
  } finally {
    await small.chain.close();
    await big.chain.close();
  }
  const rows: Row[] = cases.map((c, i) => ({
    delegations: c.delegations,
    voters: c.voters,
    tallyMs: median(times[i].tally),
    endBlockMs: median(times[i].end),
  }));
  const baseline = rows.find((r) => r.delegations === 10_000 && r.voters === 10)!;
  console.log(
    'delegations | voters | tally (median) | gov end block (median) | end block ÷ 10k delegations, 10 voters',
  );
  for (const r of rows)
    console.log(
      `${String(r.delegations).padStart(11)} | ${String(r.voters).padStart(6)} | ${r.tallyMs.toFixed(3).padStart(11)} ms | `
        + `${r.endBlockMs.toFixed(3).padStart(19)} ms | ${(r.endBlockMs / baseline.endBlockMs).toFixed(2)}`,
    );
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
