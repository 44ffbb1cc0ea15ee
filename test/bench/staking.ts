// Benchmark: staking and rewards cost against the number of delegations, on chains built from genesis (real
// AichainApp, real CommitStore on a temp LevelDB dir, so figures include the Merkle commit). 100 staking targets:
// 50 validators and 50 compute providers (provider_reward_share 0.2).
//  1. End-block cost: empty blocks (FinalizeBlock with every validator's COMMIT vote in decided_last_commit,
//     inflation on, so each block mints and allocates to all 100 targets; then Commit) with D delegations spread
//     evenly over the targets, for D = 100 (the baseline), 10k and 30k. F1 rewards make the block's work independent
//     of D: target ratio ≈ 1.
//  2. Withdraw cost: one MsgWithdrawRewards from a validator, and from a provider, with 10 vs 10,000 delegators,
//     after some reward blocks: (a) the keeper call inside a block context, (b) signed txs, the extra FinalizeBlock
//     time per tx of a block carrying 100 of them.
// Not a test: nothing here asserts timings. Run: node --import tsx test/bench/run.ts staking
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import secp from 'secp256k1';
import { TxRaw, TxBody, AuthInfo, SignDoc } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { MsgWithdrawRewards } from '../../proto/gen/aichain/distribution/v1/tx.js';
import { CacheKV } from '../../chain/store/cachekv.js';
import { Context } from '../../chain/types/context.js';
import { addressFromPubKey, PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { GENESIS_TIME } from '../support/app-harness.js';
import { BENCH_CHAIN_ID, benchBlock, openBenchChain, type BenchChain, type BenchChainSpec } from './staking-genesis.js';

const VALIDATORS = 50;
const PROVIDERS = 50;
const TARGETS = VALIDATORS + PROVIDERS;
const PROVIDER_REWARD_SHARE = '0.2';
const WARMUP_BLOCKS = 5;
const TIMED_BLOCKS = 30;
/** The hooks-only figure is cheap and noisier (ms): several samples after each timed block. */
const HOOK_SAMPLES_PER_BLOCK = 4;
/** Build the largest D only when its setup, extrapolated from the one before, should stay under this. */
const BIG_D_SETUP_BUDGET_S = 30;
const REWARD_BLOCKS = 10;
const WITHDRAW_WARMUP = 20;
const WITHDRAW_SAMPLES = 200;
const WITHDRAWERS = 10;
/** Delegations in each withdraw chain, whatever the measured targets' share of them (equal state sizes). */
const WITHDRAW_STATE_DELEGATIONS = 20_000;
/** Signed withdraws: SIGNERS delegators of each measured target hold keys; a block carries TXS_PER_BLOCK of their txs. */
const SIGNERS = 10;
const TXS_PER_BLOCK = 100;
const TX_BLOCK_PAIRS = 8;

const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const chainSpec = (
  delegatorsOf: BenchChainSpec['delegatorsOf'],
  namedDelegators?: BenchChainSpec['namedDelegators'],
): BenchChainSpec => ({
  validators: VALIDATORS,
  providers: PROVIDERS,
  providerRewardShare: PROVIDER_REWARD_SHARE,
  delegatorsOf,
  namedDelegators,
});
const blockCtx = (
  c: BenchChain,
  facts: { misbehavior?: []; lastCommit?: { round: number; votes: BenchChain['votes'] } } = {},
) => {
  const h = c.app.store.version + 1n;
  const cache = new CacheKV(c.app.store.state);
  return {
    cache,
    ctx: (mode: 'block' | 'deliver') =>
      new Context(
        cache,
        { height: h, time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 }, chainId: BENCH_CHAIN_ID, ...facts },
        mode,
      ),
  };
};

// ---- 1. end-block cost ----

interface EndBlockRow {
  delegations: number;
  setupS: number;
  finalizeMs: number;
  commitMs: number;
  medianMs: number;
  minMs: number;
  hooksMs: number;
  writes: number;
}

const delegatorsSpread = (d: number) => (t: number) => Math.floor(d / TARGETS) + (t < d % TARGETS ? 1 : 0);

async function openSpread(d: number): Promise<{ c: BenchChain; setupS: number }> {
  const t0 = performance.now();
  const c = await openBenchChain(chainSpec(delegatorsSpread(d)));
  try {
    const { res } = await benchBlock(c); // commits genesis with the first block: not a block's work
    // Both kinds of target must be paid every block, or this measures less than it claims.
    const paid = res.events
      .filter((e) => e.type === 'rewards')
      .map((e) => e.attributes.find((a) => a.key === 'validator')?.value ?? '');
    const providersPaid = paid.filter((a) => a.startsWith(`${PROVIDER_PREFIX}1`)).length;
    if (providersPaid !== PROVIDERS || paid.length !== TARGETS) {
      throw new Error(
        `bench: ${paid.length} targets (${providersPaid} providers) rewarded, want ${TARGETS} (${PROVIDERS}) — inflation or provider share off?`,
      );
    }
  } catch (e) {
    await c.close();
    throw e;
  }
  return { c, setupS: (performance.now() - t0) / 1000 }; // genesis build + InitChain + first commit
}

/**
 * The block hooks alone, as FinalizeBlock runs them for an empty block (every module's begin block, end block, then
 * staking's set update) on a fresh cache over committed state: the application's share of the block without the
 * Merkle tree, whose depth grows with the state (log n) whatever the modules do. Returns ms and keys written.
 */
function hooksOnly(c: BenchChain): { ms: number; writes: number } {
  const { cache, ctx: mk } = blockCtx(c, { misbehavior: [], lastCommit: { round: 0, votes: c.votes } });
  const ctx = mk('block');
  const { modules, staking } = c.app.wiring;
  const t = performance.now();
  for (const m of modules) m.beginBlock?.(ctx);
  for (const m of modules) m.endBlock?.(ctx);
  staking.activeSet.applyChanges(ctx);
  return { ms: performance.now() - t, writes: cache.changes().size };
}

/**
 * Every chain stays open and blocks run round-robin across them, so load from anything else on the machine falls
 * on all delegation counts alike instead of on whichever one ran at the time.
 */
async function endBlockCost(counts: number[]): Promise<EndBlockRow[]> {
  const chains: Array<{
    c: BenchChain;
    setupS: number;
    fin: number[];
    com: number[];
    tot: number[];
    hooks: number[];
    writes: number;
  }> = [];
  try {
    for (const d of counts) {
      const prev = d === counts[counts.length - 1] && chains.length >= 2 ? chains[chains.length - 1] : undefined;
      // The largest count only when its setup (≈ linear in delegations) should fit the budget.
      if (prev && (prev.setupS * d) / prev.c.delegationCount > BIG_D_SETUP_BUDGET_S) break;
      chains.push({ ...(await openSpread(d)), fin: [], com: [], tot: [], hooks: [], writes: 0 });
    }
    for (let b = 0; b < WARMUP_BLOCKS + TIMED_BLOCKS; b++) {
      for (const ch of chains) {
        const { finalizeMs, commitMs } = await benchBlock(ch.c);
        if (b < WARMUP_BLOCKS) continue;
        ch.fin.push(finalizeMs);
        ch.com.push(commitMs);
        ch.tot.push(finalizeMs + commitMs);
        for (let i = 0; i < HOOK_SAMPLES_PER_BLOCK; i++) {
          const hooks = hooksOnly(ch.c);
          ch.hooks.push(hooks.ms);
          ch.writes = hooks.writes;
        }
      }
    }
    return chains.map((ch) => ({
      delegations: ch.c.delegationCount,
      setupS: ch.setupS,
      finalizeMs: median(ch.fin),
      commitMs: median(ch.com),
      medianMs: median(ch.tot),
      minMs: Math.min(...ch.tot),
      hooksMs: median(ch.hooks),
      writes: ch.writes,
    }));
  } finally {
    for (const ch of chains) await ch.c.close();
  }
}

// ---- 2. withdraw cost ----

interface Key {
  priv: Uint8Array;
  pub: Uint8Array;
  addr: Uint8Array;
}
const keys = (n: number, from: number): Key[] =>
  Array.from({ length: n }, (_, i) => {
    const priv = sha(new TextEncoder().encode(`bench staking delegator key ${from + i}`));
    const pub = secp.publicKeyCreate(priv, true);
    return { priv, pub, addr: addressFromPubKey(pub) };
  });

function signedWithdraw(c: BenchChain, k: Key, target: string, sequenceOffset: bigint): Uint8Array {
  const acc = c.app.wiring.auth.getAccount(c.app.ctx(c.app.store.state), k.addr);
  if (!acc) throw new Error('bench: delegator account missing');
  const bodyBytes = TxBody.encode(
    TxBody.fromPartial({
      messages: [
        {
          typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards',
          value: MsgWithdrawRewards.encode(
            MsgWithdrawRewards.fromPartial({ delegatorAddress: toAddress(k.addr), validatorAddress: target }),
          ).finish(),
        },
      ],
    }),
  ).finish();
  const authInfoBytes = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: [
        {
          publicKey: { typeUrl: '/cosmos.crypto.secp256k1.PubKey', value: PubKey.encode({ key: k.pub }).finish() },
          modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
          sequence: acc.sequence + sequenceOffset,
        },
      ],
      fee: { amount: [{ denom: 'uaic', amount: '10000' }], gasLimit: 400000n },
    }),
  ).finish();
  const doc = SignDoc.encode({
    bodyBytes,
    authInfoBytes,
    chainId: BENCH_CHAIN_ID,
    accountNumber: acc.accountNumber,
  }).finish();
  const { signature } = secp.ecdsaSign(sha(doc), k.priv);
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
}

/** One measured target of a withdraw chain: validator 0 or the first provider. */
interface Hot {
  index: number;
  signers: Key[];
  us: number[];
  empty: number[];
  withTx: number[];
  delta: number[];
}
interface WithdrawChain {
  c: BenchChain;
  n: number;
  hot: Hot[];
}
interface WithdrawRow {
  kind: string;
  delegators: number;
  total: number;
  keeperUs: number;
  txUs: number;
  emptyFinalizeMs: number;
  txFinalizeMs: number;
}

async function openWithdrawChain(n: number): Promise<WithdrawChain> {
  const hot: Hot[] = [0, VALIDATORS].map((index, i) => ({
    index,
    signers: keys(Math.min(SIGNERS, n), i * SIGNERS),
    us: [],
    empty: [],
    withTx: [],
    delta: [],
  }));
  // The other targets share the rest of WITHDRAW_STATE_DELEGATIONS (at least one each), so every chain holds about
  // the same state and only the measured targets' delegator count differs.
  const others = Math.max(1, Math.ceil((WITHDRAW_STATE_DELEGATIONS - hot.length * n) / (TARGETS - hot.length)));
  const c = await openBenchChain(
    chainSpec(
      (t) => (hot.some((h) => h.index === t) ? n : others),
      (t) => hot.find((h) => h.index === t)?.signers.map((k) => k.addr) ?? [],
    ),
  );
  return { c, n, hot };
}

/** (a) The keeper call on a fresh cache over the committed state: the first withdraw of the next block. */
function keeperWithdrawUs(c: BenchChain, h: Hot, sample: number): number {
  // The same 10 delegators withdraw in every chain (each many times: the cache is dropped), so the chains differ only
  // in how many others share the target, not in how warm the withdrawing delegators' entries are.
  const del = c.delegators[h.index][sample % WITHDRAWERS];
  const ctx = blockCtx(c).ctx('deliver');
  const t = performance.now();
  const paid = c.app.wiring.distribution.withdrawRewardsMsg(ctx, toAddress(del), c.targets[h.index].address);
  const us = (performance.now() - t) * 1000;
  if (!paid.length) throw new Error('bench: a withdraw paid nothing — no rewards accrued?');
  return us;
}

/** The chains stay open and samples alternate between them (as in the end-block part). */
async function withdrawCost(counts: number[]): Promise<WithdrawRow[]> {
  const chains: WithdrawChain[] = [];
  try {
    for (const n of counts) chains.push(await openWithdrawChain(n));
    for (let b = 0; b <= REWARD_BLOCKS; b++) for (const w of chains) await benchBlock(w.c);
    for (let i = 0; i < WITHDRAW_WARMUP + WITHDRAW_SAMPLES; i++) {
      for (const w of chains)
        for (const h of w.hot) {
          const us = keeperWithdrawUs(w.c, h, i);
          if (i >= WITHDRAW_WARMUP) h.us.push(us);
        }
    }
    // (b) Signed txs: FinalizeBlock of a block carrying TXS_PER_BLOCK withdraws against that of the empty block before
    // it, per tx (one tx alone is lost in the block's noise). Signers repeat with the next sequence.
    for (let i = 0; i < TX_BLOCK_PAIRS; i++) {
      for (const w of chains)
        for (const h of w.hot) {
          const txs = Array.from({ length: TXS_PER_BLOCK }, (_, j) =>
            signedWithdraw(
              w.c,
              h.signers[j % h.signers.length],
              w.c.targets[h.index].address,
              BigInt(Math.floor(j / h.signers.length)),
            ),
          );
          const e = (await benchBlock(w.c)).finalizeMs;
          const t = (await benchBlock(w.c, txs)).finalizeMs;
          h.empty.push(e);
          h.withTx.push(t);
          h.delta.push((t - e) / TXS_PER_BLOCK);
        }
    }
    return chains.flatMap((w) =>
      w.hot.map((h) => ({
        kind: w.c.targets[h.index].kind,
        delegators: w.c.delegators[h.index].length,
        total: w.c.delegationCount,
        keeperUs: median(h.us),
        txUs: median(h.delta) * 1000,
        emptyFinalizeMs: median(h.empty),
        txFinalizeMs: median(h.withTx),
      })),
    );
  } finally {
    for (const w of chains) await w.c.close();
  }
}

// ---- report ----

export async function run(): Promise<void> {
  const start = performance.now();
  const rows = await endBlockCost([100, 10_000, 30_000]);
  const w = await withdrawCost([10, 10_000]);

  const f = (n: number, d = 2) => n.toFixed(d);
  const base = rows[0];
  console.log(
    `\n## end-block cost: empty block, ${VALIDATORS} validators (all COMMIT votes in decided_last_commit) + ${PROVIDERS} providers, inflation minted and allocated to all ${TARGETS} (provider share ${PROVIDER_REWARD_SHARE})`,
  );
  console.log(
    `(FinalizeBlock + Commit on a LevelDB CommitStore; median of ${TIMED_BLOCKS} after ${WARMUP_BLOCKS} warm-up blocks, chains run round-robin;`,
  );
  console.log(
    ` hooks only: begin/end-block hooks + validator-set update on a cache over committed state, no Merkle tree, median of ${TIMED_BLOCKS * HOOK_SAMPLES_PER_BLOCK}; keys written per block)`,
  );
  console.log(
    '| delegations | setup s | FinalizeBlock ms | Commit ms | block median ms | block min ms | block ratio vs D=100 | hooks only ms | hooks ratio | keys written |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.delegations} | ${f(r.setupS, 1)} | ${f(r.finalizeMs)} | ${f(r.commitMs)} | ${f(r.medianMs)} | ${f(r.minMs)} | ${f(r.medianMs / base.medianMs)} | ${f(r.hooksMs)} | ${f(r.hooksMs / base.hooksMs)} | ${r.writes} |`,
    );
  }
  const worst = (k: (r: EndBlockRow) => number) => f(Math.max(...rows.map((r) => k(r) / k(base))));
  console.log(
    `target: independent of the delegation count (ratio ≈ 1.0) → worst ratio: whole block ${worst((r) => r.medianMs)}, hooks only ${worst((r) => r.hooksMs)}`,
  );
  const writes = new Set(rows.map((r) => r.writes));
  console.log(
    writes.size === 1
      ? `keys written per block: ${rows[0].writes} at every D (what grows with D is the Merkle tree's depth, log of the state size: see store-commit)`
      : `keys written per block DIFFER with D: ${rows.map((r) => `${r.delegations}: ${r.writes}`).join(', ')}`,
  );

  console.log(
    `\n## withdraw cost: one MsgWithdrawRewards after ${REWARD_BLOCKS} reward blocks, by the target's delegator count (same state size in both chains)`,
  );
  console.log(
    `(keeper: DistributionKeeper.withdrawRewardsMsg in a deliver context on a fresh cache over committed state, by the same ${WITHDRAWERS} delegators in turn, median of ${WITHDRAW_SAMPLES};`,
  );
  console.log(
    ` signed tx: (FinalizeBlock of a block with ${TXS_PER_BLOCK} signed withdraw txs − FinalizeBlock of the empty block before it) / ${TXS_PER_BLOCK}, median of ${TX_BLOCK_PAIRS} pairs)`,
  );
  console.log(
    `| target | its delegators | delegations in state | keeper µs | signed tx µs (block delta / tx) | empty FinalizeBlock ms | FinalizeBlock with ${TXS_PER_BLOCK} txs ms |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of w)
    console.log(
      `| ${r.kind} | ${r.delegators} | ${r.total} | ${f(r.keeperUs, 0)} | ${f(r.txUs, 0)} | ${f(r.emptyFinalizeMs)} | ${f(r.txFinalizeMs)} |`,
    );
  for (const kind of ['validator', 'provider']) {
    const [small, big] = [
      w.find((r) => r.kind === kind && r.delegators === 10),
      w.find((r) => r.kind === kind && r.delegators !== 10),
    ];
    if (small && big)
      console.log(
        `${kind}: ratio ${big.delegators}/${small.delegators} delegators: keeper ${f(big.keeperUs / small.keeperUs)}, signed tx ${f(big.txUs / small.txUs)} (target ≈ 1.0: F1 withdraws are O(1) in delegators)`,
      );
  }
  console.log(`(bench wall time ${f((performance.now() - start) / 1000, 1)} s)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
